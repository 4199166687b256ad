import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Which browser the end-to-end tests drive. Never a downloaded build: an explicit path from
 * the environment, else the distribution's Chromium, else Playwright's own only if someone
 * installed it on purpose (the config checks that one exists before any test runs).
 */
const systemChromiums = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.LAUNCHDESK_CHROMIUM || env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`the Chromium named by LAUNCHDESK_CHROMIUM / PLAYWRIGHT_CHROMIUM_EXECUTABLE does not exist: ${fromEnv}`);
    return fromEnv;
  }
  return systemChromiums.find((candidate) => existsSync(candidate));
}

/**
 * --no-sandbox because CI runs as root, where Chromium's sandbox refuses to start; the rest
 * keep a test browser from phoning home or doing work nobody asked for.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Electron binary when it is really installed; the npm package alone has no binary here. */
export function electronExecutable(): string | undefined {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    // electron/index.js throws when its download step never ran (package.json allowScripts).
    return undefined;
  }
}

export const noElectronReason =
  'Electron binary not installed (its download step is disabled in package.json allowScripts; fetch it with `node node_modules/electron/install.js`)';
