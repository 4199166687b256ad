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

const U64_MAX = 2n ** 64n - 1n;

/** A lamport or raw-token amount the program's u64 arguments can carry, refused otherwise (anchor's encoder would throw an unreadable range error). */
export function checkedAmount(value: bigint, what: string): bigint {
  if (typeof value !== 'bigint' || value <= 0n) throw new Error(`${what} must be a positive whole number, got ${String(value)}`);
  if (value > U64_MAX) throw new Error(`${what} ${value} is more than a u64 can hold`);
  return value;
}
