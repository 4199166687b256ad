import { describe, expect, it, vi } from 'vitest';
import type { BlockedEntry, EngineStatus } from '../../../../shared/contract.js';
import { defaultSettings, type Settings } from '../../../../shared/settings.js';
import type { PushedEvent } from '../../../../shared/wire.js';
import { EventHub } from '../../../../electron/core/engine/event-hub.js';
import { createLiveEvents } from '../../../../electron/core/engine/live-events.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { randomMint, signal, useTestEngines } from '../../../support/engine-fixture.js';
import { sampleStatus } from '../../host/fake-engine.js';
import { ScriptedTrader } from '../../../support/scripted-trader.js';

function recorder(engine: { port: { subscribe(l: (e: PushedEvent) => void): () => void } }) {
  const events: PushedEvent[] = [];
  engine.port.subscribe((e) => events.push(e));
  const of = <N extends PushedEvent['name']>(name: N) => events.filter((e): e is Extract<PushedEvent, { name: N }> => e.name === name);
  return { events, of };
}

const lastPayload = <T>(list: { payload: T }[]): T | undefined => list.at(-1)?.payload;

describe('live events of a real engine', () => {
  const startEngine = useTestEngines();

  it('numbers every event without holes, the same for two subscribers', async () => {
    const { engine } = await startEngine();
    const a = recorder(engine);
    const b = recorder(engine);
    for (let i = 0; i < 20; i++) await engine.coordinator.requestBuy(signal(randomMint()));
    await vi.waitFor(() => expect(a.of('status').length).toBeGreaterThan(0));
    const seqs = a.events.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    expect(b.events).toEqual(a.events);
  });

  it('sends status when it changes (kill switch), not when it does not', async () => {
    const { engine } = await startEngine();
    const r = recorder(engine);
    await engine.port.handlers['killSwitch.set']({ on: true });
    await vi.waitFor(() => expect(lastPayload<EngineStatus>(r.of('status'))?.killSwitch).toBe(true));
    const count = r.of('status').length;
    // Nothing changes: a second look sends nothing (the poll runs every second).
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(r.of('status').length).toBe(count);
  });

  it('sends settings after each change here, and nothing for a refused change', async () => {
    const { engine } = await startEngine();
    const r = recorder(engine);
    await engine.port.handlers['limits.update']({ maxConcurrentBuys: 7 });
    expect(lastPayload<Settings>(r.of('settings'))?.limits.maxConcurrentBuys).toBe(7);
    await engine.port.handlers['blocklist.add']({ address: randomMint() });
    expect(r.of('settings')).toHaveLength(2);
    // A refused change (invalid filters) sends nothing.
    expect(() => engine.port.handlers['module.update']({ module: 'sniper', patch: { solAmount: -1 } })).toThrow();
    await engine.port.handlers['settings.get']({});
    expect(r.of('settings')).toHaveLength(2);
  });

  it('sends the blocked list when a signal waits for approval, fails a filter, or is dismissed', async () => {
    const { engine } = await startEngine();
    const r = recorder(engine);
    await engine.port.handlers['module.update']({ module: 'whale-copy', patch: { requireApproval: true } });
    const waiting = randomMint();
    const filtered = randomMint();
    await engine.coordinator.requestBuy(signal(waiting, 'whale-copy'));
    await engine.coordinator.requestBuy(
      signal(filtered, 'sniper', { filters: [{ filter: 'minMarketCapSol', passed: false, detail: 'market cap 12 SOL is below 30 SOL' }] }),
    );
    await vi.waitFor(() => expect(lastPayload<BlockedEntry[]>(r.of('blocked'))).toHaveLength(2));
    const list = lastPayload<BlockedEntry[]>(r.of('blocked'))!;
    const pending = list.find((e) => e.kind === 'pending-approval');
    const failed = list.find((e) => e.kind === 'filter-failed');
    expect(pending).toMatchObject({ mint: waiting, module: 'whale-copy', solAmount: 0.1 });
    expect(failed).toMatchObject({
      mint: filtered,
      filter: 'minMarketCapSol',
      reasonText: 'Filter "minMarketCapSol" failed: market cap 12 SOL is below 30 SOL.',
    });
    await engine.port.handlers['blocked.dismiss']({ attemptId: pending!.attemptId });
    await vi.waitFor(() => expect(lastPayload<BlockedEntry[]>(r.of('blocked'))?.map((e) => e.kind)).toEqual(['filter-failed']));
    expect(await engine.port.handlers['blocked.list']({})).toEqual(lastPayload(r.of('blocked')));
  });

  it('lists an unknown outcome with its owner, and drops it once reconciled by hand', async () => {
    const trader = new ScriptedTrader();
    const { engine } = await startEngine({ trader });
    const r = recorder(engine);
    const mint = randomMint();
    trader.willReturn(mint, { kind: 'unknown', error: 'timeout', signature: 'sig-x' });
    await engine.coordinator.requestBuy(signal(mint));
    await vi.waitFor(() => expect(lastPayload<BlockedEntry[]>(r.of('blocked'))?.[0]).toMatchObject({ kind: 'unknown-outcome', mint, ownerInstanceId: engine.instanceId, signature: 'sig-x' }));
    await engine.port.handlers['blocked.markReconciled']({ mint, outcome: 'not-bought' });
    await vi.waitFor(() => expect(lastPayload<BlockedEntry[]>(r.of('blocked'))).toEqual([]));
  });

  it('session.snapshot holds exactly what the events up to its seq said; events.since gives the rest', async () => {
    const { engine } = await startEngine();
    const r = recorder(engine);
    for (let i = 0; i < 5; i++) await engine.coordinator.requestBuy(signal(randomMint()));
    const snap = await engine.port.handlers['session.snapshot']({});
    expect(snap.seq).toBe(r.events.at(-1)?.seq ?? 0);
    const finishedBefore = r.of('attempt').filter((e) => e.payload.stage === 'done').map((e) => e.payload.attemptId);
    expect(snap.attempts.filter((a) => a.stage === 'done').map((a) => a.attemptId)).toEqual(expect.arrayContaining(finishedBefore));
    expect(snap.settings).toEqual(await engine.port.handlers['settings.get']({}));
    expect(snap.status.instanceId).toBe(engine.instanceId);

    for (let i = 0; i < 3; i++) await engine.coordinator.requestBuy(signal(randomMint()));
    const since = await engine.port.handlers['events.since']({ afterSeq: snap.seq, instanceId: engine.instanceId });
    expect(since).toEqual({ events: r.events.filter((e) => e.seq > snap.seq) });
    expect('events' in since && since.events.length).toBeGreaterThanOrEqual(6);
    // Another engine's seq, or one this engine never reached: start over from a snapshot.
    expect(await engine.port.handlers['events.since']({ afterSeq: snap.seq, instanceId: 'i-other' })).toEqual({ gap: true });
    expect(await engine.port.handlers['events.since']({ afterSeq: 1e9 })).toEqual({ gap: true });
  });
});

describe('live events with a source that cannot be read', () => {
  it('reports a failing blocked list once, not every second, and still answers the snapshot', async () => {
    const clock = new ManualClock();
    const lines: string[] = [];
    const live = createLiveEvents({
      hub: new EventHub(),
      clock,
      instanceId: 'i1',
      status: () => sampleStatus(),
      settings: () => defaultSettings(),
      blocked: {
        unknownBuys: () => {
          throw new Error('database disk image is malformed');
        },
        overridableSignals: () => [],
      },
      log: (line) => lines.push(line),
    });
    live.start();
    for (let i = 0; i < 10; i++) {
      clock.advance(1_000);
      await new Promise((r) => setImmediate(r));
    }
    expect(lines).toEqual(['[warning] blocked list: database disk image is malformed']);
    const snapshot = await live.withSession({} as never)['session.snapshot']({});
    expect(snapshot.blocked).toEqual([]);
    expect(snapshot.status.instanceId).toBe('test-instance');
    live.stop();
  });
});
