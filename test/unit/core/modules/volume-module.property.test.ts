import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TradeEvent } from '../../../../shared/feed-events.js';
import { VolumeModule, type VolumeFilters } from '../../../../electron/core/modules/volume-module.js';
import { address, moduleSettings } from './fixtures.js';

const mints = [address(40), address(41), address(42)];
const wallets = [address(50), address(51), address(52), address(53), address(54)];

interface Step {
  dtMs: number;
  mint: number;
  wallet: number;
  side: 'buy' | 'sell';
  sol: number;
}

/** The obvious, slow implementation: re-scan every trade of the mint on every trade. */
function naiveSignals(filters: VolumeFilters, steps: Step[]): { index: number; mint: string; metrics: Record<string, number> }[] {
  const windowMs = filters.windowSeconds * 1000;
  const cooldownMs = filters.cooldownSeconds * 1000;
  const seen: { at: number; mint: string; lamports: number; buyer?: string }[] = [];
  const lastFired = new Map<string, number>();
  const out = [];
  let now = 0;
  for (const [index, step] of steps.entries()) {
    now += step.dtMs;
    const mint = mints[step.mint] as string;
    seen.push({ at: now, mint, lamports: Math.round(step.sol * 1e9), buyer: step.side === 'buy' ? wallets[step.wallet] : undefined });
    const mine = seen.filter((t) => t.mint === mint);
    const current = mine.filter((t) => t.at > now - windowMs);
    const previous = mine.filter((t) => t.at > now - 2 * windowMs && t.at <= now - windowMs);
    const volume = current.reduce((sum, t) => sum + t.lamports, 0);
    const previousVolume = previous.reduce((sum, t) => sum + t.lamports, 0);
    const buyers = new Set(current.flatMap((t) => (t.buyer === undefined ? [] : [t.buyer]))).size;
    const spike =
      volume >= Math.round(filters.minVolumeSol * 1e9) &&
      current.length >= filters.minTrades &&
      buyers >= filters.minUniqueBuyers &&
      (previousVolume === 0 || volume >= filters.spikeRatio * previousVolume);
    const last = lastFired.get(mint);
    if (spike && (last === undefined || now - last >= cooldownMs)) {
      lastFired.set(mint, now);
      out.push({ index, mint, metrics: { volumeSol: volume / 1e9, trades: current.length, uniqueBuyers: buyers, previousVolumeSol: previousVolume / 1e9 } });
    }
  }
  return out;
}

const filtersArb = fc.record({
  windowSeconds: fc.integer({ min: 1, max: 10 }),
  minVolumeSol: fc.constantFrom(0, 1, 2.5, 5),
  minTrades: fc.integer({ min: 0, max: 4 }),
  minUniqueBuyers: fc.integer({ min: 0, max: 3 }),
  spikeRatio: fc.constantFrom(0, 1, 1.5, 3),
  cooldownSeconds: fc.integer({ min: 0, max: 30 }),
  maxMarketCapSol: fc.constant(null),
});

const stepArb = fc.record({
  // Many zero gaps (same-millisecond trades) and gaps around window sizes.
  dtMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000 }), fc.constantFrom(1_000, 5_000, 10_000), fc.integer({ min: 0, max: 40_000 })),
  mint: fc.integer({ min: 0, max: mints.length - 1 }),
  wallet: fc.integer({ min: 0, max: wallets.length - 1 }),
  side: fc.constantFrom<'buy' | 'sell'>('buy', 'buy', 'sell'),
  sol: fc.constantFrom(0.1, 0.3, 1, 2, 2.5, 7.77),
});

function runModule(filters: VolumeFilters, steps: Step[]) {
  const module = new VolumeModule(moduleSettings(filters));
  const got = [];
  let now = 0;
  for (const [index, step] of steps.entries()) {
    now += step.dtMs;
    const event: TradeEvent = {
      kind: 'trade',
      at: now,
      platform: 'pump.fun',
      mint: mints[step.mint] as string,
      wallet: wallets[step.wallet] as string,
      side: step.side,
      solAmount: step.sol,
      tokenAmount: 1,
    };
    for (const signal of module.onEvent(event, now)) {
      const { volumeSol, trades, uniqueBuyers, previousVolumeSol } = signal.metrics ?? {};
      got.push({ index, mint: signal.mint, metrics: { volumeSol, trades, uniqueBuyers, previousVolumeSol } });
    }
  }
  return got;
}

describe('VolumeModule against a naive re-scan', () => {
  it('fires on the same trades with the same numbers', () => {
    fc.assert(
      fc.property(filtersArb, fc.array(stepArb, { maxLength: 150 }), (filters, steps) => {
        expect(runModule(filters, steps)).toEqual(naiveSignals(filters, steps));
      }),
      { numRuns: 300, seed: 20_240_601 },
    );
  });

  it('agrees on long runs of one hot mint, where the trade buffer is compacted many times', () => {
    const hotStep = fc.record({
      dtMs: fc.integer({ min: 0, max: 120 }),
      mint: fc.constant(0),
      wallet: fc.integer({ min: 0, max: wallets.length - 1 }),
      side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
      sol: fc.constantFrom(0.1, 0.5, 1),
    });
    const hotFilters = filtersArb.map((f) => ({ ...f, windowSeconds: 1, cooldownSeconds: f.cooldownSeconds % 3 }));
    fc.assert(
      fc.property(hotFilters, fc.array(hotStep, { minLength: 400, maxLength: 800 }), (filters, steps) => {
        expect(runModule(filters, steps)).toEqual(naiveSignals(filters, steps));
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
