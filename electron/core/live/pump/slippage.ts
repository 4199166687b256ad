/**
 * Slippage for the pump.fun SDKs: a percent in 0.1 steps (the curve SDK keeps floor(pct × 10)
 * tenths, so 1.05 would silently become 1.0). Anything else is refused rather than rounded.
 */
export const MAX_SLIPPAGE_PCT = 100;

export function checkedSlippagePct(pct: number): number {
  if (!Number.isFinite(pct) || pct < 0 || pct > MAX_SLIPPAGE_PCT) {
    throw new Error(`slippage must be a percent between 0 and ${MAX_SLIPPAGE_PCT}, got ${pct}`);
  }
  const tenths = Math.round(pct * 10);
  if (Math.abs(pct * 10 - tenths) > 1e-9) throw new Error(`slippage must be in 0.1% steps, got ${pct}`);
  return tenths / 10;
}
