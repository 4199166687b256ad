import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReconnectingSocket } from '../../../../electron/core/feeds/reconnecting-socket.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { Rng } from '../../../../electron/core/time/rng.js';
import { LocalWsServer } from '../../../support/feeds/local-ws-server.js';
import { waitFor } from '../../../support/feeds/wait-for.js';

describe('ReconnectingSocket', () => {
  let server: LocalWsServer;
  let clock: ManualClock;
  let socket: ReconnectingSocket | undefined;
  let log: string[];

  beforeEach(async () => {
    server = await LocalWsServer.start();
    clock = new ManualClock();
    log = [];
  });

  afterEach(async () => {
    await socket?.stop();
    await server.close();
  });

  function make(extra: Partial<ConstructorParameters<typeof ReconnectingSocket>[0]> = {}) {
    let attempt = 0;
    socket = new ReconnectingSocket({
      clock,
      rng: new Rng(9),
      url: () => new URL(`${server.url}/?attempt=${attempt++}`),
      backoff: { initialMs: 1_000, maxMs: 8_000 },
      silenceMs: 10_000,
      silenceText: 'no frame',
      maxFrameBytes: 1_024,
      onOpen: () => {
        log.push('open');
        socket!.send('subscribe');
      },
      onFrame: (text) => log.push(`frame ${text.slice(0, 20)}`),
      onBadFrame: (reason) => log.push(`bad ${reason}`),
      onClose: (reason) => log.push(`close ${reason}`),
      ...extra,
    });
    socket.start();
    return socket;
  }

  it('resubscribes on every new socket, with the URL built again for each attempt', async () => {
    make();
    await waitFor(() => server.received.length === 1, 'the first subscribe');
    server.latest.terminate();
    await waitFor(() => log.some((l) => l.startsWith('close')), 'the close');
    clock.advance(1_000);
    await waitFor(() => server.received.length === 2, 'the second subscribe');
    expect(server.received.map((m) => [m.connection, m.text])).toEqual([[0, 'subscribe'], [1, 'subscribe']]);
    expect(server.urls).toEqual(['/?attempt=0', '/?attempt=1']);
    expect(log.filter((l) => l === 'open')).toHaveLength(2);
  });

  it('drops binary and oversized frames unread and keeps the connection; a frame past the hard cap closes it', async () => {
    make();
    await waitFor(() => server.received.length === 1, 'open');
    server.latest.send(Buffer.from([1, 2, 3]), { binary: true });
    server.latest.send('y'.repeat(2_000));
    server.latest.send('hello');
    await waitFor(() => log.includes('frame hello'), 'the good frame');
    expect(log).toContain('bad binary frame dropped');
    expect(log).toContain('bad frame of 2000 bytes dropped');
    expect(socket!.open).toBe(true);
    server.latest.send('z'.repeat(9 << 20));
    await waitFor(() => log.some((l) => l.startsWith('close')), 'the close at the hard cap');
    clock.advance(1_000);
    await waitFor(() => server.received.length === 2, 'reconnected');
  });

  it('closes a socket that stopped proving itself alive, and not one that keeps doing so', async () => {
    make();
    await waitFor(() => server.received.length === 1, 'open');
    for (let i = 0; i < 5; i++) {
      clock.advance(5_000);
      socket!.alive();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(socket!.open).toBe(true);
    clock.advance(10_000);
    await waitFor(() => log.includes('close no frame for 10000 ms, reconnecting'), 'the watchdog');
  });

  it('stops for good: no reconnect after stop, even with timers due', async () => {
    make();
    await waitFor(() => server.received.length === 1, 'open');
    await socket!.stop();
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.sockets).toHaveLength(1);
    expect(socket!.send('x')).toBe(false);
  });

  it('reports a URL the socket library refuses and retries with backoff instead of throwing', async () => {
    let good = false;
    make({ url: () => new URL(good ? server.url : 'ftp://127.0.0.1:1/?api-key=SECRET'), redact: (t) => t.split('SECRET').join('***') });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^close .*protocol/);
    expect(log[0]).not.toContain('SECRET');
    good = true;
    clock.advance(1_000);
    await waitFor(() => server.received.length === 1, 'the retry on a good URL');
  });
});
