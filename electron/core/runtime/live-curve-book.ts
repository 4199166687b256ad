import type { FeedEvent } from '../../../shared/feed-events.js';

interface Reserves {
  vSol: number;
  vTokens: number;
}

/**
 * What is known of a mint's market: constant-product reserves (a curve, an AMM pool), or
 * only a spot price in SOL (a graduated coin whose pool the poller did not show).
 */
type Market =
  | { kind: 'reserves'; reserves: Reserves; fromPoller: boolean; at: number }
  | { kind: 'spot'; priceSol: number; fromPoller: boolean; at: number };

/** pump.fun's and LaunchLab's curve fee, as the simulator charges it. */
const FEE_BPS = 100;

/**
 * A trending poll is a snapshot the service cached up to tens of seconds ago; a launch or
 * trade on the main feed this recent is the fresher price and is not overwritten by it.
 */
const FEED_PRECEDENCE_MS = 60_000;

/**
 * The latest market seen per mint on the live feeds, so the paper trader can fill at the
 * price the market showed last: reserves from launch and trade events, and for tokens the
 * main feed never showed (trending ones), the price and reserves the pollers saw. A mint
 * never seen, or one that migrated off its curve and was not seen since, has no quote: the
 * paper buy then fails as "no market" rather than filling at a made-up price.
 *
 * Bounded: the launchpads mint tens of thousands of tokens a day; past `maxMints` the mint
 * updated longest ago is forgotten (it is the one least likely to be bought).
 */
export class LiveCurveBook {
  private readonly markets = new Map<string, Market>();

  constructor(private readonly maxMints = 50_000) {}

  get size(): number {
    return this.markets.size;
  }

  observe(event: FeedEvent): void {
    switch (event.kind) {
      case 'launch':
      case 'trade': {
        const reserves = reservesOf(event.vSol, event.vTokens);
        if (reserves) this.remember(event.mint, { kind: 'reserves', reserves, fromPoller: false, at: event.at });
        return;
      }
      case 'migration':
        // The curve is complete: a buy on it is no longer possible.
        this.markets.delete(event.mint);
        return;
      case 'trending': {
        const known = this.markets.get(event.mint);
        if (known && !known.fromPoller && event.at - known.at < FEED_PRECEDENCE_MS) return;
        const reserves = reservesOf(event.vSol, event.vTokens);
        if (reserves) {
          this.remember(event.mint, { kind: 'reserves', reserves, fromPoller: true, at: event.at });
        } else if (event.priceSol !== undefined && event.priceSol > 0) {
          this.remember(event.mint, { kind: 'spot', priceSol: event.priceSol, fromPoller: true, at: event.at });
        }
        return;
      }
      default: {
        const never: never = event;
        return never;
      }
    }
  }

  reservesOf(mint: string): Reserves | undefined {
    const market = this.markets.get(mint);
    return market?.kind === 'reserves' ? { ...market.reserves } : undefined;
  }

  /** Tokens `solAmount` (fee included) buys at the last seen market; undefined when unknown. */
  quoteBuy(mint: string, solAmount: number): number | undefined {
    const market = this.markets.get(mint);
    if (!market || !(solAmount > 0)) return undefined;
    const net = solAmount / (1 + FEE_BPS / 10_000);
    switch (market.kind) {
      case 'reserves':
        return (market.reserves.vTokens * net) / (market.reserves.vSol + net);
      case 'spot':
        return net / market.priceSol;
      default: {
        const never: never = market;
        return never;
      }
    }
  }

  /** SOL (fee deducted) selling `tokens` gets at the last seen market; undefined when unknown. */
  quoteSell(mint: string, tokens: number): number | undefined {
    const market = this.markets.get(mint);
    if (!market || !(tokens > 0)) return undefined;
    const keep = 1 - FEE_BPS / 10_000;
    switch (market.kind) {
      case 'reserves':
        return ((market.reserves.vSol * tokens) / (market.reserves.vTokens + tokens)) * keep;
      case 'spot':
        return tokens * market.priceSol * keep;
      default: {
        const never: never = market;
        return never;
      }
    }
  }

  private remember(mint: string, market: Market): void {
    // Re-inserting moves the mint to the end, so the first key is always the stalest.
    this.markets.delete(mint);
    this.markets.set(mint, market);
    if (this.markets.size > this.maxMints) {
      const stalest = this.markets.keys().next().value;
      if (stalest !== undefined) this.markets.delete(stalest);
    }
  }
}

function reservesOf(vSol: number | undefined, vTokens: number | undefined): Reserves | undefined {
  return vSol !== undefined && vTokens !== undefined && vSol > 0 && vTokens > 0 ? { vSol, vTokens } : undefined;
}
