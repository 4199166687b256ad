import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../../../../electron/core/time/clock.js';
import { PAPER_BLOCK_MS, PAPER_BLOCKHASH_VALID_BLOCKS, PaperLedger, readAllFills } from '../../../../electron/core/traders/paper-ledger.js';
import { PaperTrader, type PaperTraderOptions } from '../../../../electron/core/traders/paper-trader.js';
import type { Fence, SellOrder, SellResult } from '../../../../electron/core/traders/trader.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';

function sellOrder(i: number, mint = randomMint(), tokens = 1_000): SellOrder {
  return { sellId: `sell-${i}`, positionId: String(i), mint, platform: 'pump.fun', symbol: 'T', tokens, reason: 'take-profit' };
}

const instantClock: Clock = { now: () => 1_700_000_000_000, setTimeout: (fn) => queueMicrotask(fn), clearTimeout: () => undefined };

function paper(options: Partial<PaperTraderOptions> = {}, clock: Clock = instantClock) {
  const dataDir = tempDataDir();
  const ledger = new PaperLedger(dataDir, 'i-paper', clock);
  const trader = new PaperTrader({ ledger, instanceId: 'i-paper', clock, ...options });
  return { trader, ledger, ledgerDir: path.join(dataDir, 'paper-ledger') };
}

describe('PaperTrader sells', () => {
  it('sells at the price source of its buys, lands on the paper chain as a sell, never as a buy', async () => {
    const mint = randomMint();
    const { trader, ledger, ledgerDir } = paper({ quoteSell: (m, tokens) => (m === mint ? tokens * 2e-7 : undefined) });
    const result = await trader.sell(sellOrder(1, mint, 5_000));
    expect(result).toMatchObject({ kind: 'success', tokensSold: 5_000 });
    expect((result as Extract<SellResult, { kind: 'success' }>).solReceived).toBeCloseTo(0.001, 12);
    expect(readAllFills(ledgerDir, 'sell')).toEqual([expect.objectContaining({ attemptId: 'sell-1', mint, solSpent: (result as { solReceived: number }).solReceived, tokens: 5_000 })]);
    expect(readAllFills(ledgerDir, 'buy')).toEqual([]);
    expect(await trader.sell(sellOrder(2))).toEqual({ kind: 'failure', error: 'no market to sell this mint into' });
    ledger.close();
  });

  it('hands the fence to the gate before it sends, and sends nothing when the gate refuses', async () => {
    const { trader, ledger, ledgerDir } = paper();
    const fences: Fence[] = [];
    const refused = await trader.sell(sellOrder(1), (fence) => {
      fences.push(fence);
      return false;
    });
    expect(refused.kind).toBe('not-sent');
    expect(readAllFills(ledgerDir, 'sell')).toEqual([]);
    const sold = await trader.sell(sellOrder(2), (fence) => {
      fences.push(fence);
      return true;
    });
    expect(sold.kind).toBe('success');
    expect(fences[1]).toMatchObject({ signature: (sold as { signature: string }).signature, lastValidBlockHeight: expect.any(Number), signedBytes: expect.any(String) });
    ledger.close();
  });

  it('injects the same faults as buys: failures, and timeouts of which a share landed', async () => {
    const { trader, ledger } = paper({ failRate: 0.2, unknownRate: 0.2, unknownLandedRate: 0.5, faultSeed: 9 });
    const results: SellResult[] = [];
    for (let i = 0; i < 1_000; i++) results.push(await trader.sell(sellOrder(i)));
    const share = (kind: SellResult['kind']) => results.filter((r) => r.kind === kind).length / results.length;
    expect(share('failure')).toBeGreaterThan(0.16);
    expect(share('failure')).toBeLessThan(0.24);
    expect(share('unknown')).toBeGreaterThan(0.16);
    expect(share('unknown')).toBeLessThan(0.24);
    const unknown = results.flatMap((r, i) => (r.kind === 'unknown' ? [`sell-${i}`] : []));
    const landed = unknown.filter((id) => ledger.findFill(id, 'sell') !== undefined).length / unknown.length;
    expect(landed).toBeGreaterThan(0.3);
    expect(landed).toBeLessThan(0.7);
    ledger.close();
  });

  it('reconcileSell: landed with its fill; not landed only once the chain is past the fence, and then it can never land', async () => {
    const clock = new ManualClock();
    const { trader, ledger } = paper({ unknownRate: 1, unknownLandedRate: 0.5, faultSeed: 5 }, clock);
    const outcomes: { order: SellOrder; fence: Fence; landed: boolean }[] = [];
    for (let i = 0; i < 12; i++) {
      const order = sellOrder(i);
      let fence: Fence | undefined;
      const pending = trader.sell(order, (f) => {
        fence = f;
        return true;
      });
      // The latency timer is set after the gate's answer: let that run, then fire it.
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(0);
      await pending;
      outcomes.push({ order, fence: fence!, landed: ledger.findFill(order.sellId, 'sell') !== undefined });
    }
    expect(outcomes.some((o) => o.landed) && outcomes.some((o) => !o.landed)).toBe(true);
    for (const { order, fence, landed } of outcomes) {
      const answer = await trader.reconcileSell({ sellId: order.sellId, mint: order.mint, tokens: order.tokens, at: 0, fence });
      expect(answer.kind).toBe(landed ? 'landed' : 'still-unknown');
    }
    clock.advance((PAPER_BLOCKHASH_VALID_BLOCKS + 1) * PAPER_BLOCK_MS);
    for (const { order, fence, landed } of outcomes) {
      const answer = await trader.reconcileSell({ sellId: order.sellId, mint: order.mint, tokens: order.tokens, at: 0, fence });
      expect(answer.kind).toBe(landed ? 'landed' : 'not-landed');
      if (!landed) {
        // Declared expired: the same transaction arriving late is refused.
        expect(ledger.land({ attemptId: order.sellId, mint: order.mint, signature: fence.signature, solSpent: 1, tokens: 1, at: 0 }, Number.MAX_SAFE_INTEGER, 'sell')).toBe(false);
      }
    }
    ledger.close();
  });
});
