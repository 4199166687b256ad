import type { Platform } from '../../../shared/domain.js';

export interface BuyOrder {
  attemptId: string;
  mint: string;
  platform: Platform;
  symbol: string;
  solAmount: number;
  /**
   * What the limits reserved for this buy when it was claimed: the most it may take from the
   * wallet. A trader must not sign a transaction that could take more (the execution settings
   * may have changed since the claim).
   */
  maxCostLamports?: bigint;
}

/**
 * Every buy ends in exactly one of three ways. `unknown` is not a failure: the
 * transaction may have landed (sent, then a timeout, a crash or an RPC error), so the
 * coordinator keeps the mint blocked until it is reconciled and never retries blindly.
 */
export type BuyResult =
  | { kind: 'success'; signature: string; solSpent: number; tokens: number }
  | { kind: 'failure'; error: string; signature?: string }
  | { kind: 'unknown'; error: string; signature?: string }
  /** The gate refused the fence (the intent was taken over): nothing was sent. */
  | { kind: 'not-sent'; error: string };

/**
 * Called by the trader with the fence of the signed transaction, right before it sends.
 * The coordinator records the fence in the ledger if the intent is still its own; false
 * means it is not (another instance took it over) and the trader must not send.
 */
export type SendGate = (fence: Fence) => boolean | Promise<boolean>;

/** What is known of a buy whose outcome is unknown. */
export interface ReconcileQuery {
  attemptId: string;
  mint: string;
  /** Where it was bought: a live trader asks that venue to name a landed error's custom code. */
  platform?: Platform;
  solAmount: number;
  at: number;
  /** What was recorded before the send; absent: it was never sent, or sent by a trader without fences. */
  fence?: Fence;
  /** Set when this instance took the intent over from a dead one. */
  adoptedFrom?: string;
}

export type ReconcileResult =
  | { kind: 'landed'; signature: string; solSpent: number; tokens: number }
  | { kind: 'not-landed'; detail: string }
  | { kind: 'still-unknown'; detail: string };

export const exitReasons = ['take-profit', 'stop-loss', 'trailing-stop', 'max-hold', 'manual'] as const;
export type ExitReason = (typeof exitReasons)[number];

/** Sell `tokens` of an open position. One sell of a position at a time (see the ledger's sells). */
export interface SellOrder {
  /** Unique per sell attempt; a retry of a failed sell is a new attempt. */
  sellId: string;
  positionId: string;
  mint: string;
  platform: Platform;
  symbol: string;
  /** Tokens to sell, in whole tokens (raw units / 10^decimals). */
  tokens: number;
  reason: ExitReason;
}

/** The same three endings as a buy: an unknown sell is reconciled before the position is sold again. */
export type SellResult =
  | { kind: 'success'; signature: string; solReceived: number; tokensSold: number }
  | { kind: 'failure'; error: string; signature?: string }
  | { kind: 'unknown'; error: string; signature?: string }
  | { kind: 'not-sent'; error: string };

export interface SellReconcileQuery {
  sellId: string;
  mint: string;
  platform?: Platform;
  tokens: number;
  at: number;
  fence?: Fence;
}

export type SellReconcileResult =
  | { kind: 'landed'; signature: string; solReceived: number; tokensSold: number }
  | { kind: 'not-landed'; detail: string }
  | { kind: 'still-unknown'; detail: string };

export interface Trader {
  readonly mode: 'paper' | 'live';
  /**
   * True when every send is preceded by a fence recorded through the gate: an unknown intent
   * without a fence was then never sent, and is settled as not bought without asking.
   */
  readonly fencesBeforeSend?: boolean;
  /** A trader that signs transactions calls `gate` with their fence before sending, and does not send on false. */
  buy(order: BuyOrder, gate?: SendGate): Promise<BuyResult>;
  /**
   * The most a buy of `solAmount` can take from the wallet (live: amount × (1 + slippage)
   * plus the fee allowance), which the limits reserve while the buy is open. Absent: the amount.
   */
  maxCostSol?(solAmount: number): number;
  /**
   * Asks the chain (or the paper chain) what became of a buy with an unknown outcome. With a
   * fence, `not-landed` may be answered only once the fence can no longer land (the chain
   * is past its last valid block height); before that, `still-unknown`.
   */
  reconcile(query: ReconcileQuery): Promise<ReconcileResult>;
  /** Sells with the same discipline as a buy: the fence goes through `gate` before any send. */
  sell(order: SellOrder, gate?: SendGate): Promise<SellResult>;
  /** What became of a sell with an unknown outcome; the same fence rules as `reconcile`. */
  reconcileSell(query: SellReconcileQuery): Promise<SellReconcileResult>;
}

/**
 * What fences a buy: the signed transaction and the last block height at which it can
 * land. Recorded in the ledger by the owner before it sends; once the chain is past
 * `lastValidBlockHeight` the transaction can never land, so its outcome can be settled
 * from the chain alone. The paper chain keeps the same rules.
 */
export interface Fence {
  signature: string;
  /** The signed transaction, base64, so a reconcile can rebroadcast or inspect it. */
  signedBytes?: string;
  blockhash: string;
  lastValidBlockHeight: number;
}
