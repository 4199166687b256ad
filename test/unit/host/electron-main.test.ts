import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { findRendererDir } from '../../../electron/host/renderer-location.js';
import { INVOKE_CHANNEL } from '../../../shared/wire.js';

/** electron/main.ts against stand-ins for Electron and the engine: the window's lock-down. */
const h = vi.hoisted(() => {
  type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const appEvents = new Map<string, Fn>();
  const contentsEvents = new Map<string, Fn>();
  const state = {
    windowOptions: null as null | { webPreferences: Record<string, unknown> },
    loadedUrl: '',
    openHandler: null as null | Fn,
    headersHook: null as null | Fn,
    permissionRequest: null as null | Fn,
    permissionCheck: null as null | Fn,
    ipcHandlers: new Map<string, Fn>(),
    quits: 0,
  };
  const engine = { start: vi.fn(async () => {}), stop: vi.fn(async () => {}), options: null as unknown };
  return { appEvents, contentsEvents, state, engine };
});

vi.mock('electron', () => {
  const webContents = {
    id: 1,
    on: (event: string, fn: () => void) => h.contentsEvents.set(event, fn),
    setWindowOpenHandler: (fn: () => unknown) => (h.state.openHandler = fn),
    send: () => {},
    isDestroyed: () => false,
  };
  class BrowserWindow {
    webContents = webContents;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      h.state.windowOptions = options;
    }
    loadURL(url: string) {
      h.state.loadedUrl = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => `/tmp/launchdesk-${name}`,
      getAppPath: () => process.cwd(),
      on: (event: string, fn: () => void) => h.appEvents.set(event, fn),
      quit: () => {
        h.state.quits++;
      },
      exit: (code: number) => {
        throw new Error(`app.exit(${code})`);
      },
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: () => unknown) => h.state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => h.state.ipcHandlers.delete(channel),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: () => void) => (h.state.headersHook = fn) },
        setPermissionRequestHandler: (fn: () => void) => (h.state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: () => boolean) => (h.state.permissionCheck = fn),
      },
    },
  };
});

vi.mock('../../../electron/core/runtime/build-engine.js', async () => {
  const { fakeEngine } = await import('./fake-engine.js');
  return {
    buildEngine: (run: unknown, extra: unknown) => {
      h.engine.options = { run, extra };
      return { port: fakeEngine().port, start: h.engine.start, stop: h.engine.stop };
    },
  };
});

// electron-store needs the Electron runtime; the factory is only passed through here.
vi.mock('../../../electron/host/electron-store-factory.js', () => ({ electronStoreFactory: 'electron-store-factory' }));

describe('electron/main.ts', async () => {
  await import('../../../electron/main.js');
  await vi.waitFor(() => expect(h.state.ipcHandlers.has(INVOKE_CHANNEL)).toBe(true), { timeout: 2_000 });
  const { state } = h;

  it('starts the paper engine on the userData dir, with electron-store for the files', () => {
    expect(h.engine.options).toMatchObject({
      run: { dataDir: path.join('/tmp/launchdesk-userData', 'paper'), mode: 'paper', feed: { kind: 'sim' } },
      extra: { storeFactory: 'electron-store-factory' },
    });
    expect(h.engine.start).toHaveBeenCalledOnce();
  });

  it('opens one isolated, sandboxed window on the bundled renderer', () => {
    expect(state.windowOptions?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(state.windowOptions?.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(state.loadedUrl).toBe(pathToFileURL(path.join(findRendererDir(process.cwd())!, 'index.html')).href);
  });

  it('denies navigation, new windows and permissions', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      h.contentsEvents.get(event)!({ preventDefault });
      expect(preventDefault, event).toHaveBeenCalled();
    }
    expect(state.openHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    const answer = vi.fn();
    state.permissionRequest!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(state.permissionCheck!()).toBe(false);
  });

  it('puts the strict CSP on every response', () => {
    const callback = vi.fn();
    state.headersHook!({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['X-Other']).toEqual(['1']);
    const csp = headers['Content-Security-Policy']![0]!;
    for (const part of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(part);
    }
  });

  it('on quit: holds it, closes the IPC host, stops the engine once, then quits', async () => {
    const beforeQuit = h.appEvents.get('before-quit')!;
    const first = { preventDefault: vi.fn() };
    beforeQuit(first);
    beforeQuit({ preventDefault: vi.fn() });
    expect(first.preventDefault).toHaveBeenCalled();
    expect(state.ipcHandlers.size).toBe(0);
    await vi.waitFor(() => expect(state.quits).toBe(1));
    expect(h.engine.stop).toHaveBeenCalledOnce();
    const last = { preventDefault: vi.fn() };
    beforeQuit(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });
});
