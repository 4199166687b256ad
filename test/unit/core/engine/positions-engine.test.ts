import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../shared/contract.js';
import type { FeedEvent } from '../../../../shared/feed-events.js';
import { dataDirPaths } from '../../../../electron/core/data-dir-paths.js';
import type { Feed } from '../../../../electron/core/feeds/feed.js';
import { dispatch } from '../../../../electron/host/dispatch.js';
import { randomMint, signal, tempDataDir, useTestEngines } from '../../../support/engine-fixture.js';
import { ScriptedTrader } from '../../../support/scripted-trader.js';
import { waitUntil } from '../../../support/wait-until.js';

const engineFor = useTestEngines();

/** A feed the test pushes events into. */
class PushFeed implements Feed {
  readonly name = 'push';
  private emit: ((event: FeedEvent) => void) | undefined;
  async start(emit: (event: FeedEvent) => void): Promise<void> {
    this.emit = emit;
  }
  async stop(): Promise<void> {
    this.emit = undefined;
  }
  counters() {
    return { name: this.name, connected: true, received: 0, dropped: 0 };
  }
  /** A trade on the curve leaving it at `priceSol` per token. */
  trade(mint: string, priceSol: number): void {
    this.emit?.({ kind: 'trade', at: Date.now(), platform: 'pump.fun', mint, wallet: randomMint(), side: 'buy', solAmount: 0.5, tokenAmount: 1, vSol: 30, vTokens: 30 / priceSol });
  }
}

const exits = { takeProfitPct: 50, stopLossPct: 20, trailingStopPct: 0, maxHoldMinutes: 0 };

async function startWithPositions(options: { dataDir?: string; trader?: ScriptedTrader } = {}) {
  const feed = new PushFeed();
  const trader = options.trader ?? new ScriptedTrader();
  const t = await engineFor({ ...options, trader, feeds: [feed] });
  await t.engine.port.handlers['module.update']({ module: 'sniper', patch: { exits } });
  const events: EventPayload<'positions'>[] = [];
  t.engine.port.subscribe(({ name, payload }) => {
    if (name === 'positions') events.push(payload as EventPayload<'positions'>);
  });
  return { ...t, feed, trader, events };
}

async function list(t: Awaited<ReturnType<typeof startWithPositions>>, includeClosed = true) {
  return t.engine.port.handlers['positions.list']({ includeClosed, limit: 500 });
}

describe('positions in the engine', () => {
  it('a purchase opens a position, listed and pushed with its P&L at the last trade price', async () => {
    const t = await startWithPositions();
    const mint = randomMint();
    // 0.1 SOL for 1 000 tokens (the scripted fill): entry 1e-4 SOL per token.
    await t.engine.coordinator.requestBuy(signal(mint));
    t.feed.trade(mint, 1.2e-4);
    const listed = await list(t);
    expect(listed.positions).toEqual([
      expect.objectContaining({ mint, status: 'open', module: 'sniper', costSol: 0.1, tokensHeld: 1_000, entryPriceSol: 1e-4, lastPriceSol: expect.closeTo(1.2e-4, 15) }),
    ]);
    expect(listed.positions[0]!.unrealizedSol).toBeCloseTo(0.02, 12);
    expect(listed.totals).toMatchObject({ open: 1, realizedSol: 0 });
    expect(t.engine.status().positions).toEqual({ open: 1, sellsInFlight: 0, sellsUnknown: 0, sellsRetrying: 0 });
    await waitUntil(() => t.events.at(-1)?.positions[0]?.lastPriceSol !== undefined, 'a positions event with the price');
    expect(t.events.at(-1)).toEqual(listed);
    const snapshot = await t.engine.port.handlers['session.snapshot']({});
    expect(snapshot.positions).toEqual(listed);
  });

  it('a buy reconciled as landed, or marked bought by hand, opens its position too', async () => {
    const t = await startWithPositions();
    const [landed, byHand, noAmount] = [randomMint(), randomMint(), randomMint()];
    for (const mint of [landed, byHand, noAmount]) {
      t.trader.willReturn(mint, { kind: 'unknown', error: 'timeout' });
      await t.engine.coordinator.requestBuy(signal(mint));
    }
    expect((await list(t)).positions).toEqual([]);
    t.trader.reconcileAnswers.set(landed, { kind: 'landed', signature: 'sig-l', solSpent: 0.1, tokens: 800 });
    await t.engine.reconciler.reconcileNow();
    await t.engine.port.handlers['blocked.markReconciled']({ mint: byHand, outcome: 'bought', solSpent: 0.1, tokens: 500 });
    await t.engine.port.handlers['blocked.markReconciled']({ mint: noAmount, outcome: 'bought' });
    const byMint = new Map((await list(t)).positions.map((p) => [p.mint, p]));
    expect(byMint.get(landed)).toMatchObject({ status: 'open', tokensBought: 800, costSol: 0.1 });
    expect(byMint.get(byHand)).toMatchObject({ status: 'open', tokensBought: 500, costSol: 0.1 });
    // No token amount given: nothing known is held, so nothing can be sold; the cost stands as realized.
    expect(byMint.get(noAmount)).toMatchObject({ status: 'closed', tokensHeld: 0, realizedSol: -0.1, closeReason: 'no token amount was recorded for this purchase' });
  });

  it('the kill switch stops buying, not selling: a take profit still sells and closes the position', async () => {
    const t = await startWithPositions();
    const mint = randomMint();
    await t.engine.coordinator.requestBuy(signal(mint));
    await t.engine.port.handlers['killSwitch.set']({ on: true });
    expect((await t.engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('kill-switch');
    t.feed.trade(mint, 1.6e-4);
    await waitUntil(() => t.trader.sellsOf(mint).length === 1, 'the take-profit sell');
    await t.engine.sells!.settled();
    const [closed] = (await list(t)).positions;
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'take-profit', tokensHeld: 0 });
    expect(closed!.realizedSol).toBeCloseTo(1_000 * t.trader.sellPriceSol - 0.1, 12);
    // Every sell's ending is in the sells' audit, apart from the buys'.
    const lines = fs.readFileSync(dataDirPaths(t.dataDir).sellAudit(t.engine.instanceId), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; mint: string });
    expect(lines).toEqual([expect.objectContaining({ outcome: 'sold', mint })]);
  });

  it('positions.sell: a share by hand; a bad or unknown id and a closed position are refused with the reason', async () => {
    const t = await startWithPositions();
    const mint = randomMint();
    await t.engine.coordinator.requestBuy(signal(mint));
    const [open] = (await list(t)).positions;
    const { sellId } = await t.engine.port.handlers['positions.sell']({ positionId: open!.id, percent: 40 });
    expect(sellId).toMatch(/-s\d+$/);
    await t.engine.sells!.settled();
    expect((await list(t)).positions[0]).toMatchObject({ status: 'open', tokensHeld: 600 });
    expect(() => t.engine.port.handlers['positions.sell']({ positionId: 'DROP TABLE', percent: 10 })).toThrow(/no position DROP TABLE/);
    expect(() => t.engine.port.handlers['positions.sell']({ positionId: '99999', percent: 10 })).toThrow(/no position 99999/);
    await t.engine.port.handlers['positions.sell']({ positionId: open!.id, percent: 100 });
    await t.engine.sells!.settled();
    expect(() => t.engine.port.handlers['positions.sell']({ positionId: open!.id, percent: 100 })).toThrow(/closed/);
  });

  it('hostile positions payloads through the transport are refused as bad requests, and nothing is sold', async () => {
    const t = await startWithPositions();
    const mint = randomMint();
    await t.engine.coordinator.requestBuy(signal(mint));
    const [open] = (await list(t)).positions;
    const hostile: unknown[] = [
      { positionId: Number(open!.id), percent: 50 },
      { positionId: open!.id, percent: 0 },
      { positionId: open!.id, percent: 100.5 },
      { positionId: open!.id, percent: Number.NaN },
      { positionId: open!.id, percent: '50' },
      { positionId: open!.id, percent: 50, tokens: 1e12 },
      { positionId: 'x'.repeat(65), percent: 50 },
      { positionId: '', percent: 50 },
      { percent: 50 },
      null,
    ];
    for (const input of hostile) {
      expect(await dispatch(t.engine.port.handlers, 'positions.sell', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    for (const input of [{ limit: 0 }, { limit: 10_000 }, { includeClosed: 'yes' }, { includeClosed: true, extra: 1 }]) {
      expect(await dispatch(t.engine.port.handlers, 'positions.list', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    // A well-formed id of no position fails with the reason, not a crash.
    expect(await dispatch(t.engine.port.handlers, 'positions.sell', { positionId: '__proto__', percent: 50 })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/no position __proto__/) },
    });
    expect(t.trader.sellOrders).toEqual([]);
    expect((await list(t)).positions[0]).toMatchObject({ status: 'open', tokensHeld: 1_000 });
  });

  it('restart keeps positions and open sells; the unknown sell is reconciled at start, before anything sells it again', async () => {
    const dataDir = tempDataDir();
    const first = await startWithPositions({ dataDir });
    const alerts: string[] = [];
    first.engine.port.subscribe(({ name, payload }) => {
      if (name === 'alert') alerts.push((payload as { message: string }).message);
    });
    const [kept, unknown] = [randomMint(), randomMint()];
    await first.engine.coordinator.requestBuy(signal(kept));
    await first.engine.coordinator.requestBuy(signal(unknown));
    first.trader.willSell(unknown, { kind: 'unknown', error: 'timeout waiting for confirmation' });
    first.feed.trade(unknown, 1.6e-4);
    first.feed.trade(kept, 1.1e-4);
    await waitUntil(() => first.trader.sellsOf(unknown).length === 1, 'the sell');
    await first.engine.sells!.settled();
    const before = await list(first);
    expect(before.positions.find((p) => p.mint === unknown)?.sell).toMatchObject({ status: 'unknown' });
    await waitUntil(() => first.engine.status().positions?.sellsUnknown === 1, 'the unknown sell in the status');
    await first.stop();
    // The status after a stop (serve prints it) reads what was last seen, not the closed ledger,
    // even when a change came in last.
    first.engine.sells!.invalidate();
    expect(first.engine.status().positions).toMatchObject({ open: 2, sellsUnknown: 1 });
    expect(alerts).toEqual([]);

    // Still unknown on the chain: kept, blocking its position, shown.
    const stillUnknown = new ScriptedTrader();
    const second = await startWithPositions({ dataDir, trader: stillUnknown });
    expect(stillUnknown.sellQueries.map((q) => q.mint)).toEqual([unknown]);
    const after = await list(second);
    expect(after.positions.map((p) => [p.mint, p.status, p.tokensHeld, p.sell?.status])).toEqual(
      expect.arrayContaining([
        [kept, 'open', 1_000, undefined],
        [unknown, 'open', 1_000, 'unknown'],
      ]),
    );
    // The peak and last price seen before the stop came back with it.
    expect(after.positions.find((p) => p.mint === kept)?.lastPriceSol).toBeCloseTo(1.1e-4, 15);
    second.feed.trade(unknown, 1.7e-4);
    expect(stillUnknown.sellOrders).toHaveLength(0);
    await second.stop();

    // It landed: the next start settles it from the chain, and it is never sold a second time.
    const landed = new ScriptedTrader();
    landed.sellReconcileAnswers.set(unknown, { kind: 'landed', signature: 'sig-late', solReceived: 0.16, tokensSold: 1_000 });
    const third = await startWithPositions({ dataDir, trader: landed });
    const settled = (await list(third)).positions.find((p) => p.mint === unknown);
    expect(settled).toMatchObject({ status: 'closed', tokensHeld: 0, closeReason: 'take-profit' });
    expect(settled!.realizedSol).toBeCloseTo(0.06, 12);
    expect(landed.sellOrders).toHaveLength(0);
  });
});
