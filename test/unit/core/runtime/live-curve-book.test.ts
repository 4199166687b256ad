import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { LiveCurveBook } from '../../../../electron/core/runtime/live-curve-book.js';
import { BondingCurve } from '../../../../electron/core/sim/bonding-curve.js';
import type { FeedEvent } from '../../../../shared/feed-events.js';

const address = () => Keypair.generate().publicKey.toBase58();
const launch = (mint: string, vSol?: number, vTokens?: number): FeedEvent => ({
  kind: 'launch', at: 1, platform: 'pump.fun', mint, ...(vSol !== undefined ? { vSol } : {}), ...(vTokens !== undefined ? { vTokens } : {}),
});
const trade = (mint: string, vSol: number, vTokens: number): FeedEvent => ({
  kind: 'trade', at: 2, platform: 'pump.fun', mint, wallet: address(), side: 'buy', solAmount: 1, tokenAmount: 1, vSol, vTokens,
});

describe('LiveCurveBook', () => {
  it('has no quote for a mint it never saw: the paper buy fails as "no market"', () => {
    expect(new LiveCurveBook().quoteBuy(address(), 0.1)).toBeUndefined();
  });

  it('quotes like the bonding curve at the reserves of the latest launch or trade', () => {
    const book = new LiveCurveBook();
    const mint = address();
    book.observe(launch(mint, 30, 1_073_000_000));
    expect(book.quoteBuy(mint, 0.5)).toBeCloseTo(new BondingCurve().quoteBuy(0.5)!.tokens, 3);
    book.observe(trade(mint, 40, 800_000_000));
    const after = new BondingCurve();
    after.vSol = 40;
    after.vTokens = 800_000_000;
    expect(book.quoteBuy(mint, 0.5)).toBeCloseTo(after.quoteBuy(0.5)!.tokens, 3);
    expect(book.reservesOf(mint)).toEqual({ vSol: 40, vTokens: 800_000_000 });
  });

  it('ignores events without a price (a launch without reserves, a trending entry without one) and zero amounts', () => {
    const book = new LiveCurveBook();
    const mint = address();
    book.observe(launch(mint));
    book.observe({ kind: 'trending', at: 1, source: 'dexscreener', mint });
    book.observe({ kind: 'trending', at: 1, source: 'dexscreener', mint, priceSol: 0 });
    expect(book.size).toBe(0);
    book.observe(launch(mint, 30, 1_000));
    expect(book.quoteBuy(mint, 0)).toBeUndefined();
  });

  it('forgets a mint once it migrates off its curve', () => {
    const book = new LiveCurveBook();
    const mint = address();
    book.observe(launch(mint, 30, 1_073_000_000));
    book.observe({ kind: 'migration', at: 3, mint });
    expect(book.quoteBuy(mint, 0.1)).toBeUndefined();
  });

  it('is bounded: past the cap the mint updated longest ago goes first', () => {
    const book = new LiveCurveBook(2);
    const [a, b, c] = [address(), address(), address()] as const;
    book.observe(launch(a, 30, 1e9));
    book.observe(launch(b, 30, 1e9));
    book.observe(trade(a, 31, 1e9));
    book.observe(launch(c, 30, 1e9));
    expect(book.size).toBe(2);
    expect(book.reservesOf(b)).toBeUndefined();
    expect(book.reservesOf(a)).toBeDefined();
    expect(book.reservesOf(c)).toBeDefined();
  });

  describe('tokens only the trending pollers saw', () => {
    const trending = (mint: string, at: number, extra: Record<string, number>): FeedEvent => ({
      kind: 'trending', at, source: 'dexscreener', mint, platform: 'pump.fun', ...extra,
    });

    it('quotes a trending token on the reserves the poller saw, so a trending buy has a market', () => {
      const book = new LiveCurveBook();
      const mint = address();
      book.observe(trending(mint, 1_000, { priceSol: 4.285e-7, vSol: 85.7, vTokens: 200_000_000 }));
      const net = 1 / 1.01;
      expect(book.quoteBuy(mint, 1)).toBeCloseTo((200_000_000 * net) / (85.7 + net), 3);
    });

    it('fills at the spot price when the poller saw a price and no reserves', () => {
      const book = new LiveCurveBook();
      const mint = address();
      book.observe(trending(mint, 1_000, { priceSol: 4e-7 }));
      expect(book.quoteBuy(mint, 1)).toBeCloseTo(1 / 1.01 / 4e-7, 3);
    });

    it('keeps a main-feed price younger than a minute over a poll, and takes the poll once it is older', () => {
      const book = new LiveCurveBook();
      const mint = address();
      book.observe({ ...trade(mint, 40, 800_000_000), at: 10_000 });
      book.observe(trending(mint, 69_999, { priceSol: 1e-6, vSol: 90, vTokens: 90_000_000 }));
      expect(book.reservesOf(mint)).toEqual({ vSol: 40, vTokens: 800_000_000 });
      book.observe(trending(mint, 70_000, { priceSol: 1e-6, vSol: 90, vTokens: 90_000_000 }));
      expect(book.reservesOf(mint)).toEqual({ vSol: 90, vTokens: 90_000_000 });
      // A newer poll replaces an older poll; a trade replaces any poll.
      book.observe(trending(mint, 70_001, { priceSol: 2e-6 }));
      expect(book.reservesOf(mint)).toBeUndefined();
      expect(book.quoteBuy(mint, 1)).toBeCloseTo(1 / 1.01 / 2e-6, 3);
      book.observe({ ...trade(mint, 41, 790_000_000), at: 70_002 });
      expect(book.reservesOf(mint)).toEqual({ vSol: 41, vTokens: 790_000_000 });
    });
  });
});
