import { describe, expect, it } from 'vitest';
import type { FeedEvent, TradeEvent } from '../../../../shared/feed-events.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { VolumeModule, volumeFilterDefaults } from '../../../../electron/core/modules/volume-module.js';
import { address, bulkAddress, failedFilters, filterNamed, moduleSettings, only, parsed } from './fixtures.js';

const mint = address(30);
const buyers = Array.from({ length: 50 }, (_, i) => address(100 + i));
/** Small thresholds so each scenario is a handful of trades. */
const rules = { windowSeconds: 60, minVolumeSol: 10, minTrades: 5, minUniqueBuyers: 3, spikeRatio: 3, cooldownSeconds: 300 };

function trade(clock: ManualClock, overrides: Partial<TradeEvent> = {}): TradeEvent {
  return {
    kind: 'trade',
    at: clock.now(),
    platform: 'pump.fun',
    mint,
    wallet: buyers[0] as string,
    side: 'buy',
    solAmount: 2,
    tokenAmount: 1_000,
    marketCapSol: 70,
    ...overrides,
  };
}

/** Feeds `count` buys of `sol` each from distinct buyers, `stepMs` apart; returns all signals. */
function burst(module: VolumeModule, clock: ManualClock, count: number, sol: number, stepMs = 1_000, extra: Partial<TradeEvent> = {}) {
  const out = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) clock.advance(stepMs);
    out.push(...module.onEvent(trade(clock, { wallet: buyers[i % buyers.length] as string, solAmount: sol, ...extra }), clock.now()));
  }
  return parsed(out);
}

describe('VolumeModule', () => {
  it('fires on the trade that meets every threshold, with the numbers in reason and metrics', () => {
    const clock = new ManualClock();
    const module = new VolumeModule(moduleSettings(rules, 0.3));
    expect(burst(module, clock, 4, 2.5)).toEqual([]);
    clock.advance(1_000);
    const signal = only(module.onEvent(trade(clock, { wallet: buyers[4] as string, solAmount: 2.5 }), clock.now()));
    expect(signal).toMatchObject({ module: 'volume', mint, platform: 'pump.fun', solAmount: 0.3 });
    expect(signal.metrics).toEqual({ volumeSol: 12.5, trades: 5, uniqueBuyers: 5, previousVolumeSol: 0, windowSeconds: 60, marketCapSol: 70 });
    expect(signal.reason).toBe(
      `volume spike on ${mint.slice(0, 4)}…${mint.slice(-2)}: 12.5 SOL in 60 s (no volume in the previous window), 5 trades, 5 unique buyers`,
    );
    expect(failedFilters(signal)).toEqual([]);
    expect(filterNamed(signal, 'volume').detail).toBe('12.5 SOL >= min 10 SOL in 60 s');
  });

  it('ignores events other than trades', () => {
    const module = new VolumeModule(moduleSettings({ ...rules, minVolumeSol: 0, minTrades: 0, minUniqueBuyers: 0 }));
    const events: FeedEvent[] = [
      { kind: 'launch', at: 1, platform: 'pump.fun', mint, initialBuySol: 50 },
      { kind: 'trending', at: 1, source: 'sim', mint },
      { kind: 'migration', at: 1, mint },
    ];
    for (const event of events) expect(module.onEvent(event, 1)).toEqual([]);
    expect(module.trackedCount()).toBe(0);
  });

  it('does not fire while any one threshold is short', () => {
    const clock = new ManualClock();
    // Volume short: 5 trades x 1.99 SOL.
    expect(burst(new VolumeModule(moduleSettings(rules)), clock, 5, 1.99)).toEqual([]);
    // Trades short: 4 trades carry 12 SOL.
    expect(burst(new VolumeModule(moduleSettings(rules)), clock, 4, 3)).toEqual([]);
    // Unique buyers short: one wallet buys, others only sell.
    const sellers = new VolumeModule(moduleSettings(rules));
    const out = [];
    for (let i = 0; i < 8; i++) {
      clock.advance(1_000);
      const side = i < 2 ? 'buy' : 'sell';
      out.push(...sellers.onEvent(trade(clock, { wallet: buyers[i % 2] as string, side, solAmount: 3 }), clock.now()));
    }
    expect(out).toEqual([]);
    // The same wallet buying again and again is one buyer.
    const repeat = new VolumeModule(moduleSettings(rules));
    for (let i = 0; i < 10; i++) {
      clock.advance(1_000);
      expect(repeat.onEvent(trade(clock, { solAmount: 3 }), clock.now())).toEqual([]);
    }
  });

  it('requires the spike ratio against the previous window, met exactly', () => {
    const clock = new ManualClock();
    const module = new VolumeModule(moduleSettings({ ...rules, minVolumeSol: 1, minTrades: 1, minUniqueBuyers: 1, spikeRatio: 3 }));
    // 5 SOL in one trade fires (no previous window); cooldown 0 is not set, so use another mint for the check.
    const first = only(module.onEvent(trade(clock, { solAmount: 5 }), clock.now()));
    expect(first.metrics.volumeSol).toBe(5);
    const other = address(31);
    module.onEvent(trade(clock, { mint: other, solAmount: 5 }), clock.now());
    clock.advance(60_000);
    // Now the 5 SOL sits in the previous window: 14.99 SOL is not 3x.
    expect(module.onEvent(trade(clock, { mint: other, solAmount: 14.99 }), clock.now())).toEqual([]);
    const fresh = new VolumeModule(moduleSettings({ ...rules, minVolumeSol: 1, minTrades: 1, minUniqueBuyers: 1, spikeRatio: 3, cooldownSeconds: 0 }));
    fresh.onEvent(trade(clock, { mint: other, solAmount: 5 }), clock.now());
    clock.advance(60_000);
    const spike = only(fresh.onEvent(trade(clock, { mint: other, solAmount: 15 }), clock.now()));
    expect(spike.metrics).toMatchObject({ volumeSol: 15, previousVolumeSol: 5, spikeRatio: 3 });
    expect(spike.reason).toContain('(3.0x previous 5.0 SOL)');
    expect(filterNamed(spike, 'spike-ratio').detail).toBe('3.0x previous 5.0 SOL >= 3x');
  });

  it('moves a trade out of the current window at exactly windowSeconds and drops it at twice that', () => {
    const clock = new ManualClock();
    const settings = { ...rules, minVolumeSol: 10, minTrades: 2, minUniqueBuyers: 1, spikeRatio: 0, cooldownSeconds: 0 };
    const module = new VolumeModule(moduleSettings(settings));
    module.onEvent(trade(clock, { solAmount: 9 }), clock.now());
    clock.advance(59_999);
    // 59.999 s later the first trade still counts: 9 + 1 = 10 SOL, 2 trades.
    expect(only(module.onEvent(trade(clock, { solAmount: 1 }), clock.now())).metrics).toMatchObject({ volumeSol: 10, trades: 2, previousVolumeSol: 0 });
    clock.advance(1);
    // At exactly 60 s it is in the previous window: 1 + 1 = 2 SOL current, 9 previous.
    expect(module.onEvent(trade(clock, { solAmount: 1 }), clock.now())).toEqual([]);
    // Observe the previous window through a signal with a low threshold.
    module.configure(moduleSettings({ ...settings, minVolumeSol: 0 }));
    expect(only(module.onEvent(trade(clock, { solAmount: 0.5 }), clock.now())).metrics).toMatchObject({ volumeSol: 2.5, trades: 3, previousVolumeSol: 9 });
    clock.advance(59_999);
    expect(only(module.onEvent(trade(clock, { solAmount: 0.5 }), clock.now())).metrics).toMatchObject({ volumeSol: 2, trades: 3, previousVolumeSol: 10 });
    clock.advance(1);
    // 120 s after the first trade it is gone; the three at t=60 s are previous now.
    expect(only(module.onEvent(trade(clock, { solAmount: 0.5 }), clock.now())).metrics).toMatchObject({ volumeSol: 1, trades: 2, previousVolumeSol: 2.5 });
  });

  it('fires once per spike: silent during the cooldown, fires again when it has exactly elapsed', () => {
    const clock = new ManualClock();
    const module = new VolumeModule(moduleSettings({ ...rules, minVolumeSol: 1, minTrades: 1, minUniqueBuyers: 1, spikeRatio: 0, cooldownSeconds: 300 }));
    expect(module.onEvent(trade(clock), clock.now())).toHaveLength(1);
    for (let i = 0; i < 10; i++) {
      clock.advance(29_000);
      expect(module.onEvent(trade(clock), clock.now())).toEqual([]);
    }
    clock.advance(9_999);
    expect(module.onEvent(trade(clock), clock.now())).toEqual([]);
    clock.advance(1);
    expect(module.onEvent(trade(clock), clock.now())).toHaveLength(1);
    // Another mint has its own cooldown.
    expect(module.onEvent(trade(clock, { mint: address(32) }), clock.now())).toHaveLength(1);
  });

  it('marks a spike on a token above the market-cap cap as a failed filter', () => {
    const clock = new ManualClock();
    const module = new VolumeModule(moduleSettings({ ...rules, maxMarketCapSol: 50 }));
    const [signal] = burst(module, clock, 5, 2.5);
    expect(signal && failedFilters(signal)).toEqual(['market-cap']);
    expect(signal && filterNamed(signal, 'market-cap').detail).toBe('70.0 SOL > max 50 SOL');
  });

  it('applies settings changed live on the next trade, and restarts counting when the window changes', () => {
    const clock = new ManualClock();
    const module = new VolumeModule(moduleSettings(rules));
    expect(burst(module, clock, 5, 1)).toEqual([]);
    module.configure(moduleSettings({ ...rules, minVolumeSol: 6 }, 0.5));
    clock.advance(1_000);
    const signal = only(module.onEvent(trade(clock, { wallet: buyers[9] as string, solAmount: 1 }), clock.now()));
    expect(signal.solAmount).toBe(0.5);
    expect(signal.metrics).toMatchObject({ volumeSol: 6, trades: 6 });
    const other = address(33);
    expect(burst(module, clock, 5, 1, 1_000, { mint: other })).toEqual([]);
    module.configure(moduleSettings({ ...rules, minVolumeSol: 6, windowSeconds: 120 }));
    clock.advance(1_000);
    // The five earlier trades were forgotten with the old window: one trade is not a spike.
    expect(module.onEvent(trade(clock, { mint: other, wallet: buyers[9] as string, solAmount: 1 }), clock.now())).toEqual([]);
  });

  it('refuses invalid settings with a clear message and keeps the running ones', () => {
    const clock = new ManualClock();
    const module = new VolumeModule(moduleSettings(rules));
    expect(() => module.configure(moduleSettings({ windowSeconds: 0 }))).toThrow(/^Invalid volume filters:\n✖ .*\n {2}→ at windowSeconds/);
    expect(() => module.configure(moduleSettings({ minTrades: 2.5 }))).toThrow(/minTrades/);
    expect(() => module.configure(moduleSettings({ spikeRatio: -1 }))).toThrow(/spikeRatio/);
    expect(() => module.configure(moduleSettings({ window: 30 }))).toThrow(/Unrecognized key.*window/);
    expect(burst(module, clock, 5, 2)).toHaveLength(1);
  });

  it('keeps at most the cap of tracked mints over 100k distinct mints', () => {
    const clock = new ManualClock();
    const module = new VolumeModule(moduleSettings(volumeFilterDefaults), { maxTrackedMints: 20_000 });
    let most = 0;
    for (let i = 0; i < 100_000; i++) {
      module.onEvent(trade(clock, { mint: bulkAddress(i) }), clock.now());
      most = Math.max(most, module.trackedCount());
    }
    expect(most).toBe(20_000);
  });

  it('evicts idle mints once neither window nor cooldown can still matter', () => {
    const clock = new ManualClock();
    // Horizon: max(2 x 60 s, 300 s) = 300 s.
    const module = new VolumeModule(moduleSettings({ ...rules, minVolumeSol: 1, minTrades: 1, minUniqueBuyers: 1 }));
    expect(module.onEvent(trade(clock), clock.now())).toHaveLength(1);
    for (let i = 0; i < 100; i++) module.onEvent(trade(clock, { mint: address(2_000 + i), solAmount: 0.1 }), clock.now());
    clock.advance(299_999);
    module.onEvent(trade(clock, { mint: address(3_000), solAmount: 0.1 }), clock.now());
    expect(module.trackedCount()).toBe(102);
    clock.advance(1);
    // Past the horizon: the first mint is forgotten and fires like a fresh one, which is what its cooldown says too.
    expect(module.onEvent(trade(clock), clock.now())).toHaveLength(1);
    expect(module.trackedCount()).toBe(2);
  });

  it('exports its defaults', () => {
    expect(volumeFilterDefaults).toEqual({
      windowSeconds: 60,
      minVolumeSol: 10,
      minTrades: 20,
      minUniqueBuyers: 10,
      spikeRatio: 3,
      cooldownSeconds: 600,
      maxMarketCapSol: null,
    });
  });
});
