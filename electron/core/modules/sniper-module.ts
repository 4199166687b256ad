import { type BuySignalInput, type FilterResult } from '../../../shared/domain.js';
import type { FeedEvent, LaunchEvent } from '../../../shared/feed-events.js';
import type { ModuleSettings } from '../../../shared/settings.js';
import {
  check,
  formatSeconds,
  formatSol,
  minOrNone,
  rangeCheck,
  shortAddress,
  signalSymbol,
  solLimit,
} from './filter-checks.js';
import { parseFilters } from './module-filters.js';
import type { SignalModule } from './signal-module.js';

import { sniperFilterDefaults, sniperFiltersSchema, type SniperFilters } from '../../../shared/module-filters.js';

/** Defined in shared/ so the console validates with the same schemas. */
export { sniperFilterDefaults, sniperFiltersSchema, SniperFilters };

interface SniperConfig {
  solAmount: number;
  filters: SniperFilters;
  include: RegExp | null;
  exclude: RegExp | null;
  allow: Set<string>;
  deny: Set<string>;
}

/** New launches on pump.fun and bonk.fun: every launch is a candidate, the filters say if it is worth it. */
export class SniperModule implements SignalModule {
  readonly id = 'sniper' as const;
  private config: SniperConfig;

  constructor(settings: ModuleSettings) {
    this.config = SniperModule.compile(settings);
  }

  configure(settings: ModuleSettings): void {
    // Compile first and swap after, so refused settings leave the running ones untouched.
    this.config = SniperModule.compile(settings);
  }

  onEvent(event: FeedEvent, now: number): BuySignalInput[] {
    if (event.kind !== 'launch') return [];
    return [this.signalFor(event, now)];
  }

  private static compile(settings: ModuleSettings): SniperConfig {
    const filters = parseFilters('sniper', sniperFiltersSchema, settings.filters);
    return {
      solAmount: settings.solAmount,
      filters,
      include: filters.nameInclude ? new RegExp(filters.nameInclude, 'i') : null,
      exclude: filters.nameExclude ? new RegExp(filters.nameExclude, 'i') : null,
      allow: new Set(filters.creatorAllow),
      deny: new Set(filters.creatorDeny),
    };
  }

  private signalFor(event: LaunchEvent, now: number): BuySignalInput {
    const { filters } = this.config;
    const ageMs = now - event.at;
    const metrics: Record<string, number> = { ageSeconds: ageMs / 1000 };
    if (event.initialBuySol !== undefined) metrics.initialBuySol = event.initialBuySol;
    if (event.marketCapSol !== undefined) metrics.marketCapSol = event.marketCapSol;

    const results: FilterResult[] = [
      check(
        'platform',
        filters.platforms.includes(event.platform),
        filters.platforms.includes(event.platform)
          ? `${event.platform} is allowed`
          : `${event.platform} not in allowed [${filters.platforms.join(', ')}]`,
      ),
      ...this.nameChecks(event),
      ...this.creatorChecks(event.creator),
      rangeCheck({
        filter: 'initial-buy',
        label: 'creator initial buy',
        value: event.initialBuySol,
        min: minOrNone(filters.minInitialBuySol),
        max: filters.maxInitialBuySol,
        format: formatSol,
        formatLimit: solLimit,
      }),
      rangeCheck({
        filter: 'market-cap',
        label: 'market cap',
        value: event.marketCapSol,
        min: minOrNone(filters.minMarketCapSol),
        max: filters.maxMarketCapSol,
        format: formatSol,
        formatLimit: solLimit,
      }),
      ageMs > filters.maxAgeSeconds * 1000
        ? check('age', false, `launch ${formatSeconds(ageMs)} old > max ${filters.maxAgeSeconds} s`)
        : check('age', true, `launch ${formatSeconds(ageMs)} old, max ${filters.maxAgeSeconds} s`),
    ];

    return {
      module: this.id,
      mint: event.mint,
      platform: event.platform,
      symbol: signalSymbol(event.symbol),
      ...(event.creator !== undefined ? { creator: event.creator } : {}),
      solAmount: this.config.solAmount,
      reason: describeLaunch(event, ageMs).slice(0, 300),
      metrics,
      filters: results,
    };
  }

  private nameChecks(event: LaunchEvent): FilterResult[] {
    const { include, exclude } = this.config;
    const texts = [event.name, event.symbol].filter((t): t is string => t !== undefined && t !== '');
    const shown = texts.length > 0 ? `"${texts.join('" / "').slice(0, 120)}"` : 'no name or symbol';
    const results: FilterResult[] = [];
    if (include === null) results.push(check('name-include', true, 'no include pattern'));
    else {
      const matched = texts.some((t) => include.test(t));
      results.push(check('name-include', matched, `${shown} ${matched ? 'matches' : 'does not match'} /${include.source}/i`));
    }
    if (exclude === null) results.push(check('name-exclude', true, 'no exclude pattern'));
    else {
      const matched = texts.some((t) => exclude.test(t));
      results.push(check('name-exclude', !matched, `${shown} ${matched ? 'matches' : 'does not match'} /${exclude.source}/i`));
    }
    return results;
  }

  private creatorChecks(creator: string | undefined): FilterResult[] {
    const { allow, deny } = this.config;
    const who = creator === undefined ? 'creator unknown' : `creator ${shortAddress(creator)}`;
    const allowed =
      allow.size === 0
        ? check('creator-allow', true, 'no allow list')
        : creator !== undefined && allow.has(creator)
          ? check('creator-allow', true, `${who} is on the allow list`)
          : check('creator-allow', false, `${who} not on the allow list (${allow.size} creators)`);
    const denied =
      creator !== undefined && deny.has(creator)
        ? check('creator-deny', false, `${who} is on the deny list`)
        : check('creator-deny', true, deny.size === 0 ? 'no deny list' : `${who} not on the deny list`);
    return [allowed, denied];
  }
}

function describeLaunch(event: LaunchEvent, ageMs: number): string {
  const label = [event.symbol, event.name ? `(${event.name.slice(0, 40)})` : undefined].filter(Boolean).join(' ');
  const parts = [`new ${event.platform} launch ${label || shortAddress(event.mint)}`];
  if (event.creator !== undefined) parts.push(`by ${shortAddress(event.creator)}`);
  if (event.initialBuySol !== undefined) parts.push(`creator bought ${formatSol(event.initialBuySol)}`);
  if (event.marketCapSol !== undefined) parts.push(`mcap ${formatSol(event.marketCapSol)}`);
  parts.push(`${formatSeconds(ageMs)} old`);
  return parts.join(', ').replace(', by', ' by');
}
