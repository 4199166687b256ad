import { describe, expect, it } from 'vitest';
import { bonkReserves } from '../../../../electron/core/feeds/bonk-pool.js';
import { LAUNCHLAB_BONK_INITIAL } from '../../../../electron/core/feeds/curve-params.js';
import { LiveCurveBook } from '../../../../electron/core/runtime/live-curve-book.js';

const VA = LAUNCHLAB_BONK_INITIAL.vTokens;
const VB = LAUNCHLAB_BONK_INITIAL.vSol;

/** The figures PumpPortal sends for a bonk.fun pool after `sol` has been paid in (LaunchLab's state, rounded like PumpPortal's). */
function poolAfter(sol: number) {
  const tokensInPool = (VA * VB) / (VB + sol);
  return {
    solInPool: sol,
    tokensInPool: Math.round(tokensInPool * 1e6) / 1e6,
    newTokenBalance: Math.round((VA - tokensInPool) * 1e6) / 1e6,
    marketCapSol: Math.round(((VB + sol) / tokensInPool) * 1e9 * 100) / 100,
  };
}

function quoteOn(reserves: { vSol: number; vTokens: number }, sol: number): number {
  const book = new LiveCurveBook();
  const mint = 'So11111111111111111111111111111111111111112';
  book.observe({ kind: 'launch', at: 1, platform: 'bonk.fun', mint, ...reserves });
  return book.quoteBuy(mint, sol)!;
}

describe('bonkReserves', () => {
  it('derives the initial LaunchLab reserves bonk.fun uses from a fresh pool (tokensInPool = virtualA to the digit)', () => {
    const fresh = { solInPool: 0, tokensInPool: 1_073_025_605.596382, marketCapSol: 27.96 };
    const r = bonkReserves(fresh)!;
    expect(r.vSol).toBeCloseTo(30.000852951, 9);
    expect(r.vTokens).toBeCloseTo(fresh.tokensInPool, 3);
    expect((r.vSol / r.vTokens) * 1e9).toBeCloseTo(27.96, 1);
  });

  it('prices a pool after a creator buy on the curve, ~32x dearer than the pool amounts copied as reserves', () => {
    const figures = poolAfter(0.97);
    const r = bonkReserves(figures)!;
    expect(r.vSol).toBeCloseTo(VB + 0.97, 9);
    expect(r.vTokens).toBeCloseTo(figures.tokensInPool, 0);
    const ours = quoteOn(r, 0.5);
    const copied = quoteOn({ vSol: figures.solInPool, vTokens: figures.tokensInPool }, 0.5);
    // 0.5 SOL after the 1% fee on the real curve: vTokens·net/(vSol+net).
    const net = 0.5 / 1.01;
    expect(ours).toBeCloseTo((r.vTokens * net) / (r.vSol + net), 3);
    expect(copied / ours).toBeGreaterThan(20);
    // The spot price, which is what a small buy pays: ~32x apart.
    const spotRatio = (r.vSol / r.vTokens) / (figures.solInPool / figures.tokensInPool);
    expect(spotRatio).toBeGreaterThan(31);
    expect(spotRatio).toBeLessThan(33);
  });

  it('agrees with marketCapSol across the curve up to graduation', () => {
    for (const sol of [0, 0.01, 1, 5, 20, 50, 84]) {
      const figures = poolAfter(sol);
      const r = bonkReserves(figures)!;
      expect(Math.abs((r.vSol / r.vTokens) * 1e9 - figures.marketCapSol) / figures.marketCapSol).toBeLessThan(0.001);
    }
  });

  it('falls back to marketCapSol and tokensInPool for a pool on another LaunchLab config', () => {
    // A curve that starts at 10 virtual SOL: the default config would price it 3x too high.
    const other = { solInPool: 1, tokensInPool: 900_000_000, marketCapSol: 12.5 };
    const r = bonkReserves(other)!;
    expect(r.vTokens).toBe(900_000_000);
    expect((r.vSol / r.vTokens) * 1e9).toBeCloseTo(12.5, 6);
  });

  it('uses the curve alone without a market cap, the market cap alone without pool amounts, and nothing without either', () => {
    expect(bonkReserves({ solInPool: 2 })?.vSol).toBeCloseTo(VB + 2, 9);
    const fromMcap = bonkReserves({ marketCapSol: 40 })!;
    expect((fromMcap.vSol / fromMcap.vTokens) * 1e9).toBeCloseTo(40, 6);
    expect(fromMcap.vSol * fromMcap.vTokens).toBeCloseTo(VA * VB, -3);
    expect(bonkReserves({})).toBeUndefined();
    expect(bonkReserves({ solInPool: -1, marketCapSol: 0 })).toBeUndefined();
  });
});
