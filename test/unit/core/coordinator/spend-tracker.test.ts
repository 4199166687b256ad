import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpendTracker } from '../../../../electron/core/coordinator/spend-tracker.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import type { PurchaseRecord } from '../../../../shared/domain.js';
import { randomMint, signal, tempDataDir, type TestEngine, useTestEngines } from '../../../support/engine-fixture.js';
import { waitUntil } from '../../../support/wait-until.js';

const HOUR = 3_600_000;

const engineFor = useTestEngines();

describe('SpendTracker: a rolling 24 hours', () => {
  it('forgets a spend once it is 24 hours old', () => {
    const clock = new ManualClock();
    const spend = new SpendTracker(() => clock.now());
    spend.load([{ requester: 'sniper', sol: 0.5, at: clock.now() }]);
    clock.advance(23 * HOUR);
    expect(spend.spentInDay()).toBe(0.5);
    clock.advance(HOUR);
    expect(spend.spentInDay()).toBe(0);
  });

  it('counts a reservation as spent until it settles, and a settle without a spend frees it', () => {
    const clock = new ManualClock();
    const spend = new SpendTracker(() => clock.now());
    spend.reserve('a1', 'volume', 0.3);
    expect(spend.spentInDay('volume')).toBe(0.3);
    expect(spend.spentInDay('sniper')).toBe(0);
    spend.settle('a1', undefined);
    expect(spend.spentInDay()).toBe(0);
    spend.reserve('a2', 'volume', 0.3);
    spend.settle('a2', 0.25);
    expect(spend.spentInDay('volume')).toBe(0.25);
  });

  it('forgets an old spend even when history hands it over after a newer one', () => {
    const clock = new ManualClock();
    const spend = new SpendTracker(() => clock.now());
    spend.load([
      { requester: 'sniper', sol: 0.5, at: clock.now() - 1 * HOUR },
      { requester: 'sniper', sol: 0.5, at: clock.now() - 23 * HOUR },
      { requester: 'sniper', sol: 7, at: clock.now() - 25 * HOUR },
    ]);
    expect(spend.spentInDay()).toBe(1);
    clock.advance(2 * HOUR);
    expect(spend.spentInDay()).toBe(0.5);
  });
});

describe('spend limits through the engine', () => {
  function record(mint: string, at: number, solSpent: number): PurchaseRecord {
    return { mint, symbol: 'T', platform: 'pump.fun', module: 'sniper', signature: `sig-${mint}`, solSpent, tokens: 1, at, instanceId: 'i-old' };
  }

  // A purchase 23 hours old, loaded after a recent one, must leave the window on time.
  it('the daily cap rolls over for purchases loaded from history out of time order', async () => {
    const clock = new ManualClock();
    const dataDir = tempDataDir();
    const [recent, old] = [randomMint(), randomMint()];
    const purchases = { [recent]: [record(recent, clock.now() - HOUR, 0.5)], [old]: [record(old, clock.now() - 23 * HOUR, 0.5)] };
    fs.writeFileSync(path.join(dataDir, 'purchase-history.json'), JSON.stringify({ purchases }));
    const te = await engineFor({ dataDir, clock });
    await te.engine.port.handlers['limits.update']({ dailySpendCapSol: 1 });
    expect((await te.engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('limit-reached');
    clock.advance(2 * HOUR);
    const later = await te.engine.coordinator.requestBuy(signal(randomMint(), 'sniper', { solAmount: 0.4 }));
    expect(later.reason).toBeUndefined();
  });

  it('purchases in the history count towards the daily cap after a restart', async () => {
    const dataDir = tempDataDir();
    const first = await engineFor({ dataDir });
    await first.engine.coordinator.requestBuy(signal(randomMint(), 'sniper', { solAmount: 0.2 }));
    await first.stop();
    const second = await engineFor({ dataDir });
    await second.engine.port.handlers['limits.update']({ dailySpendCapSol: 0.25 });
    const result = await second.engine.coordinator.requestBuy(signal(randomMint(), 'trending'));
    expect(result.reason).toMatchObject({ code: 'limit-reached', limit: 'daily-spend-cap', detail: '0.2 SOL of 0.25 SOL spent in 24 h' });
  });

  // Regression test: this once failed (reconciler.ts landed/notLanded + spend-tracker.ts settle).
  async function adoptedUnknown(): Promise<{ b: TestEngine; unknownMint: string }> {
    const dataDir = tempDataDir();
    const a = await engineFor({ dataDir, instanceId: 'i-crashed' });
    const unknownMint = randomMint();
    a.trader.willReturn(unknownMint, { kind: 'unknown', error: 'timeout', signature: 'sig-maybe' });
    expect((await a.engine.coordinator.requestBuy(signal(unknownMint))).outcome).toBe('unknown');
    fs.rmSync(path.join(dataDir, 'instances', 'i-crashed.json'));
    const b = await engineFor({ dataDir, instanceId: 'i-next' });
    await b.engine.port.handlers['limits.update']({ dailySpendCapSol: 0.15 });
    await waitUntil(() => b.engine.status().unknown === 1, 'b to adopt the unknown buy');
    return { b, unknownMint };
  }

  // Regression test: this once failed (reconciler.ts reconcileNow).
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

  it('an unknown buy of this instance found to have landed counts against the daily cap', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['limits.update']({ dailySpendCapSol: 0.15 });
    const mint = randomMint();
    te.trader.willReturn(mint, { kind: 'unknown', error: 'timeout' });
    await te.engine.coordinator.requestBuy(signal(mint));
    te.trader.reconcileAnswers.set(mint, { kind: 'landed', signature: 'sig-l', solSpent: 0.1, tokens: 5 });
    await te.engine.reconciler.reconcileNow();
    expect((await te.engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('limit-reached');
  });
});
