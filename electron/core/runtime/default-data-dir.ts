import os from 'node:os';
import path from 'node:path';

/**
 * The per-user app data dir, where Electron's app.getPath('userData') points for an app
 * named launchdesk, so the desktop app and the headless host share one history.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'launchdesk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'launchdesk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'launchdesk');
}

/** Paper trading keeps its own history: a paper purchase must never block a real buy. */
export function defaultDataDir(mode: 'paper' | 'live'): string {
  return path.join(userDataDir(), mode);
}
