import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import type { PurchaseRecord } from '../../../../shared/domain.js';
import { playDead, randomMint, signal, tempDataDir, type TestEngine, useTestEngines } from '../../../support/engine-fixture.js';
import { intentsOnDisk, putIntentBack, seedPurchases } from '../../../support/intents-on-disk.js';
import { waitUntil } from '../../../support/wait-until.js';

const HOUR = 3_600_000;
const engineFor = useTestEngines();

function record(mint: string, at: number, solSpent: number): PurchaseRecord {
  return { mint, symbol: 'T', platform: 'pump.fun', module: 'sniper', signature: `sig-${mint}`, solSpent, tokens: 1, at, instanceId: 'i-old' };
}

describe('spend limits, counted in the ledger over every instance', () => {
  it('the daily cap rolls over for purchases in the ledger', async () => {
    const clock = new ManualClock();
    const dataDir = tempDataDir();
    const first = await engineFor({ dataDir, clock });
    const [recent, old] = [randomMint(), randomMint()];
    seedPurchases(dataDir, [record(recent, clock.now() - HOUR, 0.5), record(old, clock.now() - 23 * HOUR, 0.5)]);
    await first.engine.port.handlers['limits.update']({ dailySpendCapSol: 1 });
    expect((await first.engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('limit-reached');
    clock.advance(2 * HOUR);
    const later = await first.engine.coordinator.requestBuy(signal(randomMint(), 'sniper', { solAmount: 0.4 }));
    expect(later.reason).toBeUndefined();
  });

  it('purchases in the ledger count towards the daily cap after a restart', async () => {
    const dataDir = tempDataDir();
    const first = await engineFor({ dataDir });
    await first.engine.coordinator.requestBuy(signal(randomMint(), 'sniper', { solAmount: 0.2 }));
    await first.stop();
    const second = await engineFor({ dataDir });
    await second.engine.port.handlers['limits.update']({ dailySpendCapSol: 0.25 });
    const result = await second.engine.coordinator.requestBuy(signal(randomMint(), 'trending'));
    expect(result.reason).toMatchObject({ code: 'limit-reached', limit: 'daily-spend-cap', detail: '0.2 SOL of 0.25 SOL spent in 24 h' });
  });

  it("two running instances share one daily cap: B counts A's purchases and A's buy in flight", async () => {
    const dataDir = tempDataDir();
    const a = await engineFor({ dataDir });
    const b = await engineFor({ dataDir });
    await a.engine.port.handlers['limits.update']({ dailySpendCapSol: 0.25 });
    await a.engine.coordinator.requestBuy(signal(randomMint(), 'sniper', { solAmount: 0.1 }));
    const held = randomMint();
    a.trader.hold(held);
    const buying = a.engine.coordinator.requestBuy(signal(held, 'sniper', { solAmount: 0.1 }));
    await waitUntil(() => a.trader.buysOf(held) === 1, 'a to send its buy');
    // B was started before the cap was set and before A bought: it still sees both, in its claim.
    const refused = await b.engine.coordinator.requestBuy(signal(randomMint(), 'volume', { solAmount: 0.1 }));
    expect(refused.reason).toMatchObject({ code: 'limit-reached', limit: 'daily-spend-cap', detail: '0.2 SOL of 0.25 SOL spent in 24 h' });
    a.trader.open(held);
    await buying;
    expect(b.trader.orders).toEqual([]);
  });

  it('three instances buying at once never spend past the cap together', async () => {
    const dataDir = tempDataDir();
    const engines = [await engineFor({ dataDir }), await engineFor({ dataDir }), await engineFor({ dataDir })];
    await engines[0]!.engine.port.handlers['limits.update']({ dailySpendCapSol: 1 });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => engines[i % 3]!.engine.coordinator.requestBuy(signal(randomMint(), 'sniper', { solAmount: 0.1 }))),
    );
    expect(results.filter((r) => r.outcome === 'bought')).toHaveLength(10);
    expect(engines.reduce((n, e) => n + e.trader.orders.length, 0)).toBe(10);
  });

  async function adoptedUnknown(): Promise<{ b: TestEngine; unknownMint: string }> {
    const dataDir = tempDataDir();
    const a = await engineFor({ dataDir, instanceId: 'i-crashed' });
    const unknownMint = randomMint();
    a.trader.willReturn(unknownMint, { kind: 'unknown', error: 'timeout', signature: 'sig-maybe' });
    expect((await a.engine.coordinator.requestBuy(signal(unknownMint))).outcome).toBe('unknown');
    playDead(a.engine);
    const b = await engineFor({ dataDir, instanceId: 'i-next' });
    await b.engine.port.handlers['limits.update']({ dailySpendCapSol: 0.15 });
    await waitUntil(() => b.engine.status().unknown === 1, 'b to adopt the unknown buy');
    return { b, unknownMint };
  }

  it('an adopted unknown buy reserves its amount against the daily cap while unknown', async () => {
    const { b } = await adoptedUnknown();
    const whileUnknown = await b.engine.coordinator.requestBuy(signal(randomMint()));
    expect(whileUnknown.reason?.code).toBe('limit-reached');
  });

  it('an adopted unknown buy found to have landed counts against the daily cap', async () => {
    const { b, unknownMint } = await adoptedUnknown();
    b.trader.reconcileAnswers.set(unknownMint, { kind: 'landed', signature: 'sig-maybe', solSpent: 0.1, tokens: 5 });
    expect(await b.engine.reconciler.reconcileNow()).toEqual({ resolved: 1, pending: 0 });
    const afterLanded = await b.engine.coordinator.requestBuy(signal(randomMint()));
    expect(afterLanded.reason?.code).toBe('limit-reached');
  });

  it("an adopted unknown buy found to have landed counts against its module's daily budget", async () => {
    const { b, unknownMint } = await adoptedUnknown();
    await b.engine.port.handlers['limits.update']({ dailySpendCapSol: 0 });
    await b.engine.port.handlers['module.update']({ module: 'sniper', patch: { dailyBudgetSol: 0.15 } });
    b.trader.reconcileAnswers.set(unknownMint, { kind: 'landed', signature: 'sig-maybe', solSpent: 0.1, tokens: 5 });
    await b.engine.reconciler.reconcileNow();
    const afterLanded = await b.engine.coordinator.requestBuy(signal(randomMint(), 'sniper'));
    expect(afterLanded.reason).toMatchObject({ code: 'limit-reached', limit: 'module-daily-budget' });
  });

  it('an adopted unknown buy found not to have landed frees its reservation', async () => {
    const { b, unknownMint } = await adoptedUnknown();
    b.trader.reconcileAnswers.set(unknownMint, { kind: 'not-landed', detail: 'expired' });
    await b.engine.reconciler.reconcileNow();
    expect((await b.engine.coordinator.requestBuy(signal(randomMint()))).outcome).toBe('bought');
  });

  it('the reconcile of an already recorded purchase settles its reservation: the spend counts once', async () => {
    const dataDir = tempDataDir();
    const a = await engineFor({ dataDir, instanceId: 'i-a' });
    const mint = randomMint();
    a.trader.hold(mint);
    const buying = a.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => a.trader.buysOf(mint) === 1, 'a to send its buy');
    const intent = intentsOnDisk(dataDir)[mint]!;
    a.trader.open(mint);
    await buying;
    await a.stop();
    putIntentBack(dataDir, intent); // a crash between the record and the intent's removal
    const b = await engineFor({ dataDir, instanceId: 'i-b' });
    await b.engine.port.handlers['limits.update']({ dailySpendCapSol: 0.2 });
    await b.engine.reconciler.reconcileNow();
    expect(intentsOnDisk(dataDir)).toEqual({});
    // 0.1 recorded, no reservation left: another 0.1 fits under 0.2.
    expect((await b.engine.coordinator.requestBuy(signal(randomMint()))).outcome).toBe('bought');
    expect((await b.engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('limit-reached');
  });
});
