import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findRendererDir } from '../../../electron/host/renderer-location.js';
import { EVENTS_CHANNEL, INVOKE_CHANNEL } from '../../../shared/wire.js';
import { sampleAttempt, sampleStatus, type FakeEngine } from './fake-engine.js';
import { openLedgerDb } from '../../../electron/core/ledger/open-ledger.js';
import { tempDataDir } from '../../support/engine-fixture.js';
import { throwawayWalletFile } from '../../support/wallet-file.js';

/** electron/main.ts against stand-ins for Electron and the engine: flags, lock-down, IPC wiring. */
const h = vi.hoisted(() => {
  type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const fresh = () => ({
    appEvents: new Map<string, Fn>(),
    contentsEvents: new Map<string, Fn>(),
    windowOptions: null as null | { webPreferences: Record<string, unknown> },
    loadedUrl: '',
    openHandler: null as null | Fn,
    headersHook: null as null | Fn,
    permissionRequest: null as null | Fn,
    permissionCheck: null as null | Fn,
    ipcHandlers: new Map<string, Fn>(),
    sent: [] as { channel: string; args: unknown[] }[],
    errorBoxes: [] as { title: string; content: string }[],
    messageBoxes: [] as { message: string; detail: string; buttons: string[]; defaultId: number }[],
    messageBoxResponse: 0,
    exitCode: null as null | number,
    quits: 0,
    whenReadyCalls: 0,
    runtime: null as null | { run: Record<string, unknown>; extra: Record<string, unknown> },
    engine: null as null | FakeEngine,
    engineStart: vi.fn(async () => {}),
    engineStop: vi.fn(async () => {}),
  });
  return { state: fresh(), fresh };
});

vi.mock('electron', () => {
  const webContents = {
    id: 1,
    on: (event: string, fn: () => void) => h.state.contentsEvents.set(event, fn),
    setWindowOpenHandler: (fn: () => unknown) => (h.state.openHandler = fn),
    send: (channel: string, ...args: unknown[]) => h.state.sent.push({ channel, args }),
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
      whenReady: () => {
        h.state.whenReadyCalls++;
        return Promise.resolve();
      },
      getPath: (name: string) => `/tmp/launchdesk-${name}`,
      getAppPath: () => process.cwd(),
      on: (event: string, fn: () => void) => h.state.appEvents.set(event, fn),
      quit: () => {
        h.state.quits++;
      },
      exit: (code: number) => {
        h.state.exitCode = code;
      },
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => h.state.errorBoxes.push({ title, content }),
      showMessageBox: async (options: { message: string; detail: string; buttons: string[]; defaultId: number }) => {
        h.state.messageBoxes.push(options);
        return { response: h.state.messageBoxResponse };
      },
    },
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
    buildRuntime: (run: Record<string, unknown>, extra: Record<string, unknown>) => {
      h.state.runtime = { run, extra };
      if (run.dataDir === '/tmp/ld-broken') throw new Error('the data dir /tmp/ld-broken is on a network filesystem');
      const engine = fakeEngine();
      h.state.engine = engine;
      return {
        engine: { port: engine.port, instanceId: 'i-test', start: h.state.engineStart, stop: h.state.engineStop },
        notes: ['a note from the runtime'],
      };
    },
  };
});

// electron-store needs the Electron runtime; the factory is only passed through here.
vi.mock('../../../electron/host/electron-store-factory.js', () => ({ electronStoreFactory: 'electron-store-factory' }));

const argv0 = process.argv;
const defaultApp0 = (process as { defaultApp?: boolean }).defaultApp;

/** Runs main.ts afresh as `electron <app> ...args`, until its window is up or it has exited. */
async function launch(...args: string[]) {
  h.state = h.fresh();
  process.argv = ['/opt/electron/electron', process.cwd(), ...args];
  (process as { defaultApp?: boolean }).defaultApp = true;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.resetModules();
  await import('../../../electron/main.js');
  await vi.waitFor(() => expect(h.state.ipcHandlers.has(INVOKE_CHANNEL) || h.state.exitCode !== null).toBe(true), { timeout: 2_000 });
  return h.state;
}

afterEach(() => {
  process.argv = argv0;
  (process as { defaultApp?: boolean }).defaultApp = defaultApp0;
  vi.restoreAllMocks();
});

const fromWindow = (url: string) => ({ sender: { id: 1 }, senderFrame: { url, parent: null } });

describe('electron/main.ts: flags', () => {
  it('with no flags: the paper engine on the simulator, in userData/paper, with electron-store', async () => {
    const state = await launch();
    expect(state.runtime).toMatchObject({
      run: { dataDir: path.join('/tmp/launchdesk-userData', 'paper'), mode: 'paper', feed: { kind: 'sim', seed: 1 } },
      extra: { storeFactory: 'electron-store-factory' },
    });
    expect(state.engineStart).toHaveBeenCalledOnce();
  });

  it('takes the flags of serve, leaving Chromium’s switches alone', async () => {
    const state = await launch('--data-dir', '/tmp/ld-x', '--sim-seed', '5', '--modules', 'sniper,trending', '--fail-rate', '0.5', '--no-sandbox', '--inspect=0');
    expect(state.runtime?.run).toMatchObject({
      dataDir: '/tmp/ld-x',
      feed: { kind: 'sim', seed: 5 },
      modules: ['sniper', 'trending'],
      paper: { failRate: 0.5 },
    });
    const printed = vi.mocked(process.stdout.write).mock.calls.map((c) => String(c[0])).join('');
    expect(printed).toContain('left to Electron/Chromium: --no-sandbox --inspect');
    expect(printed).toContain('note: a note from the runtime');
    expect(printed).toContain('data dir: /tmp/ld-x');
  });

  it('a bad flag: the reason and the usage on stderr and in an error box, exit 2, no engine, no window', async () => {
    const state = await launch('--sim-seed', 'nope');
    expect(state.exitCode).toBe(2);
    expect(state.errorBoxes).toHaveLength(1);
    expect(state.errorBoxes[0]!.content).toMatch(/--sim-seed must be an integer/);
    expect(state.errorBoxes[0]!.content).toMatch(/usage: launchdesk \[flags\]/);
    expect(String(vi.mocked(process.stderr.write).mock.calls[0]?.[0])).toMatch(/--sim-seed must be an integer/);
    expect(state.runtime).toBeNull();
    expect(state.windowOptions).toBeNull();
    expect(state.whenReadyCalls).toBe(0);
  });

  it('an engine that cannot start: the reason in an error box, exit 1, no window', async () => {
    const state = await launch('--data-dir', '/tmp/ld-broken');
    expect(state.exitCode).toBe(1);
    expect(state.errorBoxes).toEqual([{ title: 'launchdesk could not start', content: 'the data dir /tmp/ld-broken is on a network filesystem' }]);
    expect(state.windowOptions).toBeNull();
  });

  it('--port is the headless host’s: refused with the reason', async () => {
    const state = await launch('--port', '9000');
    expect(state.exitCode).toBe(2);
    expect(state.errorBoxes[0]!.content).toMatch(/--port applies to the headless console only/);
  });

  it('--duration quits the app after that many seconds', async () => {
    const state = await launch('--duration', '0.2');
    const started = Date.now();
    expect(state.quits).toBe(0);
    await vi.waitFor(() => expect(state.quits).toBe(1), { timeout: 2_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});

describe('electron/main.ts: going live', () => {
  const liveArgs = (file: string, confirm: string) => ['--mode', 'live', '--data-dir', tempDataDir(), '--rpc-url', 'http://127.0.0.1:9', '--wallet', file, '--confirm-live', confirm, '--feed', 'rpc'];

  it('a confirmation that does not name the wallet: what to type, in an error box, exit 2, no engine', async () => {
    const wallet = throwawayWalletFile();
    const state = await launch(...liveArgs(wallet.file, '11111111'));
    expect(state.exitCode).toBe(2);
    expect(state.errorBoxes).toEqual([
      {
        title: 'launchdesk cannot start',
        content: `--confirm-live does not name the wallet in ${wallet.file}: its public key is ${wallet.publicKey}. To trade live with this wallet, add --confirm-live ${wallet.publicKey.slice(0, 8)} (or the whole key)`,
      },
    ]);
    expect(state.runtime).toBeNull();
    expect(state.windowOptions).toBeNull();
  });

  it('a wallet file others can read is refused with the chmod to run', async () => {
    const wallet = throwawayWalletFile(0o644);
    const state = await launch(...liveArgs(wallet.file, wallet.publicKey.slice(0, 8)));
    expect(state.exitCode).toBe(2);
    expect(state.errorBoxes[0]?.content).toMatch(/^--wallet: wallet file .* can be read or changed by other users \(mode 0644\); run: chmod 600 /);
    expect(state.runtime).toBeNull();
  });

  it('live on a paper data dir is refused before anything opens it for writing', async () => {
    const wallet = throwawayWalletFile();
    const args = liveArgs(wallet.file, wallet.publicKey);
    openLedgerDb(args[3]!, { mode: 'paper' }).close();
    const state = await launch(...args);
    expect(state.exitCode).toBe(2);
    expect(state.errorBoxes[0]?.content).toMatch(/holds paper trading and this run is live trading/);
  });
});

describe('electron/main.ts: window and IPC', () => {
  let state: typeof h.state;
  beforeAll(async () => {
    state = await launch();
  });

  it('opens one isolated, sandboxed window on the bundled renderer', () => {
    expect(state.windowOptions?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(state.windowOptions?.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(state.loadedUrl).toBe(pathToFileURL(path.join(findRendererDir(process.cwd())!, 'index.html')).href);
  });

  it('answers the window’s calls through the engine, and refuses any other frame', async () => {
    const invoke = state.ipcHandlers.get(INVOKE_CHANNEL)!;
    const answer = await invoke(fromWindow(`${state.loadedUrl}#/feed`), { name: 'status.get', input: {} });
    expect(answer).toEqual({ ok: true, value: sampleStatus() });
    expect(state.engine!.calls.map((c) => c.name)).toEqual(['status.get']);
    const refused = await invoke(fromWindow('https://evil.example/'), { name: 'killSwitch.set', input: { on: false } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const subFrame = await invoke({ sender: { id: 1 }, senderFrame: { url: state.loadedUrl, parent: {} } }, { name: 'killSwitch.set', input: { on: false } });
    expect(subFrame).toMatchObject({ ok: false });
    const bad = await invoke(fromWindow(state.loadedUrl), 'not a message');
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(state.engine!.calls.map((c) => c.name)).toEqual(['status.get']);
  });

  it('pushes the engine’s events to the window on the events channel', async () => {
    state.engine!.emit('attempt', sampleAttempt('pushed-1'));
    await vi.waitFor(() => expect(state.sent.some((s) => s.channel === EVENTS_CHANNEL)).toBe(true));
    const batch = state.sent.find((s) => s.channel === EVENTS_CHANNEL)!.args[0] as { seq: number; name: string; payload: { attemptId: string } }[];
    expect(batch.map((e) => [e.seq, e.name, e.payload.attemptId])).toEqual([[1, 'attempt', 'pushed-1']]);
  });

  it('denies navigation, new windows and permissions', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      state.contentsEvents.get(event)!({ preventDefault });
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
    const beforeQuit = state.appEvents.get('before-quit')!;
    const first = { preventDefault: vi.fn() };
    beforeQuit(first);
    beforeQuit({ preventDefault: vi.fn() });
    expect(first.preventDefault).toHaveBeenCalled();
    expect(state.ipcHandlers.size).toBe(0);
    await vi.waitFor(() => expect(state.quits).toBe(1));
    expect(state.engineStop).toHaveBeenCalledOnce();
    const last = { preventDefault: vi.fn() };
    beforeQuit(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });
});
