import type { Execution } from '../../../shared/settings.js';

/** The share of recent slots whose minimum fee we match or beat (75th percentile). */
export const PRIORITY_FEE_PERCENTILE = 0.75;

/**
 * The compute-unit price of a transaction, in micro-lamports per unit. Fixed: the setting.
 * Dynamic: the 75th percentile of the recent per-slot fees for the accounts the trade
 * locks (getRecentPrioritizationFees), never above the cap; with no recent fees (or the
 * RPC could not say), the fixed value stands in, capped too. The cap is hard: a fee spike
 * cannot make one buy pay more than computeUnitLimit × cap in priority.
 */
export function computeUnitPrice(execution: Execution, recentFees: readonly number[] | undefined): bigint {
  const { mode, microLamports, capMicroLamports } = execution.priorityFee;
  const cap = BigInt(capMicroLamports);
  const capped = (value: bigint) => (value > cap ? cap : value);
  if (mode === 'fixed' || !recentFees || recentFees.length === 0) return capped(BigInt(microLamports));
  const sorted = [...recentFees].filter((f) => Number.isFinite(f) && f >= 0).sort((a, b) => a - b);
  if (sorted.length === 0) return capped(BigInt(microLamports));
  const index = Math.min(sorted.length - 1, Math.ceil(PRIORITY_FEE_PERCENTILE * sorted.length) - 1);
  return capped(BigInt(Math.ceil(sorted[Math.max(0, index)]!)));
}

/** The most a transaction pays in priority fee at this price: ceil(limit × price / 10^6) lamports. */
export function priorityFeeLamports(computeUnitLimit: number, microLamportsPerUnit: bigint): bigint {
  return (BigInt(computeUnitLimit) * microLamportsPerUnit + 999_999n) / 1_000_000n;
}
