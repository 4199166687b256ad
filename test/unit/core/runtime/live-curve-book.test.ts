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

  it('ignores events without reserves (a bonk create, a trending entry) and zero amounts', () => {
    const book = new LiveCurveBook();
    const mint = address();
    book.observe(launch(mint));
    book.observe({ kind: 'trending', at: 1, source: 'dexscreener', mint });
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
});
