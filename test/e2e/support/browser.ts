import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

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

/**
 * The Electron binary when it is really installed; the npm package alone has no binary here.
 * Read from the package's path.txt: `require('electron')` would start a download.
 */
export function electronExecutable(): string | undefined {
  const pkg = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export const noElectronReason =
  'Electron binary not installed (its download step is disabled in package.json allowScripts; fetch it with `node node_modules/electron/install.js`)';
