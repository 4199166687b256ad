import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import bs58 from 'bs58';
import { Ledger } from '../../electron/core/ledger/ledger.js';
import type { Intent } from '../../electron/core/ledger/intent.js';
import { openLedgerDb } from '../../electron/core/ledger/open-ledger.js';
import { DAY_MS, listPositions } from '../../electron/core/positions/positions-view.js';
import { SellCoordinator } from '../../electron/core/positions/sell-coordinator.js';
import { systemClock } from '../../electron/core/time/clock.js';
import type { SellOrder, SellResult } from '../../electron/core/traders/trader.js';
import type { FeedEvent } from '../../shared/feed-events.js';
import { defaultSettings } from '../../shared/settings.js';
import { report, summarize } from './bench-report.js';

const mint = () => bs58.encode(crypto.randomBytes(32));

/**
 * What positions cost the engine, with `open` positions held:
 * - `positions-price-event`: one feed trade event through the sell coordinator (price kept,
 *   exits looked at), for a mint held (1 in 10) or not; no exit fires;
 * - `positions-reload`: all open positions read again (one query; at most every 250 ms after changes);
 * - `positions-list`: the `positions` event's list after a ledger change (open + the 500 newest
 *   of 1 000 closed in the last 24 h);
 * - `positions-sell`: claim, fence and settle of one sell in the ledger (three transactions).
 */
export async function runPositionsBench(quick: boolean): Promise<void> {
  for (const open of quick ? [200] : [200, 2_000]) await benchWith(open, quick);
}

async function benchWith(open: number, quick: boolean): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-posbench-'));
  const { killSwitch, limits, blocklist } = defaultSettings();
  const ledger = new Ledger(openLedgerDb(dataDir), { dataDir, instanceId: 'i-bench', now: Date.now, initialRules: { killSwitch, limits, blocklist } });
  const held: string[] = [];
  const buy = (m: string, i: number) => {
    const intent: Intent = { attemptId: `a-${i}-${m.slice(0, 6)}`, mint: m, symbol: 'B', platform: 'pump.fun', module: 'sniper', solAmount: 0.1, instanceId: 'i-bench', at: Date.now(), status: 'in-flight' };
    ledger.claim(intent, undefined, () => undefined);
    ledger.recordSuccess(intent, { ...intent, signature: `s-${intent.attemptId}`, solSpent: 0.1, tokens: 1_000_000, at: Date.now(), instanceId: 'i-bench' });
  };
  for (let i = 0; i < open; i++) {
    const m = mint();
    held.push(m);
    buy(m, i);
  }
  // Closed positions in the last 24 h, for the list.
  for (let i = 0; i < 1_000; i++) {
    const m = mint();
    buy(m, open + i);
    const id = ledger.positions.openPositions().find((p) => p.mint === m)!.id;
    const claim = ledger.positions.claimSell({ sellId: `c-${i}`, positionId: id, reason: 'manual', fraction: 1, kind: 'manual' });
    if (claim.ok) ledger.positions.settleSold(`c-${i}`, { signature: `cs-${i}`, solReceived: 0.1, tokensSold: 1_000_000 });
  }
  const trader = {
    sell: async (order: SellOrder): Promise<SellResult> => ({ kind: 'success', signature: `x-${order.sellId}`, solReceived: 0.1, tokensSold: order.tokens }),
    reconcileSell: async () => ({ kind: 'still-unknown' as const, detail: 'bench' }),
  };
  const sells = new SellCoordinator({
    instanceId: 'i-bench',
    clock: systemClock,
    positions: ledger.positions,
    liveness: () => 'alive',
    trader,
    // Rules no bench price meets: every event is looked at, none sells.
    exitRules: () => ({ takeProfitPct: 10_000, stopLossPct: 99, trailingStopPct: 99, maxHoldMinutes: 0 }),
    tickMs: 1e9,
    persistPricesMs: 1e9,
  });
  await sells.start();

  const n = quick ? 5_000 : 50_000;
  const others = Array.from({ length: 1_000 }, mint);
  const eventTimes: number[] = [];
  for (let i = 0; i < n + 500; i++) {
    const m = i % 10 === 0 ? held[i % held.length]! : others[i % others.length]!;
    const event: FeedEvent = { kind: 'trade', at: Date.now(), platform: 'pump.fun', mint: m, wallet: m, side: 'buy', solAmount: 0.1, tokenAmount: 1_000, vSol: 30 + (i % 7), vTokens: 1e9 };
    const t0 = performance.now();
    sells.observe(event);
    if (i >= 500) eventTimes.push(performance.now() - t0);
  }
  report('positions-price-event', { open, heldShare: 0.1, ...summarize(eventTimes) });

  const reloads: number[] = [];
  for (let i = 0; i < (quick ? 50 : 300); i++) {
    const t0 = performance.now();
    ledger.positions.openPositions();
    reloads.push(performance.now() - t0);
  }
  report('positions-reload', { open, ...summarize(reloads) });

  const lists: number[] = [];
  for (let i = 0; i < (quick ? 20 : 100); i++) {
    const t0 = performance.now();
    // As the event builds it after a ledger change: open positions as the coordinator holds them, closed ones read again.
    listPositions(sells.openRecords(), ledger.positions.closedSince(Date.now() - DAY_MS, 500), (id) => sells.mark(id), Number.MAX_SAFE_INTEGER);
    lists.push(performance.now() - t0);
  }
  report('positions-list', { open, closed: 500, ...summarize(lists) });

  const sellTimes: number[] = [];
  const ids = ledger.positions.openPositions().map((p) => p.id);
  for (let i = 0; i < Math.min(ids.length, quick ? 100 : 1_000); i++) {
    const t0 = performance.now();
    const claim = ledger.positions.claimSell({ sellId: `b-${i}`, positionId: ids[i]!, reason: 'manual', fraction: 1, kind: 'manual' });
    if (!claim.ok) throw new Error(claim.message);
    ledger.positions.recordSellFence(`b-${i}`, { signature: `bs-${i}`, blockhash: 'bh', lastValidBlockHeight: 1, signedBytes: 'AA==' });
    ledger.positions.settleSold(`b-${i}`, { signature: `bs-${i}`, solReceived: 0.1, tokensSold: 1_000_000 });
    sellTimes.push(performance.now() - t0);
  }
  report('positions-sell', { open, ...summarize(sellTimes) });

  sells.stop();
  ledger.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
