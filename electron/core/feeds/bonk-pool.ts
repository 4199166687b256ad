import { LAUNCHLAB_BONK_INITIAL, TOKEN_SUPPLY, invariant, reservesAtPrice, type Reserves } from './curve-params.js';

/** What PumpPortal tells about a bonk.fun (LaunchLab) pool after a create or a trade. */
export interface BonkPoolFigures {
  /** SOL paid into the curve so far (LaunchLab's realB). */
  solInPool?: number | undefined;
  /** Tokens still on the virtual curve (LaunchLab's virtualA − realA). */
  tokensInPool?: number | undefined;
  marketCapSol?: number | undefined;
}

/** Past this the pool is not on bonk.fun's default LaunchLab config (the market cap is rounded to 0.01 SOL). */
const CURVE_TOLERANCE = 0.02;

/**
 * The curve's virtual reserves from PumpPortal's bonk.fun figures, which carry no
 * vSol/vTokens. The pool amounts themselves are not virtual reserves: copying
 * `solInPool`/`tokensInPool` leaves out the curve's ~30 virtual SOL and prices a fill ~30×
 * too cheap (infinitely cheap on a fresh pool, where solInPool is 0).
 *
 * Priced from LaunchLab's curve, not from `marketCapSol`: `solInPool` is the one figure
 * whose meaning is unambiguous (SOL deposited), the constants are bonk.fun's own config
 * (a fresh pool's `tokensInPool` equals its virtualA to the last digit), the result is
 * exact rather than a price rounded to 0.01 SOL of market cap, and a curve gives the price
 * impact a buy pays. `marketCapSol` is the cross-check: when it disagrees with the curve by
 * more than 2% the pool was made with another LaunchLab config, and its reserves come from
 * `marketCapSol` and `tokensInPool` instead (PumpPortal computes the market cap from the
 * pool's real state). Undefined when the figures price nothing.
 */
export function bonkReserves(figures: BonkPoolFigures): Reserves | undefined {
  const { solInPool, tokensInPool, marketCapSol } = figures;
  const k = invariant(LAUNCHLAB_BONK_INITIAL);
  const mcapPrice = marketCapSol !== undefined && marketCapSol > 0 ? marketCapSol / TOKEN_SUPPLY : undefined;
  if (solInPool !== undefined && solInPool >= 0) {
    const vSol = LAUNCHLAB_BONK_INITIAL.vSol + solInPool;
    const curve = { vSol, vTokens: k / vSol };
    if (mcapPrice === undefined) return curve;
    const curvePrice = curve.vSol / curve.vTokens;
    if (Math.abs(curvePrice - mcapPrice) <= CURVE_TOLERANCE * mcapPrice) return curve;
  }
  if (mcapPrice === undefined) return undefined;
  if (tokensInPool !== undefined && tokensInPool > 0) return { vSol: mcapPrice * tokensInPool, vTokens: tokensInPool };
  return reservesAtPrice(k, mcapPrice);
}
