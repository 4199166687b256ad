import { describe, expect, it } from 'vitest';
import { BondingCurve, pumpCurveParams } from '../../../../electron/core/sim/bonding-curve.js';

describe('BondingCurve', () => {
  it('starts at pump.fun’s initial price and market cap', () => {
    const curve = new BondingCurve();
    expect(curve.priceSol()).toBeCloseTo(30 / 1_073_000_000, 15);
    expect(curve.marketCapSol()).toBeCloseTo(27.959, 2);
  });

  it('gives fewer tokens per SOL as buys push the price up', () => {
    const curve = new BondingCurve();
    const first = curve.buy(1);
    const second = curve.buy(1);
    expect(first && second).toBeTruthy();
    expect(second!.tokens).toBeLessThan(first!.tokens);
    expect(second!.priceSol).toBeGreaterThan(first!.priceSol);
    expect(curve.priceSol()).toBeGreaterThan(30 / 1_073_000_000);
  });

  it('matches the constant-product formula with the 1% fee taken from the SOL in', () => {
    const curve = new BondingCurve();
    const fill = curve.quoteBuy(1.01)!;
    expect(fill.tokens).toBeCloseTo((1_073_000_000 * 1) / (30 + 1), 3);
  });

  it('returns less SOL on a sell than the buy cost, because of the fee both ways', () => {
    const curve = new BondingCurve();
    const bought = curve.buy(2)!;
    const sold = curve.sell(bought.tokens)!;
    expect(sold.solAmount).toBeLessThan(2);
    expect(sold.solAmount).toBeCloseTo(2 / 1.01 * 0.99, 6);
    // Round trip puts the curve back where it was.
    expect(curve.vSol).toBeCloseTo(30, 9);
    expect(curve.priceSol()).toBeCloseTo(30 / 1_073_000_000, 15);
  });

  it('quotes without moving the price', () => {
    const curve = new BondingCurve();
    curve.quoteBuy(5);
    curve.quoteSell(1);
    expect(curve.vSol).toBe(30);
    expect(curve.vTokens).toBe(1_073_000_000);
  });

  it('refuses a sell of more tokens than the curve has sold, and zero amounts', () => {
    const curve = new BondingCurve();
    curve.buy(1);
    expect(curve.quoteSell(100_000_000)).toBeUndefined();
    expect(curve.quoteBuy(0)).toBeUndefined();
    expect(curve.quoteSell(0)).toBeUndefined();
  });

  it('completes at ~85 SOL real, sells exactly the real tokens, charges only for them', () => {
    const curve = new BondingCurve();
    let last;
    for (let i = 0; i < 100 && !curve.complete; i++) last = curve.buy(5);
    expect(curve.complete).toBe(true);
    expect(last!.completes).toBe(true);
    expect(last!.solAmount).toBeLessThanOrEqual(5);
    expect(curve.realTokens).toBe(0);
    expect(curve.realSol).toBeCloseTo(85.005, 2);
    expect(1_073_000_000 - curve.vTokens).toBeCloseTo(pumpCurveParams.initialRealTokens, 0);
    expect(curve.quoteBuy(1)).toBeUndefined();
    expect(curve.quoteSell(1)).toBeUndefined();
  });

  it('one huge buy takes exactly the remaining tokens and costs less than offered', () => {
    const curve = new BondingCurve();
    const fill = curve.buy(500)!;
    expect(fill.completes).toBe(true);
    expect(fill.tokens).toBeCloseTo(793_100_000, 0);
    expect(fill.solAmount).toBeCloseTo(85.005 * 1.01, 2);
  });
});
