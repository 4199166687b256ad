import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../../electron/core/ledger/ledger.js';
import type { Intent } from '../../../../electron/core/ledger/intent.js';
import { openLedgerDb } from '../../../../electron/core/ledger/open-ledger.js';
import { toPosition } from '../../../../electron/core/positions/pnl.js';
import { SellCoordinator, type SellOutcome } from '../../../../electron/core/positions/sell-coordinator.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { defaultSettings, type ExitRules } from '../../../../shared/settings.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';
import { ScriptedTrader } from '../../../support/scripted-trader.js';

const { killSwitch, limits, blocklist } = defaultSettings();
const takeProfit50: ExitRules = { takeProfitPct: 50, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 };
// Every position here: 1 000 tokens bought for 0.1 SOL, entry 1e-4 SOL per token; take profit at 1.5e-4.

interface Side {
  ledger: Ledger;
  sells: SellCoordinator;
  outcomes: SellOutcome[];
}

const opened: Side[] = [];
afterEach(() => {
  for (const side of opened.splice(0)) {
    side.sells.stop();
    side.ledger.close();
  }
});

async function side(
  dataDir: string,
  instanceId: string,
  clock: ManualClock,
  trader: ScriptedTrader,
  rules: ExitRules = takeProfit50,
  extra: Partial<ConstructorParameters<typeof SellCoordinator>[0]> = {},
): Promise<Side & { errors: string[] }> {
  const ledger = new Ledger(openLedgerDb(dataDir), { dataDir, instanceId, now: () => clock.now(), initialRules: { killSwitch, limits, blocklist } });
  const outcomes: SellOutcome[] = [];
  const errors: string[] = [];
  const sells = new SellCoordinator({
    onError: (message) => errors.push(message),
    instanceId,
    clock,
    positions: ledger.positions,
    liveness: (id) => ledger.liveness(id),
    trader,
    exitRules: () => rules,
    onOutcome: (o) => outcomes.push(o),
    // The test drives ticks and reconciles itself.
    tickMs: 1e12,
    reconcileMs: 0,
    ...extra,
  });
  ledger.onChange(() => sells.invalidate());
  await sells.start();
  const s = { ledger, sells, outcomes, errors };
  opened.push(s);
  return s;
}

function buy(ledger: Ledger, mint: string, clock: ManualClock): number {
  const intent: Intent = { attemptId: `${ledger.instanceId}-${mint.slice(0, 8)}`, mint, symbol: 'T', platform: 'pump.fun', module: 'sniper', solAmount: 0.1, instanceId: ledger.instanceId, at: clock.now(), status: 'in-flight' };
  expect(ledger.claim(intent, undefined, () => undefined)).toEqual({ ok: true });
  ledger.recordSuccess(intent, { ...intent, signature: `sig-${intent.attemptId}`, solSpent: 0.1, tokens: 1_000, at: clock.now(), instanceId: ledger.instanceId });
  return ledger.positions.openPositions().find((p) => p.mint === mint)!.id;
}

function view(s: Side, id: number) {
  return toPosition(s.ledger.positions.position(id)!, s.sells.mark(id));
}

describe('SellCoordinator', () => {
  it('a sell failing twice then succeeding closes the position; the retries are shown in between, with backoff', async () => {
    const clock = new ManualClock();
    const trader = new ScriptedTrader();
    const a = await side(tempDataDir(), 'i-a', clock, trader);
    const mint = randomMint();
    const id = buy(a.ledger, mint, clock);
    trader.willSell(mint, { kind: 'failure', error: 'slippage: TooLittleSolReceived' }, { kind: 'failure', error: 'blockhash expired' });
    trader.sellPriceSol = 1.6e-4;

    a.sells.observePrice(mint, 1.2e-4, clock.now());
    expect(trader.sellOrders).toHaveLength(0);
    a.sells.observePrice(mint, 1.55e-4, clock.now());
    await a.sells.settled();
    expect(trader.sellOrders).toHaveLength(1);
    expect(view(a, id)).toMatchObject({
      status: 'open',
      sell: { status: 'retrying', attempt: 1, reason: 'take-profit', lastError: 'slippage: TooLittleSolReceived', nextTryAt: clock.now() + 2_000 },
    });
    // The price still says take profit, but the backoff holds: no new sell before its time.
    a.sells.observePrice(mint, 1.6e-4, clock.now());
    clock.advance(1_999);
    await a.sells.tick();
    await a.sells.settled();
    expect(trader.sellOrders).toHaveLength(1);

    clock.advance(1);
    await a.sells.tick();
    await a.sells.settled();
    expect(trader.sellOrders).toHaveLength(2);
    expect(view(a, id)).toMatchObject({ status: 'open', sell: { status: 'retrying', attempt: 2, lastError: 'blockhash expired', nextTryAt: clock.now() + 4_000 } });

    clock.advance(4_000);
    await a.sells.tick();
    await a.sells.settled();
    expect(trader.sellOrders).toHaveLength(3);
    const closed = view(a, id);
    expect(closed).toMatchObject({ status: 'closed', tokensHeld: 0, closeReason: 'take-profit', unrealizedSol: 0 });
    expect(closed.sell).toBeUndefined();
    expect(closed.realizedSol).toBeCloseTo(1_000 * 1.6e-4 - 0.1, 12);
    expect(a.outcomes.map((o) => [o.outcome, o.sell.attempt])).toEqual([
      ['failed', 1],
      ['failed', 2],
      ['sold', 3],
    ]);
    expect(trader.sellOrders.map((o) => o.tokens)).toEqual([1_000, 1_000, 1_000]);
  });

  it('an unknown sell is reconciled before any other sell of the position; landed, it is never sold again', async () => {
    const clock = new ManualClock();
    const trader = new ScriptedTrader();
    const a = await side(tempDataDir(), 'i-a', clock, trader);
    const mint = randomMint();
    const id = buy(a.ledger, mint, clock);
    trader.willSell(mint, { kind: 'unknown', error: 'timeout waiting for confirmation', signature: 'sig-u' });
    a.sells.observePrice(mint, 2e-4, clock.now());
    await a.sells.settled();
    // The signature shown is the fenced one: what was recorded before the send is what can land.
    expect(view(a, id).sell).toMatchObject({ status: 'unknown', lastError: 'timeout waiting for confirmation', signature: `sig-${trader.sellOrders[0]!.sellId}` });

    // Neither the exit rule nor a person can sell it while its outcome is unknown.
    a.sells.observePrice(mint, 2.5e-4, clock.now());
    expect(() => a.sells.sellByHand(id, 100)).toThrow(/unknown outcome/);
    await a.sells.tick(); // reconciles: still unknown
    expect(trader.sellQueries.map((q) => q.mint)).toEqual([mint]);
    expect(trader.sellOrders).toHaveLength(1);

    trader.sellReconcileAnswers.set(mint, { kind: 'landed', signature: 'sig-u', solReceived: 0.21, tokensSold: 1_000 });
    clock.advance(1_000);
    await a.sells.tick();
    await a.sells.settled();
    expect(view(a, id)).toMatchObject({ status: 'closed', tokensHeld: 0 });
    expect(view(a, id).realizedSol).toBeCloseTo(0.11, 12);
    expect(trader.sellOrders).toHaveLength(1);
    expect(a.outcomes.map((o) => o.outcome)).toEqual(['unknown', 'reconciled-sold']);
  });

  it('an unknown sell found not landed becomes a failed sell, retried after its backoff', async () => {
    const clock = new ManualClock();
    const trader = new ScriptedTrader();
    const a = await side(tempDataDir(), 'i-a', clock, trader);
    const mint = randomMint();
    const id = buy(a.ledger, mint, clock);
    trader.willSell(mint, { kind: 'unknown', error: 'socket reset' });
    a.sells.observePrice(mint, 2e-4, clock.now());
    await a.sells.settled();
    trader.sellReconcileAnswers.set(mint, { kind: 'not-landed', detail: 'expired: past its last valid block' });
    await a.sells.tick();
    expect(view(a, id).sell).toMatchObject({ status: 'retrying', attempt: 1, lastError: 'expired: past its last valid block' });
    const queriedBeforeResell = trader.sellQueries.length;
    clock.advance(2_000);
    await a.sells.tick();
    await a.sells.settled();
    expect(queriedBeforeResell).toBe(1);
    expect(trader.sellOrders).toHaveLength(2);
    expect(view(a, id).status).toBe('closed');
  });

  it('sell by hand: a share of what is held, then the rest; a closed position refuses', async () => {
    const clock = new ManualClock();
    const trader = new ScriptedTrader();
    const a = await side(tempDataDir(), 'i-a', clock, trader, { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 });
    const mint = randomMint();
    const id = buy(a.ledger, mint, clock);
    expect(() => a.sells.sellByHand(id, 0)).toThrow(/above 0/);
    a.sells.sellByHand(id, 25);
    await a.sells.settled();
    expect(view(a, id)).toMatchObject({ status: 'open', tokensHeld: 750 });
    a.sells.sellByHand(id, 100);
    await a.sells.settled();
    expect(view(a, id)).toMatchObject({ status: 'closed', tokensHeld: 0, closeReason: 'manual' });
    expect(trader.sellOrders.map((o) => [o.tokens, o.reason])).toEqual([
      [250, 'manual'],
      [750, 'manual'],
    ]);
    expect(() => a.sells.sellByHand(id, 100)).toThrow(/closed/);
    expect(() => a.sells.sellByHand(9_999, 100)).toThrow(/no position/);
  });

  it('max hold sells without any price; a trailing stop follows the peak persisted before a restart', async () => {
    const clock = new ManualClock();
    const trader = new ScriptedTrader();
    const dataDir = tempDataDir();
    const rules = { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 20, maxHoldMinutes: 30 };
    const a = await side(dataDir, 'i-a', clock, trader, rules);
    const [m1, m2] = [randomMint(), randomMint()];
    const held = buy(a.ledger, m1, clock);
    const trailed = buy(a.ledger, m2, clock);
    a.sells.observePrice(m2, 3e-4, clock.now());
    a.sells.stop(); // persists the prices seen
    // A new coordinator (a restart) on the same file resumes from the persisted peak.
    const b = await side(dataDir, 'i-b', clock, trader, rules);
    b.sells.observePrice(m2, 2.5e-4, clock.now());
    await b.sells.settled();
    expect(trader.sellOrders).toHaveLength(0);
    b.sells.observePrice(m2, 2.39e-4, clock.now()); // over 20 % below the 3e-4 peak
    await b.sells.settled();
    expect(trader.sellsOf(m2).map((o) => o.reason)).toEqual(['trailing-stop']);
    expect(b.ledger.positions.position(trailed)?.status).toBe('closed');
    clock.advance(30 * 60_000);
    await b.sells.tick();
    await b.sells.settled();
    expect(trader.sellsOf(m1).map((o) => o.reason)).toEqual(['max-hold']);
    expect(b.ledger.positions.position(held)?.status).toBe('closed');
  });

  it('where the feed shows no price, the mark source is read (a few at a time, each error said once) and its price sells', async () => {
    const clock = new ManualClock();
    const trader = new ScriptedTrader();
    const [good, bad] = [randomMint(), randomMint()];
    const asked: string[] = [];
    const a = await side(tempDataDir(), 'i-a', clock, trader, takeProfit50, {
      markEveryMs: 5_000,
      markOf: async (mint) => {
        asked.push(mint);
        if (mint === bad) throw new Error('429 Too Many Requests');
        return 1.6e-4;
      },
    });
    buy(a.ledger, good, clock);
    buy(a.ledger, bad, clock);
    await a.sells.tick();
    await new Promise((resolve) => setImmediate(resolve));
    await a.sells.settled();
    expect(trader.sellsOf(good).map((o) => o.reason)).toEqual(['take-profit']);
    expect(trader.sellsOf(bad)).toEqual([]);
    clock.advance(5_000);
    await a.sells.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked.filter((m) => m === bad)).toHaveLength(2);
    expect(a.errors.filter((e) => e.includes('429'))).toHaveLength(1);
  });

  it('two instances on one data dir never sell the same position twice', async () => {
    const clock = new ManualClock();
    const dataDir = tempDataDir();
    const [ta, tb] = [new ScriptedTrader(), new ScriptedTrader()];
    const a = await side(dataDir, 'i-a', clock, ta);
    const b = await side(dataDir, 'i-b', clock, tb);
    a.ledger.registerInstance(clock.now());
    b.ledger.registerInstance(clock.now());
    const mints = Array.from({ length: 20 }, () => randomMint());
    for (const mint of mints) {
      buy(a.ledger, mint, clock);
      ta.hold(mint);
    }
    b.sells.invalidate();
    // Both see every take-profit price at the same moment; a's sells are held in the air.
    for (const mint of mints) {
      a.sells.observePrice(mint, 2e-4, clock.now());
      b.sells.observePrice(mint, 2e-4, clock.now());
    }
    for (const mint of mints) expect(() => b.sells.sellByHand(a.ledger.positions.openPositions().find((p) => p.mint === mint)!.id, 100)).toThrow(/in the air \(instance i-a\)/);
    for (const mint of mints) ta.open(mint);
    await a.sells.settled();
    await b.sells.settled();
    for (const mint of mints) {
      b.sells.observePrice(mint, 3e-4, clock.now());
      expect(ta.sellsOf(mint).length + tb.sellsOf(mint).length).toBe(1);
    }
    expect(a.ledger.positions.openCount()).toBe(0);
  });

  it("a dead instance's sell is adopted and reconciled; its owner's late answer is not counted twice", async () => {
    const clock = new ManualClock();
    const dataDir = tempDataDir();
    const [ta, tb] = [new ScriptedTrader(), new ScriptedTrader()];
    const a = await side(dataDir, 'i-a', clock, ta);
    const mint = randomMint();
    const id = buy(a.ledger, mint, clock);
    ta.hold(mint);
    a.sells.observePrice(mint, 2e-4, clock.now());
    expect(a.ledger.positions.position(id)?.sell).toMatchObject({ status: 'in-flight', fence: { signature: expect.any(String) } });
    // i-a never registered and holds no lock: to i-b it is dead.
    const b = await side(dataDir, 'i-b', clock, tb);
    tb.sellReconcileAnswers.set(mint, { kind: 'landed', signature: 'sig-a', solReceived: 0.2, tokensSold: 1_000 });
    await b.sells.reconcileNow();
    expect(b.ledger.positions.position(id)).toMatchObject({ status: 'closed', realizedSol: expect.closeTo(0.1, 12) });
    expect(b.outcomes.map((o) => o.outcome)).toEqual(['reconciled-sold']);
    ta.open(mint);
    await a.sells.settled();
    expect(b.ledger.positions.position(id)?.realizedSol).toBeCloseTo(0.1, 12);
    expect(b.ledger.positions.sellsOf(id)).toHaveLength(1);
  });
});
