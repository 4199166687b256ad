import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryPriceOf, exitFor, type ExitSubject } from '../../../../electron/core/positions/exit-rules.js';
import type { ExitReason } from '../../../../electron/core/traders/trader.js';
import type { ExitRules } from '../../../../shared/settings.js';

const off: ExitRules = { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 };
// 1 SOL for 1 000 000 tokens: entry 1e-6 SOL per token.
const bought: ExitSubject = { costSol: 1, tokensBought: 1_000_000, openedAt: 0 };
const ENTRY = 1e-6;

/**
 * Runs a price sequence (one price a second) through the rules as a position sees it: the
 * peak is the highest price before each one. Returns the first exit and its index.
 */
function firstExit(prices: number[], rules: ExitRules, stepMs = 1_000): { reason: ExitReason; at: number } | undefined {
  let peak: number | undefined;
  for (let i = 0; i < prices.length; i++) {
    const price = prices[i]!;
    const reason = exitFor({ ...bought, ...(peak !== undefined ? { peakPriceSol: peak } : {}) }, price, i * stepMs, rules);
    if (reason) return { reason, at: i };
    peak = Math.max(peak ?? 0, price);
  }
  return undefined;
}

const x = (...multiples: number[]) => multiples.map((m) => m * ENTRY);

describe('exit rules on price sequences', () => {
  it('take profit fires at the first price at or above entry × (1 + TP%)', () => {
    expect(firstExit(x(0.99, 1.1, 1.3, 1.49, 1.5, 1.7), { ...off, takeProfitPct: 50 })).toEqual({ reason: 'take-profit', at: 4 });
  });

  it('stop loss fires at the first price at or below entry × (1 − SL%)', () => {
    expect(firstExit(x(1, 1.2, 0.9, 0.81, 0.8, 0.5), { ...off, stopLossPct: 20 })).toEqual({ reason: 'stop-loss', at: 4 });
  });

  it('the trailing stop follows the peak since the buy, not the entry', () => {
    // Peak 2.0; 1.81 is 9.5 % below it, 1.8 is 10 % below: sold in profit.
    expect(firstExit(x(1, 1.5, 2, 1.9, 1.81, 1.8, 1.2), { ...off, trailingStopPct: 10 })).toEqual({ reason: 'trailing-stop', at: 5 });
    // A new peak moves the stop up.
    expect(firstExit(x(1, 1.5, 1.4, 2, 1.85, 1.79), { ...off, trailingStopPct: 10 })).toEqual({ reason: 'trailing-stop', at: 5 });
  });

  it('max hold sells after that many minutes whatever the price', () => {
    const flat = Array.from({ length: 200 }, () => ENTRY);
    expect(firstExit(flat, { ...off, maxHoldMinutes: 2 })).toEqual({ reason: 'max-hold', at: 120 });
    expect(exitFor(bought, undefined, 120_000, { ...off, maxHoldMinutes: 2 })).toBe('max-hold');
    expect(exitFor(bought, undefined, 119_999, { ...off, maxHoldMinutes: 2 })).toBeUndefined();
  });

  it('nothing fires while the price stays inside every band', () => {
    const rules = { takeProfitPct: 50, stopLossPct: 20, trailingStopPct: 25, maxHoldMinutes: 10 };
    expect(firstExit(x(1, 1.2, 1.1, 0.95, 1.25, 1.05, 0.96, 1.4), rules)).toBeUndefined();
  });

  it('with every rule on, the one the sequence meets first is the one reported', () => {
    const rules = { takeProfitPct: 100, stopLossPct: 30, trailingStopPct: 20, maxHoldMinutes: 1 };
    expect(firstExit(x(1, 0.9, 0.69), rules)).toEqual({ reason: 'stop-loss', at: 2 });
    expect(firstExit(x(1, 1.5, 2.1), rules)).toEqual({ reason: 'take-profit', at: 2 });
    expect(firstExit(x(1, 1.5, 1.19), rules)).toEqual({ reason: 'trailing-stop', at: 2 });
  });

  it('an unusable price or an unknown entry leaves only max hold', () => {
    const all = { takeProfitPct: 10, stopLossPct: 10, trailingStopPct: 10, maxHoldMinutes: 1 };
    for (const price of [Number.NaN, 0, -1, Number.POSITIVE_INFINITY, undefined]) expect(exitFor(bought, price, 1_000, all)).toBeUndefined();
    expect(exitFor({ ...bought, tokensBought: 0 }, 1e-9, 1_000, all)).toBeUndefined();
    expect(exitFor({ ...bought, tokensBought: 0 }, 1e-9, 60_000, all)).toBe('max-hold');
  });
});

const pctArb = fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 500, noNaN: true }));
const rulesArb = fc.record({
  takeProfitPct: pctArb,
  stopLossPct: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 99.9, noNaN: true })),
  trailingStopPct: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 99.9, noNaN: true })),
  maxHoldMinutes: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 600, noNaN: true })),
});
const subjectArb = fc.record({
  costSol: fc.double({ min: 1e-4, max: 100, noNaN: true }),
  tokensBought: fc.double({ min: 1, max: 1e10, noNaN: true }),
  openedAt: fc.integer({ min: 0, max: 1e12 }),
  peakPriceSol: fc.option(fc.double({ min: 1e-15, max: 1, noNaN: true }), { nil: undefined }),
});
/** A price as a multiple of the entry, so every band is reachable. */
const multipleArb = fc.double({ min: 1e-3, max: 20, noNaN: true });

function withPrice(subject: ExitSubject, multiple: number): number {
  return entryPriceOf(subject) * multiple;
}

describe('exit rules, properties', () => {
  it('with every rule off, nothing ever fires', () => {
    fc.assert(
      fc.property(subjectArb, multipleArb, fc.integer({ min: 0, max: 1e13 }), (s, m, now) => {
        const { peakPriceSol, ...rest } = s;
        const subject = { ...rest, ...(peakPriceSol !== undefined ? { peakPriceSol } : {}) };
        return exitFor(subject, withPrice(subject, m), now, off) === undefined;
      }),
    );
  });

  it('the stop loss never fires above the entry price, take profit never below it; each fires only when its own condition holds', () => {
    fc.assert(
      fc.property(subjectArb, multipleArb, rulesArb, fc.integer({ min: 0, max: 1e9 }), (s, m, rules, elapsed) => {
        const { peakPriceSol, ...rest } = s;
        const subject = { ...rest, ...(peakPriceSol !== undefined ? { peakPriceSol } : {}) };
        const entry = entryPriceOf(subject);
        const price = entry * m;
        const reason = exitFor(subject, price, subject.openedAt + elapsed, rules);
        switch (reason) {
          case 'stop-loss':
            return price < entry && rules.stopLossPct > 0 && price <= entry * (1 - rules.stopLossPct / 100);
          case 'take-profit':
            return price > entry && rules.takeProfitPct > 0 && price >= entry * (1 + rules.takeProfitPct / 100);
          case 'trailing-stop':
            return rules.trailingStopPct > 0 && price < Math.max(subject.peakPriceSol ?? 0, price);
          case 'max-hold':
            return rules.maxHoldMinutes > 0 && elapsed >= rules.maxHoldMinutes * 60_000;
          case undefined:
            return true;
          case 'manual':
            return false;
          default: {
            const never: never = reason;
            return never;
          }
        }
      }),
    );
  });

  it('a take profit still fires at any higher price, a stop loss at any lower one', () => {
    fc.assert(
      fc.property(subjectArb, multipleArb, fc.double({ min: 1, max: 10, noNaN: true }), rulesArb, (s, m, k, rules) => {
        const { peakPriceSol, ...rest } = s;
        const subject = { ...rest, ...(peakPriceSol !== undefined ? { peakPriceSol } : {}) };
        const price = withPrice(subject, m);
        const at = subject.openedAt;
        if (exitFor(subject, price, at, rules) === 'take-profit' && exitFor(subject, price * k, at, rules) !== 'take-profit') return false;
        if (exitFor(subject, price, at, rules) === 'stop-loss' && exitFor(subject, price / k, at, rules) !== 'stop-loss') return false;
        return true;
      }),
    );
  });

  it('once held past max hold, some exit fires at every later moment', () => {
    fc.assert(
      fc.property(subjectArb, multipleArb, rulesArb, fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), (s, m, rules, elapsed, later) => {
        const { peakPriceSol, ...rest } = s;
        const subject = { ...rest, ...(peakPriceSol !== undefined ? { peakPriceSol } : {}) };
        const price = withPrice(subject, m);
        if (exitFor(subject, price, subject.openedAt + elapsed, rules) !== 'max-hold') return true;
        return exitFor(subject, price, subject.openedAt + elapsed + later, rules) !== undefined;
      }),
    );
  });

  it('on any price sequence, the trailing stop never fires before the price fell its percentage from the highest price seen', () => {
    fc.assert(
      fc.property(fc.array(multipleArb, { minLength: 1, maxLength: 60 }), fc.double({ min: 0.1, max: 99, noNaN: true }), (multiples, trail) => {
        const hit = firstExit(x(...multiples), { ...off, trailingStopPct: trail });
        if (!hit) {
          // No exit: every price stayed above the running peak's stop.
          let peak = 0;
          return multiples.every((mm) => {
            peak = Math.max(peak, mm);
            return mm > peak * (1 - trail / 100);
          });
        }
        const peakBefore = Math.max(...multiples.slice(0, hit.at + 1));
        return hit.reason === 'trailing-stop' && multiples[hit.at]! <= peakBefore * (1 - trail / 100) * (1 + 1e-12);
      }),
    );
  });
});
