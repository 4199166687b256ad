import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ManualClock } from '../../../electron/core/time/clock.js';
import { ClientConnection, type ClientConnectionOptions } from '../../../electron/host/ws-connection.js';

/** The parts of a ws WebSocket the connection uses; writes complete only when the test says so. */
class FakeSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  isPaused = false;
  bufferedAmount = 0;
  terminated = false;
  readonly sent: string[] = [];
  private readonly writes: (() => void)[] = [];

  pause(): void {
    this.isPaused = true;
  }
  resume(): void {
    this.isPaused = false;
  }
  send(text: string, cb: () => void): void {
    this.sent.push(text);
    this.bufferedAmount += text.length;
    this.writes.push(() => {
      this.bufferedAmount -= text.length;
      cb();
    });
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = WebSocket.CLOSED;
  }
  /** The client read: the oldest `n` writes complete. */
  drain(n = Infinity): void {
    for (let i = 0; i < n && this.writes.length > 0; i++) this.writes.shift()!();
  }
  request(id: number): void {
    this.emit('message', Buffer.from(JSON.stringify({ id })), false);
  }
}

const flush = () => new Promise((r) => setImmediate(r));

function setup(options: Partial<ClientConnectionOptions> = {}) {
  const socket = new FakeSocket();
  const clock = new ManualClock();
  const cutOffs: string[] = [];
  let answered = 0;
  const connection = new ClientConnection(socket as unknown as WebSocket, {
    maxPending: 4,
    maxBuffered: 10_000,
    stallTimeoutMs: 1_000,
    maxWaitingBytes: 100_000,
    clock,
    answer: async (text) => {
      answered++;
      return { reply: text };
    },
    cutOff: (why) => cutOffs.push(why),
    ...options,
  });
  return { socket, clock, cutOffs, connection, answered: () => answered };
}

describe('ClientConnection', () => {
  it('counts a call until its reply is written, stops reading at the cap and resumes when replies get out', async () => {
    const { socket, answered } = setup();
    for (let id = 0; id < 10; id++) socket.request(id);
    await flush();
    // 4 answered and handed to the socket; 6 wait (ws had already read them), reading stopped.
    expect(answered()).toBe(4);
    expect(socket.sent).toHaveLength(4);
    expect(socket.isPaused).toBe(true);
    socket.drain(2);
    await flush();
    expect(answered()).toBe(6);
    expect(socket.isPaused).toBe(true);
    socket.drain();
    await flush();
    socket.drain();
    await flush();
    expect(answered()).toBe(10);
    expect(socket.sent.map((t) => JSON.parse(t).reply)).toEqual(Array.from({ length: 10 }, (_, id) => JSON.stringify({ id })));
    expect(socket.isPaused).toBe(false);
  });

  it('cuts off a client whose replies stop getting out, after the stall timeout', async () => {
    const { socket, clock, cutOffs } = setup();
    for (let id = 0; id < 6; id++) socket.request(id);
    await flush();
    clock.advance(999);
    socket.drain(1);
    await flush();
    // A reply got out: the client is slow, not gone; the timer starts again.
    clock.advance(999);
    expect(cutOffs).toEqual([]);
    clock.advance(1);
    expect(cutOffs).toEqual(['stopped reading']);
    expect(socket.terminated).toBe(true);
  });

  it('does not cut off a client held at the cap only by slow handlers', async () => {
    const socket = new FakeSocket();
    const clock = new ManualClock();
    const cutOffs: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    new ClientConnection(socket as unknown as WebSocket, {
      maxPending: 2,
      maxBuffered: 10_000,
      stallTimeoutMs: 1_000,
      maxWaitingBytes: 100_000,
      clock,
      answer: async () => (await gate, { ok: true }),
      cutOff: (why) => cutOffs.push(why),
    });
    socket.request(1);
    socket.request(2);
    await flush();
    expect(socket.isPaused).toBe(true);
    clock.advance(10_000);
    expect(cutOffs).toEqual([]);
    release();
    await flush();
    socket.drain();
    await flush();
    expect(socket.isPaused).toBe(false);
  });

  it('cuts off a client with too many unsent bytes, whether the next write is a reply or an event batch', async () => {
    const { socket, cutOffs, connection } = setup({ maxBuffered: 50 });
    connection.push('x'.repeat(60));
    expect(socket.sent).toHaveLength(1);
    connection.push('second batch');
    expect(cutOffs).toEqual(['does not read what it is sent']);
    expect(socket.sent).toHaveLength(1);

    const other = setup({ maxBuffered: 50 });
    other.connection.push('y'.repeat(60));
    other.socket.request(1);
    await flush();
    expect(other.cutOffs).toEqual(['does not read what it is sent']);
    expect(other.socket.sent).toHaveLength(1);
  });

  it('bounds what waits after reading stopped', async () => {
    const { socket, cutOffs, answered } = setup({ maxPending: 1, maxWaitingBytes: 1_000 });
    for (let id = 0; id < 100; id++) socket.request(id);
    await flush();
    expect(cutOffs).toEqual(['sends far more calls than it waits for']);
    expect(answered()).toBe(1);
  });

  it('answers nothing more once the socket closed', async () => {
    const { socket, connection } = setup();
    socket.request(1);
    connection.closed();
    socket.readyState = WebSocket.CLOSED;
    await flush();
    socket.request(2);
    await flush();
    expect(socket.sent).toEqual([]);
  });
});
