import { _electron, type ElectronApplication } from '@playwright/test';
import type { BuildOptions } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from './browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let built: Promise<void> | undefined;

/** The main and preload bundles, built as scripts/start.mjs builds them (once per worker). */
function buildMainBundles(): Promise<void> {
  built ??= (async () => {
    const esbuild = await import('esbuild');
    const common: BuildOptions = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', external: ['electron'], logLevel: 'warning' };
    await esbuild.build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', packages: 'external' });
    await esbuild.build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' });
  })();
  return built;
}

/** The desktop app on `dataDir` with the same flags `serve` takes. */
export async function launchDesktopApp(executablePath: string, dataDir: string, flags: string[]): Promise<ElectronApplication> {
  await buildMainBundles();
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  // Root (CI) needs --no-sandbox for Electron's Chromium as for the browser.
  return _electron.launch({ executablePath, args: [...chromiumArgs, root, '--data-dir', dataDir, ...flags], cwd: root, env: env as Record<string, string> });
}
