import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/time/clock.js';
import { isAppUrl } from '../../../electron/host/app-url.js';
import {
  startIpcHost,
  type IpcInvokeEventLike,
  type IpcMainLike,
  type WebContentsLike,
} from '../../../electron/host/ipc-host.js';
import { EVENTS_CHANNEL, INVOKE_CHANNEL, type PushedEvent } from '../../../shared/wire.js';
import { fakeEngine, sampleAttempt, sampleStatus } from './fake-engine.js';

const appUrl = 'file:///opt/launchdesk/renderer/index.html';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(event: IpcInvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(INVOKE_CHANNEL);
    if (!listener) throw new Error('no handler');
    return Promise.resolve(listener(event, ...args));
  }
}

class FakeWebContents implements WebContentsLike {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  constructor(readonly id: number) {}
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

function setup(engine = fakeEngine()) {
  const ipcMain = new FakeIpcMain();
  const webContents = new FakeWebContents(7);
  const clock = new ManualClock();
  const warnings: { message: string; details?: Record<string, unknown> }[] = [];
  const logger = { info: () => {}, warn: (message: string, details?: Record<string, unknown>) => warnings.push({ message, details }) };
  const host = startIpcHost({ ipcMain, webContents, engine: engine.port, appUrl, clock, logger });
  const fromApp: IpcInvokeEventLike = { sender: { id: 7 }, senderFrame: { url: `${appUrl}#/blocked`, parent: null } };
  return { ipcMain, webContents, engine, clock, warnings, host, fromApp };
}

describe('startIpcHost', () => {
  it('answers a call from the app window through the dispatch', async () => {
    const { ipcMain, engine, fromApp } = setup();
    const result = await ipcMain.invoke(fromApp, { name: 'killSwitch.set', input: { on: true } });
    expect(result).toEqual({ ok: true, value: { ok: true } });
    expect(engine.calls).toEqual([{ name: 'killSwitch.set', input: { on: true } }]);
  });

  it.each([
    ['another webContents', { sender: { id: 8 }, senderFrame: { url: appUrl, parent: null } }],
    ['a frame that is gone', { sender: { id: 7 }, senderFrame: null }],
    ['a sub-frame', { sender: { id: 7 }, senderFrame: { url: appUrl, parent: {} } }],
    ['a remote page', { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/?secret=1', parent: null } }],
    ['another local file', { sender: { id: 7 }, senderFrame: { url: 'file:///tmp/evil.html', parent: null } }],
  ])('refuses %s and logs it without the payload', async (_label, event: IpcInvokeEventLike) => {
    const { ipcMain, engine, warnings } = setup();
    const result = await ipcMain.invoke(event, { name: 'killSwitch.set', input: { on: true, marker: 'PAYLOAD' } });
    expect(result).toEqual({ ok: false, error: { code: 'bad-request', message: 'sender not allowed' } });
    expect(engine.calls).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain('PAYLOAD');
    expect(JSON.stringify(warnings)).not.toContain('secret=1');
  });

  it.each([undefined, null, 'killSwitch.set', ['killSwitch.set', {}], 5])('answers bad-request to a message that is not {name, input}: %j', async (message) => {
    const { ipcMain, fromApp } = setup();
    expect(await ipcMain.invoke(fromApp, message)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('passes bad names and inputs to the dispatch', async () => {
    const { ipcMain, fromApp } = setup();
    expect(await ipcMain.invoke(fromApp, { name: 'shell.exec', input: {} })).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(await ipcMain.invoke(fromApp, { name: 'killSwitch.set', input: { on: 'yes' } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('pushes engine events to the window in batches on the events channel', () => {
    const { webContents, engine, clock } = setup();
    for (let i = 0; i < 30; i++) engine.emit('attempt', sampleAttempt(`a${i}`));
    engine.emit('status', sampleStatus({ purchases: 1 }));
    engine.emit('status', sampleStatus({ purchases: 2 }));
    expect(webContents.sent).toEqual([]);
    clock.advance(50);
    expect(webContents.sent).toHaveLength(1);
    const [message] = webContents.sent;
    expect(message!.channel).toBe(EVENTS_CHANNEL);
    const batch = message!.args[0] as PushedEvent[];
    expect(batch).toHaveLength(32);
    expect(batch.map((e) => e.seq)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(batch[31]).toEqual({ seq: 32, name: 'status', payload: sampleStatus({ purchases: 2 }) });
  });

  it('sends nothing to a destroyed window', () => {
    const { webContents, engine, clock } = setup();
    webContents.destroyed = true;
    engine.emit('attempt', sampleAttempt('a1'));
    clock.advance(50);
    expect(webContents.sent).toEqual([]);
  });

  it('close() removes the handler, unsubscribes and sends what was waiting', () => {
    const { ipcMain, webContents, engine, host, clock } = setup();
    engine.emit('attempt', sampleAttempt('a1'));
    host.close();
    expect(ipcMain.handlers.size).toBe(0);
    expect(engine.listenerCount()).toBe(0);
    expect(webContents.sent).toHaveLength(1);
    engine.emit('attempt', sampleAttempt('a2'));
    clock.advance(1_000);
    expect(webContents.sent).toHaveLength(1);
  });
});

describe('isAppUrl', () => {
  it('matches the bundled file with any hash, and the dev origin with any path', () => {
    expect(isAppUrl(`${appUrl}?x=1#/a`, appUrl)).toBe(true);
    expect(isAppUrl('file:///opt/launchdesk/renderer/other.html', appUrl)).toBe(false);
    expect(isAppUrl('http://localhost:5173/blocked', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('devtools://devtools/bundled/x.html', appUrl)).toBe(false);
    expect(isAppUrl('not a url', appUrl)).toBe(false);
    expect(isAppUrl('about:blank', 'about:blank')).toBe(false);
  });
});

describe('startIpcHost: resync after a window reload', () => {
  const batchesOf = (webContents: FakeWebContents) =>
    webContents.sent.filter((m) => m.channel === EVENTS_CHANNEL).flatMap((m) => m.args[0] as PushedEvent[]);

  it('a reloaded page gets what it missed from events.since, in order, then live events continue', async () => {
    const { ipcMain, webContents, engine, clock, fromApp } = setup(fakeEngine({}, { ringSize: 100 }));
    for (let i = 0; i < 5; i++) engine.emit('attempt', sampleAttempt(`a${i}`));
    clock.advance(50);
    const seen = batchesOf(webContents);
    const lastSeq = seen.at(-1)!.seq;
    expect(lastSeq).toBe(5);
    // The page reloads: what is pushed meanwhile reaches no one.
    webContents.sent.length = 0;
    for (let i = 5; i < 12; i++) engine.emit('attempt', sampleAttempt(`a${i}`));
    clock.advance(50);
    webContents.sent.length = 0;
    const since = await ipcMain.invoke(fromApp, { name: 'events.since', input: { afterSeq: lastSeq } });
    expect(since).toMatchObject({ ok: true, value: { events: Array.from({ length: 7 }, (_, i) => ({ seq: 6 + i, payload: { attemptId: `a${5 + i}` } })) } });
    engine.emit('attempt', sampleAttempt('a12'));
    clock.advance(50);
    expect(batchesOf(webContents).map((e) => e.seq)).toEqual([13]);
  });

  it('answers a gap when the missed events are gone; the page then takes a snapshot at the current seq', async () => {
    const { ipcMain, engine, clock, fromApp } = setup(fakeEngine({}, { ringSize: 4 }));
    for (let i = 0; i < 10; i++) engine.emit('attempt', sampleAttempt(`a${i}`));
    clock.advance(50);
    expect(await ipcMain.invoke(fromApp, { name: 'events.since', input: { afterSeq: 2 } })).toEqual({ ok: true, value: { gap: true } });
    expect(await ipcMain.invoke(fromApp, { name: 'session.snapshot', input: {} })).toMatchObject({ ok: true, value: { seq: 10 } });
  });

  it('refuses events.since from a page that is not the app', async () => {
    const { ipcMain, engine } = setup();
    engine.emit('attempt', sampleAttempt('a1'));
    const foreign: IpcInvokeEventLike = { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await ipcMain.invoke(foreign, { name: 'events.since', input: { afterSeq: 0 } })).toMatchObject({ ok: false, error: { message: 'sender not allowed' } });
    expect(engine.calls).toEqual([]);
  });
});
