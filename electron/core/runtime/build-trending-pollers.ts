import { DexScreenerPoller } from '../feeds/dexscreener-poller.js';
import type { Feed } from '../feeds/feed.js';
import type { FetchFn } from '../feeds/http-json.js';
import { PumpFunPoller } from '../feeds/pumpfun-poller.js';
import type { FeedDeps } from './build-feed.js';
import type { TrendingChoice, TrendingSource } from './run-options.js';

/** The HTTP trending pollers asked for, each with its own rate limits; they run beside the main feed. */
export function buildTrendingPollers(choice: TrendingChoice, deps: FeedDeps, fetch?: FetchFn): Feed[] {
  return choice.sources.map((source) => buildPoller(source, choice, deps, fetch));
}

function buildPoller(source: TrendingSource, choice: TrendingChoice, deps: FeedDeps, fetch: FetchFn | undefined): Feed {
  const common = { clock: deps.clock, ...(fetch ? { fetch } : {}) };
  switch (source) {
    case 'dexscreener':
      return new DexScreenerPoller({
        ...common,
        rng: deps.rng.fork('dexscreener'),
        alert: deps.alerts.for('dexscreener'),
        ...(choice.dexscreenerUrl ? { baseUrl: choice.dexscreenerUrl } : {}),
      });
    case 'pumpfun':
      return new PumpFunPoller({
        ...common,
        rng: deps.rng.fork('pumpfun'),
        alert: deps.alerts.for('pump.fun'),
        ...(choice.pumpfunUrl ? { baseUrl: choice.pumpfunUrl } : {}),
      });
    default: {
      const never: never = source;
      throw new Error(`unknown trending source ${String(never)}`);
    }
  }
}
