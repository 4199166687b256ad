import type { BuySignalInput, FilterResult } from '../../../shared/domain.js';
import type { FeedEvent, TradeEvent } from '../../../shared/feed-events.js';
import type { ModuleSettings } from '../../../shared/settings.js';
import { check, formatSol, rangeCheck, shortAddress, solLimit } from './filter-checks.js';
import { parseFilters } from './module-filters.js';
import type { SignalModule } from './signal-module.js';

import {
  watchedWalletSchema,
  whaleCopyFilterDefaults,
  whaleCopyFiltersSchema,
  type WatchedWallet,
  type WhaleCopyFilters,
} from '../../../shared/module-filters.js';

/** Defined in shared/ so the console validates with the same schemas. */
export { watchedWalletSchema, whaleCopyFilterDefaults, whaleCopyFiltersSchema, WatchedWallet, WhaleCopyFilters };

interface WhaleCopyConfig {
  solAmount: number;
  filters: WhaleCopyFilters;
  /** O(1) lookup: every trade on the feed passes through here. */
  watched: Map<string, WatchedWallet>;
}

/** Copies buys of watched wallets. Trades by anyone else, and sells, are not candidates. */
export class WhaleCopyModule implements SignalModule {
  readonly id = 'whale-copy' as const;
  private config: WhaleCopyConfig;

  constructor(settings: ModuleSettings) {
    this.config = WhaleCopyModule.compile(settings);
  }

  configure(settings: ModuleSettings): void {
    this.config = WhaleCopyModule.compile(settings);
  }

  onEvent(event: FeedEvent, _now: number): BuySignalInput[] {
    if (event.kind !== 'trade' || event.side !== 'buy') return [];
    const wallet = this.config.watched.get(event.wallet);
    if (wallet === undefined) return [];
    return [this.signalFor(event, wallet)];
  }

  private static compile(settings: ModuleSettings): WhaleCopyConfig {
    const filters = parseFilters('whale-copy', whaleCopyFiltersSchema, settings.filters);
    const watched = new Map(filters.wallets.filter((w) => w.enabled).map((w) => [w.address, w]));
    return { solAmount: settings.solAmount, filters, watched };
  }

  private signalFor(event: TradeEvent, wallet: WatchedWallet): BuySignalInput {
    const minSol = wallet.minSol ?? this.config.filters.minSol;
    const who = wallet.label ? `${wallet.label} (${shortAddress(wallet.address)})` : shortAddress(wallet.address);
    const metrics: Record<string, number> = { whaleSol: event.solAmount, minSol };
    if (event.marketCapSol !== undefined) metrics.marketCapSol = event.marketCapSol;

    const results: FilterResult[] = [
      event.solAmount >= minSol
        ? check('min-size', true, `${formatSol(event.solAmount)} >= min ${solLimit(minSol)}`)
        : check('min-size', false, `${formatSol(event.solAmount)} < min ${solLimit(minSol)}`),
      rangeCheck({
        filter: 'market-cap',
        label: 'market cap',
        value: event.marketCapSol,
        min: null,
        max: this.config.filters.maxMarketCapSol,
        format: formatSol,
        formatLimit: solLimit,
      }),
    ];

    return {
      module: this.id,
      mint: event.mint,
      platform: event.platform,
      symbol: '',
      solAmount: wallet.solAmount ?? this.config.solAmount,
      reason: `whale ${who} bought ${formatSol(event.solAmount)} of ${shortAddress(event.mint)} (min ${minSol})`,
      metrics,
      filters: results,
    };
  }
}
