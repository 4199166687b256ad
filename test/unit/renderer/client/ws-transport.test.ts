import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../../../renderer/src/client/transport.js';
import { createWsTransport, wsUrlFromLocation } from '../../../../renderer/src/client/ws-transport.js';

/** Just enough of a browser WebSocket for the transport; the test opens, answers and closes it. */
class FakeSocket {
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  drop(reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason });
  }
}

afterEach(() => {
  FakeSocket.instances = [];
  vi.useRealTimers();
});

const make = () =>
  createWsTransport({ url: 'ws://127.0.0.1:1/ws?token=t', WebSocketImpl: FakeSocket as unknown as typeof WebSocket, reconnectDelaysMs: [100, 1_000] });

describe('ws transport', () => {
  it('matches replies to calls by id, in whatever order they come', async () => {
    const transport = make();
    const socket = FakeSocket.instances[0]!;
    socket.open();
    const a = transport.invoke('status.get', {});
    const b = transport.invoke('settings.get', {});
    const [first, second] = socket.sent as { id: number; name: string }[];
    expect([first?.name, second?.name]).toEqual(['status.get', 'settings.get']);
    socket.receive({ id: second!.id, result: { ok: true, value: 'B' } });
    socket.receive({ id: first!.id, result: { ok: false, error: { code: 'failed', message: 'nope' } } });
    expect(await a).toEqual({ ok: false, error: { code: 'failed', message: 'nope' } });
    expect(await b).toEqual({ ok: true, value: 'B' });
  });

  it('hands event batches on, and ignores what it cannot read', () => {
    const transport = make();
    const socket = FakeSocket.instances[0]!;
    socket.open();
    const batches: unknown[] = [];
    transport.onEvents((events) => batches.push(events));
    socket.receive('not json {');
    socket.receive({ something: 'else' });
    socket.receive({ events: [{ seq: 1, name: 'alert', payload: {} }] });
    expect(batches).toEqual([[{ seq: 1, name: 'alert', payload: {} }]]);
  });

  it('fails open calls at once when the socket drops, says so, and reconnects with backoff', async () => {
    vi.useFakeTimers();
    const transport = make();
    const states: ConnectionState[] = [];
    transport.onConnection((s) => states.push(s));
    const socket = FakeSocket.instances[0]!;
    socket.open();
    const call = transport.invoke('status.get', {});
    socket.drop('server closing');
    expect((await call).ok).toBe(false);
    expect(states.map((s) => s.connected)).toEqual([false, true, false]);
    expect(states[2]?.error).toBe('connection lost: server closing');
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.instances[1]!.open();
    expect(states.at(-1)).toEqual({ connected: true });
    transport.close();
  });

  it('refuses a call while disconnected instead of queueing it', async () => {
    const transport = make();
    expect(await transport.invoke('status.get', {})).toEqual({ ok: false, error: { code: 'failed', message: 'not connected to the engine' } });
  });

  it('times out a call the engine never answers', async () => {
    vi.useFakeTimers();
    const transport = createWsTransport({ url: 'ws://x/ws', WebSocketImpl: FakeSocket as unknown as typeof WebSocket, callTimeoutMs: 5_000 });
    FakeSocket.instances[0]!.open();
    const call = transport.invoke('status.get', {});
    vi.advanceTimersByTime(5_000);
    expect(await call).toEqual({ ok: false, error: { code: 'failed', message: 'no answer from the engine within 5 s' } });
  });
});

describe('wsUrlFromLocation', () => {
  it('takes the token from the fragment and the host from the page', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:4000', hash: '#token=ab/c' })).toBe('ws://127.0.0.1:4000/ws?token=ab%2Fc');
    expect(wsUrlFromLocation({ protocol: 'https:', host: 'vps.example', hash: '#token=x' })).toBe('wss://vps.example/ws?token=x');
  });

  it('has no URL without a token', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: 'h', hash: '' })).toBeNull();
    expect(wsUrlFromLocation({ protocol: 'http:', host: 'h', hash: '#token=' })).toBeNull();
  });
});
