import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildRuntime } from './core/runtime/build-engine.js';
import type { LiveSetup } from './core/runtime/build-live.js';
import { describeFeed } from './core/runtime/describe-feed.js';
import type { RunOptions } from './core/runtime/run-options.js';
import { checkDataDirMode, StartRefusedError } from './core/runtime/start-refused.js';
import { systemClock } from './core/time/clock.js';
import { desktopUsage, parseDesktopFlags, type DesktopOptions } from './host/desktop-argv.js';
import { electronStoreFactory } from './host/electron-store-factory.js';
import { prepareDesktopLive } from './host/desktop-live-start.js';
import { openDesktopLiveWallet } from './host/desktop-live-wallet.js';
import { showOpenDialogOf } from './host/desktop-wallet.js';
import { promptPassphrase, type PassphraseRequest } from './host/passphrase-prompt.js';
import { keychainBox } from './host/safe-storage-box.js';
import { startIpcHost, type IpcHost } from './host/ipc-host.js';
import { findRendererDir } from './host/renderer-location.js';
import { contentSecurityPolicy } from './host/security-headers.js';
import { UsageError } from './serve-flags.js';

/**
 * The Electron entry: reads the same flags as `serve`, builds the same engine, one
 * locked-down window on the console, and the IPC host between them. Everything with logic
 * lives in electron/core and electron/host, tested in Node.
 */

// Built by scripts/start.mjs next to this file as dist/electron/{main.js,preload.cjs}.
const here = path.dirname(fileURLToPath(import.meta.url));
const devUrl = process.env.LAUNCHDESK_DEV_URL;

function appUrl(): string {
  if (devUrl) return devUrl;
  const dir = findRendererDir(app.getAppPath());
  if (dir === null) throw new Error(`no renderer found under ${app.getAppPath()}`);
  return pathToFileURL(path.join(dir, 'index.html')).href;
}

/** The flags, or null after telling the user (a window app may have no terminal) and exiting 2. */
function flagsOrExit(): DesktopOptions | null {
  try {
    return parseDesktopFlags(process.argv, { defaultApp: process.defaultApp === true, userDataDir: app.getPath('userData') });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`launchdesk: ${error.message}\n\n${desktopUsage}\n`);
    dialog.showErrorBox('launchdesk: bad command line', `${error.message}\n\n${desktopUsage}`);
    app.exit(2);
    return null;
  }
}

/**
 * Paper: nothing. Live (electron/host/desktop-live-start.ts): the wallet (--wallet FILE, or the
 * one kept in the live data dir), confirmed by typing its public key in a window (or by
 * --confirm-live and one native box). Null after telling the user and exiting: 2 refused, 0 cancelled.
 */
async function prepareOrExit(run: RunOptions): Promise<{ live: LiveSetup | undefined } | null> {
  const ask = (request: PassphraseRequest) => promptPassphrase((options) => new BrowserWindow(options), undefined, request);
  try {
    checkDataDirMode(run.dataDir, run.mode);
    if (run.mode === 'paper') return { live: undefined };
    const live = await prepareDesktopLive(run, {
      clock: systemClock,
      openStoredWallet: async () =>
        openDesktopLiveWallet({
          context: { dataDir: run.dataDir, keychain: await keychainBox(safeStorage, process.platform) },
          showOpenDialog: showOpenDialogOf(dialog),
          askPassphrase: ask,
        }),
      ask,
      confirmBox: async (options) => (await dialog.showMessageBox(options)).response,
      notice: (message) => process.stdout.write(`wallet: ${message}\n`),
    });
    if (live) return { live };
    app.exit(0);
    return null;
  } catch (error) {
    if (!(error instanceof StartRefusedError)) throw error;
    process.stderr.write(`launchdesk: ${error.message}\n`);
    dialog.showErrorBox('launchdesk cannot start', error.message);
    app.exit(2);
    return null;
  }
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  // Every response gets the CSP; file:// pages also carry it in a meta tag, since not every
  // Electron version runs webRequest hooks for file:// loads.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

function createWindow(url: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'launchdesk',
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  const contents = win.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL(url);
  return win;
}

async function main(): Promise<void> {
  const options = flagsOrExit();
  if (options === null) return;
  const { run } = options;
  await app.whenReady();
  const prepared = await prepareOrExit(run);
  if (prepared === null) return;
  const { live } = prepared;
  lockDownSession();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  // Same runtime as `npm run serve`: feed, modules, paper trader; electron-store for the files.
  const { engine, notes } = buildRuntime(run, {
    ...(live ? { live } : {}),
    storeFactory: electronStoreFactory,
    log: options.quiet ? () => undefined : say,
    onAlert: (a) => process.stderr.write(`[${a.level}] ${a.source}: ${a.message}\n`),
  });
  await engine.start();
  say(`launchdesk desktop: instance ${engine.instanceId}, ${run.mode} trading, feed ${describeFeed(run.feed)}`);
  if (!options.quiet) {
    for (const note of notes) say(`note: ${note}`);
    if (options.runtimeSwitches.length > 0) say(`left to Electron/Chromium: ${options.runtimeSwitches.map((s) => `--${s}`).join(' ')}`);
  }
  say(`data dir: ${run.dataDir}`);
  const url = appUrl();
  const win = createWindow(url);
  let host: IpcHost | null = startIpcHost({ ipcMain, webContents: win.webContents, engine: engine.port, appUrl: url, logger: console });

  app.on('window-all-closed', () => app.quit());
  let stopping = false;
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    // Hold the quit until buys in flight settle and the data dir is released.
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    host?.close();
    host = null;
    engine
      .stop()
      .catch((error: unknown) => console.error('engine stop failed', error))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  if (options.durationS !== undefined) setTimeout(() => app.quit(), options.durationS * 1_000);
}

main().catch((error: unknown) => {
  console.error('launchdesk failed to start', error);
  // Started from a desktop launcher there is no terminal to read the line above.
  dialog.showErrorBox('launchdesk could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
