import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWsHost, type WsHost } from '../../../electron/host/ws-host.js';
import type { CommandOutput } from '../../../shared/contract.js';
import type { PushedEvent } from '../../../shared/wire.js';
import { randomMint, signal, useTestEngines } from '../../support/engine-fixture.js';
import { fakeEngine, sampleAttempt } from './fake-engine.js';
import { TestClient } from './ws-test-client.js';

/**
 * Resync over a real WebSocket on 127.0.0.1: a console that connects takes a snapshot and
 * applies pushed events above its seq; one that reconnects asks `events.since`. Replies
 * and pushed batches share the socket, so this console keeps both apart as the renderer does.
 */
class Console {
  readonly events: PushedEvent[] = [];
  private readonly replies = new Map<number, unknown>();
  private nextId = 1;

  private constructor(readonly client: TestClient) {}

  static async open(host: WsHost): Promise<Console> {
    const console = new Console(await TestClient.open(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`));
    void console.pump();
    return console;
  }

  private async pump(): Promise<void> {
    for (;;) {
      const message = (await this.client.next(60_000).catch(() => null)) as { events?: PushedEvent[]; id?: number; result?: unknown } | null;
      if (message === null) return;
      if (message.events) this.events.push(...message.events);
      else this.replies.set(message.id!, message.result);
    }
  }

  async call<T>(name: string, input: unknown = {}): Promise<T> {
    const id = this.nextId++;
    this.client.send({ id, name, input });
    await vi.waitFor(() => expect(this.replies.has(id)).toBe(true));
    const result = this.replies.get(id) as { ok: boolean; value: T };
    expect(result.ok).toBe(true);
    return result.value;
  }

  close(): void {
    this.client.ws.terminate();
  }
}

const hosts: WsHost[] = [];
const consoles: Console[] = [];
afterEach(async () => {
  for (const c of consoles.splice(0)) c.close();
  for (const h of hosts.splice(0)) await h.close();
});

async function open(host: WsHost): Promise<Console> {
  const c = await Console.open(host);
  consoles.push(c);
  return c;
}

type Snapshot = CommandOutput<'session.snapshot'>;
type Since = CommandOutput<'events.since'>;

describe('resync over the WebSocket host', () => {
  const startEngine = useTestEngines();

  it('two consoles on one engine see the same numbered events; one that drops and reconnects gets exactly what it missed', async () => {
    const { engine } = await startEngine();
    const host = await startWsHost({ engine: engine.port });
    hosts.push(host);
    const steady = await open(host);
    const flaky = await open(host);
    const steadySnap = await steady.call<Snapshot>('session.snapshot');
    const flakySnap = await flaky.call<Snapshot>('session.snapshot');
    expect(flakySnap.status.instanceId).toBe(engine.instanceId);

    for (let i = 0; i < 5; i++) await engine.coordinator.requestBuy(signal(randomMint()));
    await vi.waitFor(() => expect(flaky.events.filter((e) => e.name === 'attempt').length).toBeGreaterThanOrEqual(10));
    const lastSeen = flaky.events.at(-1)!.seq;
    flaky.close();

    for (let i = 0; i < 5; i++) await engine.coordinator.requestBuy(signal(randomMint()));
    await engine.port.handlers['killSwitch.set']({ on: true });
    const back = await open(host);
    const since = await back.call<Since>('events.since', { afterSeq: lastSeen, instanceId: flakySnap.status.instanceId });
    if (!('events' in since)) throw new Error('expected the missed events, got a gap');
    expect(since.events.some((e) => e.name === 'settings' && e.payload.killSwitch)).toBe(true);

    // What the reconnected console holds: before the drop, the replayed events, then live ones.
    await engine.coordinator.requestBuy(signal(randomMint()));
    const from = Math.max(steadySnap.seq, flakySnap.seq);
    const resynced = [...flaky.events.filter((e) => e.seq > from), ...since.events];
    await vi.waitFor(() => {
      const merged = [...resynced, ...back.events.filter((e) => e.seq > resynced.at(-1)!.seq)];
      const reference = steady.events.filter((e) => e.seq > from);
      expect(merged.filter((e) => e.name === 'attempt').length).toBeGreaterThanOrEqual(21);
      expect(merged).toEqual(reference);
    });
    const seqs = steady.events.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
  });

  it('a console that was away too long gets a gap, then a snapshot at the current seq', async () => {
    const engine = fakeEngine({}, { ringSize: 8 });
    const host = await startWsHost({ engine: engine.port });
    hosts.push(host);
    const c = await open(host);
    for (let i = 0; i < 20; i++) engine.emit('attempt', sampleAttempt(`a${i}`));
    expect(await c.call<Since>('events.since', { afterSeq: 3 })).toEqual({ gap: true });
    expect((await c.call<Snapshot>('session.snapshot')).seq).toBe(20);
    expect(await c.call<Since>('events.since', { afterSeq: 15 })).toEqual({ events: expect.arrayContaining([expect.objectContaining({ seq: 16 })]) });
  });
});
