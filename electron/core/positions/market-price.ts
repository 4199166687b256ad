import type { FeedEvent } from '../../../shared/feed-events.js';

export interface MarketPrice {
  mint: string;
  /** SOL per whole token, the market's spot price (before any sell fee or price impact). */
  priceSol: number;
  at: number;
}

/**
 * The price a feed event shows for its mint: the curve's (or pool's) reserves after it when
 * the event carries them, else a trade's own SOL per token, else a trending source's quote
 * in SOL. A migration carries none (the coin trades on in its pool; the next trade prices it).
 */
export function marketPriceOf(event: FeedEvent): MarketPrice | undefined {
  switch (event.kind) {
    case 'launch':
      return fromReserves(event.mint, event.vSol, event.vTokens, event.at);
    case 'trade':
      return (
        fromReserves(event.mint, event.vSol, event.vTokens, event.at) ??
        (event.tokenAmount > 0 && event.solAmount > 0 ? usable(event.mint, event.solAmount / event.tokenAmount, event.at) : undefined)
      );
    case 'trending':
      return fromReserves(event.mint, event.vSol, event.vTokens, event.at) ?? (event.priceSol !== undefined ? usable(event.mint, event.priceSol, event.at) : undefined);
    case 'migration':
      return undefined;
    default: {
      const never: never = event;
      return never;
    }
  }
}

function fromReserves(mint: string, vSol: number | undefined, vTokens: number | undefined, at: number): MarketPrice | undefined {
  return vSol !== undefined && vTokens !== undefined && vTokens > 0 ? usable(mint, vSol / vTokens, at) : undefined;
}

function usable(mint: string, priceSol: number, at: number): MarketPrice | undefined {
  return Number.isFinite(priceSol) && priceSol > 0 ? { mint, priceSol, at } : undefined;
}
