import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { PAPER_BLOCK_MS, PAPER_BLOCKHASH_VALID_BLOCKS, PaperLedger, readAllFills } from '../../../../electron/core/traders/paper-ledger.js';
import { PaperTrader } from '../../../../electron/core/traders/paper-trader.js';
import type { BuyOrder, SendGate, Trader } from '../../../../electron/core/traders/trader.js';
import { playDead, randomMint, readHistory, signal, tempDataDir, useTestEngines } from '../../../support/engine-fixture.js';
import { intentsOnDisk } from '../../../support/intents-on-disk.js';
import { waitUntil } from '../../../support/wait-until.js';

const engineFor = useTestEngines();
const EXPIRY_MS = (PAPER_BLOCKHASH_VALID_BLOCKS + 1) * PAPER_BLOCK_MS;

/** A paper trader whose buys wait at a gate of the test's before they start (a frozen process). */
function frozenPaperTrader(dataDir: string, instanceId: string, clock: ManualClock, latencyMs: number) {
  const paper = new PaperTrader({ ledger: new PaperLedger(dataDir, instanceId, clock), instanceId, clock, latencyMs: { min: latencyMs, max: latencyMs } });
  let thaw: () => void = () => undefined;
  const thawed = new Promise<void>((resolve) => (thaw = resolve));
  let started = 0;
  const trader: Trader = {
    mode: 'paper',
    fencesBeforeSend: true,
    buy: async (order: BuyOrder, gate?: SendGate) => {
      started += 1;
      await thawed;
      return paper.buy(order, gate);
    },
    reconcile: (query) => paper.reconcile(query),
    sell: (order, gate) => paper.sell(order, gate),
    reconcileSell: (query) => paper.reconcileSell(query),
  };
  return { trader, thaw, started: () => started };
}

function paperEngine(dataDir: string, instanceId: string, clock: ManualClock) {
  return engineFor({ dataDir, instanceId, clock, trader: new PaperTrader({ ledger: new PaperLedger(dataDir, instanceId, clock), instanceId, clock }) });
}

function fills(dataDir: string, mint: string) {
  return readAllFills(path.join(dataDir, 'paper-ledger')).filter((f) => f.mint === mint);
}

async function turn(clock: ManualClock, ms: number): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  clock.advance(ms);
  await new Promise((resolve) => setImmediate(resolve));
}

describe('fencing: an adopted intent is not bought only when its owner provably cannot land it', () => {
  it('taken over before its fence was recorded: the adopter settles it "not sent", and the owner does not send', async () => {
    const clock = new ManualClock();
    const dataDir = tempDataDir();
    const frozen = frozenPaperTrader(dataDir, 'i-a', clock, 0);
    const a = await engineFor({ dataDir, instanceId: 'i-a', clock, trader: frozen.trader });
    const mint = randomMint();
    const buying = a.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => frozen.started() === 1, 'a to reach its trader');
    playDead(a.engine);
    const b = await paperEngine(dataDir, 'i-b', clock);
    await b.engine.reconciler.reconcileNow();
    expect(intentsOnDisk(dataDir)[mint]).toBeUndefined();
    frozen.thaw();
    const late = await buying;
    expect(late).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('not sent') });
    expect(fills(dataDir, mint)).toEqual([]);
    // The mint is free: B buys it, once.
    const bought = b.engine.coordinator.requestBuy(signal(mint, 'trending'));
    await turn(clock, 1);
    expect((await bought).outcome).toBe('bought');
    expect(fills(dataDir, mint)).toHaveLength(1);
    expect(readHistory(dataDir)[mint]).toHaveLength(1);
  });

  it('taken over after its fence: unknown until the fence expires, then not bought, and the late send is refused by the chain', async () => {
    const clock = new ManualClock();
    const dataDir = tempDataDir();
    const a = await engineFor({
      dataDir,
      instanceId: 'i-a',
      clock,
      trader: new PaperTrader({ ledger: new PaperLedger(dataDir, 'i-a', clock), instanceId: 'i-a', clock, latencyMs: { min: EXPIRY_MS + 5_000, max: EXPIRY_MS + 5_000 } }),
    });
    const mint = randomMint();
    const buying = a.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => intentsOnDisk(dataDir)[mint]?.fence !== undefined, 'a to record its fence');
    playDead(a.engine);
    const b = await paperEngine(dataDir, 'i-b', clock);
    expect(await b.engine.reconciler.reconcileNow()).toEqual({ resolved: 0, pending: 1 });
    expect(intentsOnDisk(dataDir)[mint]).toMatchObject({ instanceId: 'i-b', status: 'unknown', adoptedFrom: 'i-a' });
    expect((await b.engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('unknown-outcome');

    clock.advance(EXPIRY_MS);
    expect(await b.engine.reconciler.reconcileNow()).toEqual({ resolved: 1, pending: 0 });
    expect(intentsOnDisk(dataDir)[mint]).toBeUndefined();
    // A wakes up and sends: past its last valid block height, the chain refuses it.
    clock.advance(5_000);
    expect((await buying).outcome).toBe('failed');
    expect(fills(dataDir, mint)).toEqual([]);
    expect(readHistory(dataDir)[mint]).toBeUndefined();
  });

  it('taken over after its fence and landed before expiry: recorded once, as bought', async () => {
    const clock = new ManualClock();
    const dataDir = tempDataDir();
    const a = await engineFor({
      dataDir,
      instanceId: 'i-a',
      clock,
      trader: new PaperTrader({ ledger: new PaperLedger(dataDir, 'i-a', clock), instanceId: 'i-a', clock, latencyMs: { min: 10_000, max: 10_000 } }),
    });
    const mint = randomMint();
    const buying = a.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => intentsOnDisk(dataDir)[mint]?.fence !== undefined, 'a to record its fence');
    playDead(a.engine);
    const b = await paperEngine(dataDir, 'i-b', clock);
    expect(await b.engine.reconciler.reconcileNow()).toEqual({ resolved: 0, pending: 1 });
    clock.advance(10_000); // A's transaction lands, well before its expiry
    expect((await buying).outcome).toBe('bought');
    await b.engine.reconciler.reconcileNow();
    expect(fills(dataDir, mint)).toHaveLength(1);
    expect(readHistory(dataDir)[mint]).toHaveLength(1);
    expect(intentsOnDisk(dataDir)).toEqual({});
    expect((await b.engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('already-bought');
  });
});
