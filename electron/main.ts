import { app, BrowserWindow, ipcMain, session } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildEngine } from './core/runtime/build-engine.js';
import { defaultRunOptions } from './core/runtime/run-options.js';
import { electronStoreFactory } from './host/electron-store-factory.js';
import { startIpcHost, type IpcHost } from './host/ipc-host.js';
import { findRendererDir } from './host/renderer-location.js';
import { contentSecurityPolicy } from './host/security-headers.js';

/**
 * The Electron entry: builds the engine, one locked-down window, and the IPC host between
 * them. Everything with logic lives in electron/core and electron/host, tested in Node.
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
  await app.whenReady();
  lockDownSession();
  // Same engine, feed and data dir as `npm run serve` by default: paper trading on the simulator.
  const run = defaultRunOptions(path.join(app.getPath('userData'), 'paper'));
  const engine = buildEngine(run, { storeFactory: electronStoreFactory, log: (line) => console.log(line) });
  await engine.start();
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
}

main().catch((error: unknown) => {
  console.error('launchdesk failed to start', error);
  app.exit(1);
});
