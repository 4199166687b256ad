import { describe, expect, it } from 'vitest';
import type { FeedEvent, TrendingEvent } from '../../../../shared/feed-events.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import {
  TrendingModule,
  platformOf,
  trendingFilterDefaults,
} from '../../../../electron/core/modules/trending-module.js';
import { address, bulkAddress, failedFilters, filterNamed, moduleSettings, only, pumpMint } from './fixtures.js';

const mint = pumpMint(1);
const bonkMint = address(20);

function sighting(clock: ManualClock, overrides: Partial<TrendingEvent> = {}): TrendingEvent {
  return {
    kind: 'trending',
    at: clock.now(),
    source: 'dexscreener',
    mint,
    symbol: 'WIF2',
    rank: 3,
    marketCapUsd: 45_000,
    liquidityUsd: 12_000,
    volume5mUsd: 8_000,
    priceChange5mPct: 35,
    ...overrides,
  };
}

describe('TrendingModule', () => {
  it('fires when a token enters a list, not while it stays on it', () => {
    const clock = new ManualClock();
    const module = new TrendingModule(moduleSettings({}, 0.15));
    const signal = only(module.onEvent(sighting(clock), clock.now()));
    expect(signal).toMatchObject({ module: 'trending', mint, platform: 'pump.fun', symbol: 'WIF2', solAmount: 0.15 });
    expect(failedFilters(signal)).toEqual([]);
    expect(signal.reason).toBe(
      `WIF2 (${mint.slice(0, 4)}…mp) entered dexscreener trending at #3: mcap $45,000, liq $12,000, vol 5m $8,000, +35% 5m`,
    );
    expect(signal.metrics).toEqual({ rank: 3, marketCapUsd: 45_000, liquidityUsd: 12_000, volume5mUsd: 8_000, priceChange5mPct: 35 });
    for (let poll = 0; poll < 10; poll++) {
      clock.advance(30_000);
      expect(module.onEvent(sighting(clock), clock.now())).toEqual([]);
    }
  });

  it('treats each source as its own list', () => {
    const clock = new ManualClock();
    const module = new TrendingModule(moduleSettings());
    expect(module.onEvent(sighting(clock), clock.now())).toHaveLength(1);
    expect(module.onEvent(sighting(clock, { source: 'pump.fun' }), clock.now())).toHaveLength(1);
    expect(module.onEvent(sighting(clock, { source: 'pump.fun' }), clock.now())).toEqual([]);
  });

  it('fires again on re-entry after being absent for exactly the re-entry time, not a millisecond sooner', () => {
    const clock = new ManualClock();
    const module = new TrendingModule(moduleSettings({ reentryAfterSeconds: 600 }));
    expect(module.onEvent(sighting(clock), clock.now())).toHaveLength(1);
    clock.advance(599_999);
    expect(module.onEvent(sighting(clock), clock.now())).toEqual([]);
    clock.advance(599_999);
    expect(module.onEvent(sighting(clock), clock.now())).toEqual([]);
    clock.advance(600_000);
    const again = only(module.onEvent(sighting(clock), clock.now()));
    expect(again.reason).toContain('re-entered dexscreener trending at #3 after 600 s away');
    expect(again.metrics.absentSeconds).toBe(600);
  });

  it('takes the platform from the event, else pump.fun for "…pump" mints, else yields nothing', () => {
    const clock = new ManualClock();
    const module = new TrendingModule(moduleSettings());
    expect(only(module.onEvent(sighting(clock, { mint: bonkMint, platform: 'bonk.fun' }), clock.now())).platform).toBe('bonk.fun');
    expect(module.onEvent(sighting(clock, { mint: address(21) }), clock.now())).toEqual([]);
    expect(platformOf(sighting(clock))).toBe('pump.fun');
    expect(platformOf(sighting(clock, { mint: address(21) }))).toBeUndefined();
  });

  it('ignores other kinds of events', () => {
    const module = new TrendingModule(moduleSettings());
    const events: FeedEvent[] = [
      { kind: 'launch', at: 1, platform: 'pump.fun', mint },
      { kind: 'trade', at: 1, platform: 'pump.fun', mint, wallet: address(22), side: 'buy', solAmount: 9, tokenAmount: 1 },
    ];
    for (const event of events) expect(module.onEvent(event, 1)).toEqual([]);
  });

  it.each([
    ['source', { sources: ['pump.fun', 'sim'] }, {}, 'dexscreener not in allowed [pump.fun, sim]'],
    ['market-cap', { minMarketCapUsd: 50_000 }, {}, '$45,000 < min $50,000'],
    ['market-cap', { maxMarketCapUsd: 40_000 }, {}, '$45,000 > max $40,000'],
    ['liquidity', { minLiquidityUsd: 20_000 }, {}, '$12,000 < min $20,000'],
    ['liquidity', { minLiquidityUsd: 20_000 }, { liquidityUsd: undefined }, 'liquidity unknown (min $20,000)'],
    ['volume-5m', { minVolume5mUsd: 10_000 }, {}, '$8,000 < min $10,000'],
    ['price-change-5m', { minPriceChange5mPct: 50 }, {}, '+35% < min +50%'],
    ['price-change-5m', { maxPriceChange5mPct: 20 }, {}, '+35% > max +20%'],
    ['price-change-5m', { minPriceChange5mPct: -10 }, { priceChange5mPct: -12.5 }, '-12.5% < min -10%'],
  ] as const)('a failing %s filter still yields the entry signal, marked failed (%j)', (name, filters, event, detail) => {
    const clock = new ManualClock();
    const module = new TrendingModule(moduleSettings(filters));
    const signal = only(module.onEvent(sighting(clock, event), clock.now()));
    expect(failedFilters(signal)).toEqual([name]);
    expect(filterNamed(signal, name).detail).toBe(detail);
  });

  it('passes thresholds met exactly', () => {
    const clock = new ManualClock();
    const module = new TrendingModule(
      moduleSettings({
        minMarketCapUsd: 45_000,
        maxMarketCapUsd: 45_000,
        minLiquidityUsd: 12_000,
        minVolume5mUsd: 8_000,
        minPriceChange5mPct: 35,
        maxPriceChange5mPct: 35,
      }),
    );
    expect(failedFilters(only(module.onEvent(sighting(clock), clock.now())))).toEqual([]);
  });

  it('applies settings changed live on the next entry', () => {
    const clock = new ManualClock();
    const module = new TrendingModule(moduleSettings());
    expect(failedFilters(only(module.onEvent(sighting(clock), clock.now())))).toEqual([]);
    module.configure(moduleSettings({ minLiquidityUsd: 50_000 }, 0.4));
    const next = only(module.onEvent(sighting(clock, { mint: pumpMint(2) }), clock.now()));
    expect(failedFilters(next)).toEqual(['liquidity']);
    expect(next.solAmount).toBe(0.4);
  });

  it('refuses invalid settings with a clear message and keeps the running ones', () => {
    const clock = new ManualClock();
    const module = new TrendingModule(moduleSettings({ minLiquidityUsd: 50_000 }));
    expect(() => module.configure(moduleSettings({ sources: ['birdeye'] }))).toThrow(/^Invalid trending filters:\n✖ .*\n {2}→ at sources\[0\]/);
    expect(() => module.configure(moduleSettings({ reentryAfterSeconds: 0 }))).toThrow(/reentryAfterSeconds/);
    expect(() => module.configure(moduleSettings({ minLiquidityUsd: 'lots' }))).toThrow(/minLiquidityUsd/);
    expect(() => module.configure(moduleSettings({ minVolume: 1 }))).toThrow(/Unrecognized key.*minVolume/);
    expect(failedFilters(only(module.onEvent(sighting(clock), clock.now())))).toEqual(['liquidity']);
  });

  it('forgets sightings older than the re-entry time and never tracks more than the cap', () => {
    const clock = new ManualClock();
    const module = new TrendingModule(moduleSettings({ reentryAfterSeconds: 60 }), { maxTrackedSightings: 2_000 });
    for (let i = 0; i < 1_000; i++) module.onEvent(sighting(clock, { mint: bulkAddress(i) }), clock.now());
    expect(module.trackedCount()).toBe(1_000);
    clock.advance(60_000);
    module.onEvent(sighting(clock), clock.now());
    expect(module.trackedCount()).toBe(1);
    let most = 0;
    for (let i = 0; i < 10_000; i++) {
      expect(module.onEvent(sighting(clock, { mint: bulkAddress(i) }), clock.now())).toHaveLength(1);
      most = Math.max(most, module.trackedCount());
    }
    expect(most).toBe(2_000);
    // The cap forgot the oldest sightings: those tokens count as entering again.
    expect(module.onEvent(sighting(clock, { mint: bulkAddress(0) }), clock.now())).toHaveLength(1);
    expect(module.onEvent(sighting(clock, { mint: bulkAddress(9_999) }), clock.now())).toEqual([]);
  });

  it('exports its defaults', () => {
    expect(trendingFilterDefaults).toEqual({
      sources: ['dexscreener', 'pump.fun', 'sim'],
      reentryAfterSeconds: 1_800,
      minMarketCapUsd: 0,
      maxMarketCapUsd: null,
      minLiquidityUsd: 0,
      minVolume5mUsd: 0,
      minPriceChange5mPct: null,
      maxPriceChange5mPct: null,
    });
  });
});
