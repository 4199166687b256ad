/**
 * The launchpads' bonding curves as constant products over virtual reserves, in whole
 * SOL and whole tokens (both mint 1B tokens with 6 decimals). A curve's price after any
 * trade is vSol / vTokens with vSol · vTokens = k, which is what lets the paper trader
 * fill with the price impact a real buy has.
 */
export interface Reserves {
  vSol: number;
  vTokens: number;
}

export const TOKEN_SUPPLY = 1e9;

/** pump.fun's global config: the reserves every curve starts from. */
export const PUMP_INITIAL: Reserves = { vSol: 30, vTokens: 1_073_000_000 };

/**
 * bonk.fun's LaunchLab config (Raydium LaunchLab, program LanMV9sA…): supply 1e15 raw,
 * totalSellA 793.1e12 raw, totalFundRaisingB 85 SOL, nothing locked, migrate fee 0. The
 * initial virtual reserves follow from Raydium's `getInitParam` for the constant-product
 * curve (x0 = (F·S²/R) / (F·S/R − F), y0 = F² / (F·S/R − F) with S sold, R = supply − S,
 * F raised), computed in integers: virtualA = 1 073 025 605.596382 tokens,
 * virtualB = 30.000852951 SOL. The pool's state is then
 * (virtualB + realB) · (virtualA − realA) = virtualA · virtualB.
 */
export const LAUNCHLAB_BONK_INITIAL: Reserves = { vSol: 30.000852951, vTokens: 1_073_025_605.596382 };

export function invariant(r: Reserves): number {
  return r.vSol * r.vTokens;
}

/**
 * The reserves on a curve with invariant `k` where a token costs `priceSol`: a spot price
 * (a DexScreener quote, a market cap) placed back on the curve it came from, so a paper
 * buy also pays the curve's price impact instead of filling everything at the spot price.
 */
export function reservesAtPrice(k: number, priceSol: number): Reserves | undefined {
  if (!(k > 0) || !(priceSol > 0) || !Number.isFinite(priceSol)) return undefined;
  return { vSol: Math.sqrt(k * priceSol), vTokens: Math.sqrt(k / priceSol) };
}
