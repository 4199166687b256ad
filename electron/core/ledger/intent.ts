import type { Override, Platform, Requester } from '../../../shared/domain.js';
import type { Fence } from '../traders/trader.js';

/**
 * A buy that was claimed and not yet resolved: one row per mint in the ledger, across all
 * instances. Written before the buy is sent; removed when the outcome is known.
 */
export interface Intent {
  attemptId: string;
  mint: string;
  symbol: string;
  platform: Platform;
  module: Requester;
  solAmount: number;
  /**
   * The most this buy can take from the wallet (live: amount × (1 + slippage) plus fees;
   * paper: the amount), reserved against the limits while the intent is open.
   */
  maxCostSol?: number;
  instanceId: string;
  at: number;
  /** in-flight: the owner is buying now; unknown: maybe sent, outcome not known, never retried blindly. */
  status: 'in-flight' | 'unknown';
  detail?: string;
  override?: Override;
  /** The transaction's signature when one is known (from the fence, or the trader's answer). */
  signature?: string;
  /** What fences the buy: recorded by the owner before it sends (see Fence). */
  fence?: Fence;
  /** Set when a live instance took over the intent of a dead one to reconcile it. */
  adoptedFrom?: string;
  takenOverAt?: number;
}
