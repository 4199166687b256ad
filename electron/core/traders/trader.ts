import type { Platform } from '../../../shared/domain.js';

export interface BuyOrder {
  attemptId: string;
  mint: string;
  platform: Platform;
  symbol: string;
  solAmount: number;
}

/**
 * Every buy ends in exactly one of three ways. `unknown` is not a failure: the
 * transaction may have landed (sent, then a timeout, a crash or an RPC error), so the
 * coordinator keeps the mint blocked until it is reconciled and never retries blindly.
 */
export type BuyResult =
  | { kind: 'success'; signature: string; solSpent: number; tokens: number }
  | { kind: 'failure'; error: string; signature?: string }
  | { kind: 'unknown'; error: string; signature?: string; lastValidBlockHeight?: number };

/** What is known of a buy whose outcome is unknown. */
export interface ReconcileQuery {
  attemptId: string;
  mint: string;
  solAmount: number;
  at: number;
  signature?: string;
  lastValidBlockHeight?: number;
}

export type ReconcileResult =
  | { kind: 'landed'; signature: string; solSpent: number; tokens: number }
  | { kind: 'not-landed'; detail: string }
  | { kind: 'still-unknown'; detail: string };

export interface Trader {
  readonly mode: 'paper' | 'live';
  buy(order: BuyOrder): Promise<BuyResult>;
  /** Asks the chain (or the paper ledger) what became of a buy with an unknown outcome. */
  reconcile(query: ReconcileQuery): Promise<ReconcileResult>;
}
