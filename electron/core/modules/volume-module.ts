import type { BuySignalInput, FilterResult } from '../../../shared/domain.js';
import type { FeedEvent, TradeEvent } from '../../../shared/feed-events.js';
import type { ModuleSettings } from '../../../shared/settings.js';
import { check, formatSol, rangeCheck, shortAddress, solLimit } from './filter-checks.js';
import { parseFilters } from './module-filters.js';
import type { SignalModule } from './signal-module.js';
import { RecencyList } from './recency-list.js';
import { TradeWindow } from './trade-window.js';

const LAMPORTS_PER_SOL = 1_000_000_000;
/** Larger than any real launchpad trade; keeps a corrupt amount from breaking integer sums. */
const MAX_TRADE_SOL = 1_000_000;

import { volumeFilterDefaults, volumeFiltersSchema, type VolumeFilters } from '../../../shared/module-filters.js';

/** Defined in shared/ so the console validates with the same schemas. */
export { volumeFilterDefaults, volumeFiltersSchema, VolumeFilters };

/**
 * Why a cap: the trade stream covers every token on the launchpads (tens of thousands a
 * day), and a mint is tracked from its first trade. Idle mints are evicted exactly (below),
 * but a burst of new mints within one idle horizon could still grow without limit. Measured at
 * about 1 KB per tracked mint (plus its trades in the last two windows), 20k is ~20 MB. Past
 * the cap the least recently traded mint goes first: it is the one least likely to be spiking.
 */
export const defaultMaxTrackedMints = 20_000;

export interface VolumeModuleOptions {
  maxTrackedMints?: number;
}

/** Volume spikes per mint over a rolling window, from the trade stream. */
export class VolumeModule implements SignalModule {
  readonly id = 'volume' as const;
  private solAmount: number;
  private filters: VolumeFilters;
  /** In last-trade order, so the oldest entry is the idlest mint. */
  private readonly mints = new RecencyList<string, TradeWindow>();
  private readonly maxTrackedMints: number;
  /** Time never runs backwards here, or a window would un-expire trades. */
  private clock = Number.NEGATIVE_INFINITY;

  constructor(settings: ModuleSettings, options: VolumeModuleOptions = {}) {
    this.maxTrackedMints = Math.max(1, options.maxTrackedMints ?? defaultMaxTrackedMints);
    this.filters = parseFilters('volume', volumeFiltersSchema, settings.filters);
    this.solAmount = settings.solAmount;
  }

  configure(settings: ModuleSettings): void {
    const filters = parseFilters('volume', volumeFiltersSchema, settings.filters);
    // Trades already moved between windows cannot be re-placed under another length:
    // start counting afresh rather than compare windows of different sizes.
    if (filters.windowSeconds !== this.filters.windowSeconds) for (const w of this.mints.values()) w.clearTrades();
    this.filters = filters;
    this.solAmount = settings.solAmount;
  }

  trackedCount(): number {
    return this.mints.size;
  }

  onEvent(event: FeedEvent, now: number): BuySignalInput[] {
    if (event.kind !== 'trade') return [];
    this.clock = Math.max(this.clock, now);
    const t = this.clock;
    const windowMs = this.filters.windowSeconds * 1000;
    const cooldownMs = this.filters.cooldownSeconds * 1000;
    this.evictIdle(t, Math.max(2 * windowMs, cooldownMs));

    const window = this.mints.get(event.mint) ?? new TradeWindow();
    this.mints.touch(event.mint, window);
    if (this.mints.size > this.maxTrackedMints) this.evictOldest();

    const lamports = Math.round(Math.min(event.solAmount, MAX_TRADE_SOL) * LAMPORTS_PER_SOL);
    window.add(t, lamports, event.side === 'buy' ? event.wallet : undefined, windowMs);

    if (t - window.lastFiredAt < cooldownMs || !this.isSpike(window)) return [];
    window.lastFiredAt = t;
    return [this.signalFor(event, window)];
  }

  /**
   * A mint idle for two windows has empty windows, and one idle past the cooldown has no
   * cooldown left, so dropping it after max(2 windows, cooldown) changes no future result.
   */
  private evictIdle(t: number, idleMs: number): void {
    for (let oldest = this.mints.oldest(); oldest !== undefined; oldest = this.mints.oldest()) {
      if (t - oldest.value.lastTradeAt < idleMs) break;
      this.mints.delete(oldest.key);
    }
  }

  private evictOldest(): void {
    const oldest = this.mints.oldest();
    if (oldest !== undefined) this.mints.delete(oldest.key);
  }

  private isSpike(w: TradeWindow): boolean {
    const f = this.filters;
    return (
      w.currentLamports >= Math.round(f.minVolumeSol * LAMPORTS_PER_SOL) &&
      w.currentTrades >= f.minTrades &&
      w.uniqueBuyers() >= f.minUniqueBuyers &&
      (w.previousLamports === 0 || w.currentLamports >= f.spikeRatio * w.previousLamports)
    );
  }

  private signalFor(event: TradeEvent, w: TradeWindow): BuySignalInput {
    const f = this.filters;
    const volumeSol = w.currentLamports / LAMPORTS_PER_SOL;
    const previousSol = w.previousLamports / LAMPORTS_PER_SOL;
    const ratio = w.previousLamports > 0 ? w.currentLamports / w.previousLamports : undefined;
    const metrics: Record<string, number> = {
      volumeSol,
      trades: w.currentTrades,
      uniqueBuyers: w.uniqueBuyers(),
      previousVolumeSol: previousSol,
      windowSeconds: f.windowSeconds,
    };
    if (ratio !== undefined) metrics.spikeRatio = ratio;
    if (event.marketCapSol !== undefined) metrics.marketCapSol = event.marketCapSol;
    const ratioText = ratio !== undefined ? `${ratio.toFixed(1)}x previous ${formatSol(previousSol)}` : 'no volume in the previous window';

    const results: FilterResult[] = [
      check('volume', true, `${formatSol(volumeSol)} >= min ${solLimit(f.minVolumeSol)} in ${f.windowSeconds} s`),
      check('trades', true, `${w.currentTrades} trades >= min ${f.minTrades}`),
      check('unique-buyers', true, `${w.uniqueBuyers()} buyers >= min ${f.minUniqueBuyers}`),
      check('spike-ratio', true, ratio !== undefined ? `${ratioText} >= ${f.spikeRatio}x` : ratioText),
      rangeCheck({
        filter: 'market-cap',
        label: 'market cap',
        value: event.marketCapSol,
        min: null,
        max: f.maxMarketCapSol,
        format: formatSol,
        formatLimit: solLimit,
      }),
    ];

    return {
      module: this.id,
      mint: event.mint,
      platform: event.platform,
      symbol: '',
      solAmount: this.solAmount,
      reason:
        `volume spike on ${shortAddress(event.mint)}: ${formatSol(volumeSol)} in ${f.windowSeconds} s ` +
        `(${ratioText}), ${w.currentTrades} trades, ${w.uniqueBuyers()} unique buyers`,
      metrics,
      filters: results,
    };
  }
}
