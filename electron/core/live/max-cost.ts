import type { Execution } from '../../../shared/settings.js';
import { lamportsToSol, solToLamports } from './lamports.js';
import { priorityFeeLamports } from './priority-fee.js';

/** The network fee of one signature. */
export const SIGNATURE_FEE_LAMPORTS = 5_000n;
/** Rent of one token account (165 bytes), the size of the user's associated token account. */
export const TOKEN_ACCOUNT_RENT_LAMPORTS = 2_039_280n;
/**
 * Rent a first buy may pay beyond the trade: the user's token account, and one more account
 * of about that size that a venue may open for the user (pump.fun's per-user volume
 * accumulator). Both are charged to the wallet by the buy transaction itself.
 */
export const RENT_ALLOWANCE_LAMPORTS = 2n * TOKEN_ACCOUNT_RENT_LAMPORTS;

/**
 * The most one buy of `solAmount` can take from the wallet, which the limits reserve:
 * the trade at its slippage bound, amount × (1 + slippage) (pump.fun's max_sol_cost), plus
 * the allowance: one signature's fee, the priority fee at its cap (compute unit limit ×
 * cap), and the rent allowance above. Whole lamports, rounded up.
 */
export function maxCostLamports(solAmount: number, execution: Execution): bigint {
  const atBound = tradeBoundLamports(solAmount, execution);
  const allowance = SIGNATURE_FEE_LAMPORTS + priorityFeeLamports(execution.computeUnitLimit, BigInt(execution.priorityFee.capMicroLamports)) + RENT_ALLOWANCE_LAMPORTS;
  return atBound + allowance;
}

/**
 * The trade's part of the maximum: amount × (1 + slippage), rounded up. A venue's plan whose
 * instructions could take more (its `maxSolCostLamports`) is not sent: the limits reserved
 * only this much.
 */
export function tradeBoundLamports(solAmount: number, execution: Execution): bigint {
  const trade = solToLamports(solAmount);
  // Slippage in 0.1 % steps: per-mille keeps it integer.
  const slippagePerMille = BigInt(Math.round(execution.slippagePct * 10));
  return (trade * (1_000n + slippagePerMille) + 999n) / 1_000n;
}

export function maxCostSol(solAmount: number, execution: Execution): number {
  return lamportsToSol(maxCostLamports(solAmount, execution));
}
