import type { PurchaseRecord } from '../../../shared/domain.js';
import type { Intent } from '../ledger/intent.js';

export interface Fill {
  signature: string;
  solSpent: number;
  tokens: number;
}

/** The history line for a claimed buy that landed, whoever learned it (the buyer or a reconcile). */
export function purchaseRecordOf(intent: Intent, fill: Fill, at: number, recordedBy: string): PurchaseRecord {
  return {
    mint: intent.mint,
    symbol: intent.symbol,
    platform: intent.platform,
    module: intent.module,
    signature: fill.signature,
    solSpent: fill.solSpent,
    tokens: fill.tokens,
    at,
    instanceId: recordedBy,
    attemptId: intent.attemptId,
    ...(intent.override ? { override: intent.override } : {}),
  };
}
