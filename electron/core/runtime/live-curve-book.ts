import type { FeedEvent } from '../../../shared/feed-events.js';

interface Reserves {
  vSol: number;
  vTokens: number;
}

/** pump.fun's and LaunchLab's curve fee, as the simulator charges it. */
const FEE_BPS = 100;

/**
 * The latest virtual reserves seen per mint on a live feed (launch and trade events), so
 * the paper trader can fill at the price the market showed last. A mint never seen, or one
 * that has migrated off its curve, has no quote: the paper buy then fails as "no market"
 * rather than filling at a made-up price.
 *
 * Bounded: the launchpads mint tens of thousands of tokens a day; past `maxMints` the mint
 * updated longest ago is forgotten (it is the one least likely to be bought).
 */
export class LiveCurveBook {
  private readonly reserves = new Map<string, Reserves>();

  constructor(private readonly maxMints = 50_000) {}

  get size(): number {
    return this.reserves.size;
  }

  observe(event: FeedEvent): void {
    switch (event.kind) {
      case 'launch':
      case 'trade':
        if (event.vSol !== undefined && event.vTokens !== undefined && event.vSol > 0 && event.vTokens > 0) {
          this.remember(event.mint, { vSol: event.vSol, vTokens: event.vTokens });
        }
        return;
      case 'migration':
        // The curve is complete: a buy on it is no longer possible.
        this.reserves.delete(event.mint);
        return;
      case 'trending':
        return;
      default: {
        const never: never = event;
        return never;
      }
    }
  }

  reservesOf(mint: string): Reserves | undefined {
    const r = this.reserves.get(mint);
    return r ? { ...r } : undefined;
  }

  /** Tokens `solAmount` (fee included) buys at the last seen reserves; undefined when unknown. */
  quoteBuy(mint: string, solAmount: number): number | undefined {
    const r = this.reserves.get(mint);
    if (!r || !(solAmount > 0)) return undefined;
    const net = solAmount / (1 + FEE_BPS / 10_000);
    return (r.vTokens * net) / (r.vSol + net);
  }

  private remember(mint: string, reserves: Reserves): void {
    // Re-inserting moves the mint to the end, so the first key is always the stalest.
    this.reserves.delete(mint);
    this.reserves.set(mint, reserves);
    if (this.reserves.size > this.maxMints) {
      const stalest = this.reserves.keys().next().value;
      if (stalest !== undefined) this.reserves.delete(stalest);
    }
  }
}
