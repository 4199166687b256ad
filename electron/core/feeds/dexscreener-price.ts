import { LAUNCHLAB_BONK_INITIAL, PUMP_INITIAL, invariant, reservesAtPrice, type Reserves } from './curve-params.js';
import type { Pair } from './dexscreener-schemas.js';

const WSOL = 'So11111111111111111111111111111111111111112';

/** An AMM pool whose amounts stray further than this from its quoted price is not a plain constant product. */
const POOL_PRICE_TOLERANCE = 0.05;

export interface PairPrice {
  priceSol: number;
  reserves?: Reserves;
}

/**
 * The SOL price of a pair's base token and, where it can be known, the reserves a buy moves
 * through, so the paper trader can fill a trending token at the market DexScreener showed.
 * Only SOL-quoted pairs are priced (a USDC pair's priceNative is in USDC).
 *
 * On a launchpad curve the pool amounts DexScreener lists are real, not virtual, reserves:
 * the spot price is placed back on the curve's own invariant instead. On an AMM pool the
 * amounts are the reserves, used when they agree with the price (a concentrated-liquidity
 * pool's do not; it is filled at the spot price, without price impact).
 */
export function pairPrice(pair: Pair | undefined): PairPrice | undefined {
  if (!pair || pair.quoteToken?.address !== WSOL || pair.priceNative === undefined) return undefined;
  const priceSol = Number(pair.priceNative);
  if (!(priceSol > 0) || !Number.isFinite(priceSol)) return undefined;
  switch (pair.dexId) {
    case 'pumpfun':
      return withReserves(priceSol, reservesAtPrice(invariant(PUMP_INITIAL), priceSol));
    case 'launchlab':
      return withReserves(priceSol, reservesAtPrice(invariant(LAUNCHLAB_BONK_INITIAL), priceSol));
    default: {
      const base = pair.liquidity?.base;
      const quote = pair.liquidity?.quote;
      if (base === undefined || quote === undefined || !(base > 0) || !(quote > 0)) return { priceSol };
      const poolPrice = quote / base;
      if (Math.abs(poolPrice - priceSol) > POOL_PRICE_TOLERANCE * priceSol) return { priceSol };
      return { priceSol, reserves: { vSol: quote, vTokens: base } };
    }
  }
}

function withReserves(priceSol: number, reserves: Reserves | undefined): PairPrice {
  return reserves ? { priceSol, reserves } : { priceSol };
}
