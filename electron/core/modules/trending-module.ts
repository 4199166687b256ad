import type { BuySignalInput, FilterResult, Platform } from '../../../shared/domain.js';
import { type FeedEvent, type TrendingEvent } from '../../../shared/feed-events.js';
import type { ModuleSettings } from '../../../shared/settings.js';
import { check, formatPct, formatUsd, minOrNone, rangeCheck, shortAddress, signalSymbol } from './filter-checks.js';
import { parseFilters } from './module-filters.js';
import { RecencyList } from './recency-list.js';
import type { SignalModule } from './signal-module.js';

import { trendingFilterDefaults, trendingFiltersSchema, type TrendingFilters } from '../../../shared/module-filters.js';

/** Defined in shared/ so the console validates with the same schemas. */
export { trendingFilterDefaults, trendingFiltersSchema, TrendingFilters };

/**
 * Sightings are remembered per source+mint in last-seen order. Entries older than the re-entry time carry no
 * information (the next sighting is an entry either way), so they are evicted exactly; the
 * cap only matters if lists churned through more tokens than that inside one re-entry time.
 */
export const defaultMaxTrackedSightings = 50_000;

export interface TrendingModuleOptions {
  maxTrackedSightings?: number;
}

interface TrendingConfig {
  solAmount: number;
  filters: TrendingFilters;
}

/** Fires when a token enters a trending list, not on every poll that still shows it. */
export class TrendingModule implements SignalModule {
  readonly id = 'trending' as const;
  private config: TrendingConfig;
  private readonly lastSeen = new RecencyList<string, number>();
  private readonly maxTrackedSightings: number;

  constructor(settings: ModuleSettings, options: TrendingModuleOptions = {}) {
    this.config = TrendingModule.compile(settings);
    this.maxTrackedSightings = Math.max(1, options.maxTrackedSightings ?? defaultMaxTrackedSightings);
  }

  configure(settings: ModuleSettings): void {
    this.config = TrendingModule.compile(settings);
  }

  /** How many source+mint sightings are remembered (for tests and the status view). */
  trackedCount(): number {
    return this.lastSeen.size;
  }

  onEvent(event: FeedEvent, now: number): BuySignalInput[] {
    if (event.kind !== 'trending') return [];
    const platform = platformOf(event);
    // We can only buy on the launchpads; anything else is not a candidate at all.
    if (platform === undefined) return [];
    const reentryMs = this.config.filters.reentryAfterSeconds * 1000;
    const key = `${event.source}:${event.mint}`;
    // Read before evicting, so a re-entry can say how long the token was away.
    const previous = this.lastSeen.get(key);
    this.evictStale(now, reentryMs);
    this.lastSeen.touch(key, now);
    if (this.lastSeen.size > this.maxTrackedSightings) this.evictOldest();
    if (previous !== undefined && now - previous < reentryMs) return [];
    return [this.signalFor(event, platform, previous === undefined ? undefined : now - previous)];
  }

  private static compile(settings: ModuleSettings): TrendingConfig {
    return { solAmount: settings.solAmount, filters: parseFilters('trending', trendingFiltersSchema, settings.filters) };
  }

  private evictStale(now: number, reentryMs: number): void {
    for (let oldest = this.lastSeen.oldest(); oldest !== undefined; oldest = this.lastSeen.oldest()) {
      if (now - oldest.value < reentryMs) break;
      this.lastSeen.delete(oldest.key);
    }
  }

  private evictOldest(): void {
    const oldest = this.lastSeen.oldest();
    if (oldest !== undefined) this.lastSeen.delete(oldest.key);
  }

  private signalFor(event: TrendingEvent, platform: Platform, absentMs: number | undefined): BuySignalInput {
    const f = this.config.filters;
    const metrics: Record<string, number> = {};
    if (event.rank !== undefined) metrics.rank = event.rank;
    if (event.marketCapUsd !== undefined) metrics.marketCapUsd = event.marketCapUsd;
    if (event.liquidityUsd !== undefined) metrics.liquidityUsd = event.liquidityUsd;
    if (event.volume5mUsd !== undefined) metrics.volume5mUsd = event.volume5mUsd;
    if (event.priceChange5mPct !== undefined) metrics.priceChange5mPct = event.priceChange5mPct;
    if (absentMs !== undefined) metrics.absentSeconds = absentMs / 1000;

    const sourceAllowed = f.sources.includes(event.source);
    const results: FilterResult[] = [
      check(
        'source',
        sourceAllowed,
        sourceAllowed ? `${event.source} is allowed` : `${event.source} not in allowed [${f.sources.join(', ')}]`,
      ),
      rangeCheck({ filter: 'market-cap', label: 'market cap', value: event.marketCapUsd, min: minOrNone(f.minMarketCapUsd), max: f.maxMarketCapUsd, format: formatUsd }),
      rangeCheck({ filter: 'liquidity', label: 'liquidity', value: event.liquidityUsd, min: minOrNone(f.minLiquidityUsd), max: null, format: formatUsd }),
      rangeCheck({ filter: 'volume-5m', label: '5m volume', value: event.volume5mUsd, min: minOrNone(f.minVolume5mUsd), max: null, format: formatUsd }),
      rangeCheck({ filter: 'price-change-5m', label: '5m price change', value: event.priceChange5mPct, min: f.minPriceChange5mPct, max: f.maxPriceChange5mPct, format: formatPct }),
    ];

    return {
      module: this.id,
      mint: event.mint,
      platform,
      symbol: signalSymbol(event.symbol),
      solAmount: this.config.solAmount,
      reason: describeEntry(event, absentMs),
      metrics,
      filters: results,
    };
  }
}

/** The event's platform, else pump.fun for its vanity "…pump" mints; undefined = not buyable here. */
export function platformOf(event: TrendingEvent): Platform | undefined {
  if (event.platform !== undefined) return event.platform;
  return event.mint.endsWith('pump') ? 'pump.fun' : undefined;
}

function describeEntry(event: TrendingEvent, absentMs: number | undefined): string {
  const name = event.symbol ? `${event.symbol.slice(0, 32)} (${shortAddress(event.mint)})` : shortAddress(event.mint);
  const how = absentMs === undefined ? 'entered' : 're-entered';
  const rank = event.rank !== undefined ? ` at #${event.rank}` : '';
  const away = absentMs === undefined ? '' : ` after ${Math.round(absentMs / 1000)} s away`;
  const numbers = [
    event.marketCapUsd !== undefined ? `mcap ${formatUsd(event.marketCapUsd)}` : '',
    event.liquidityUsd !== undefined ? `liq ${formatUsd(event.liquidityUsd)}` : '',
    event.volume5mUsd !== undefined ? `vol 5m ${formatUsd(event.volume5mUsd)}` : '',
    event.priceChange5mPct !== undefined ? `${formatPct(event.priceChange5mPct)} 5m` : '',
  ].filter(Boolean);
  return `${name} ${how} ${event.source} trending${rank}${away}${numbers.length > 0 ? `: ${numbers.join(', ')}` : ''}`;
}
