import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PurchaseRecord } from '../../shared/domain.js';

export interface StoredIntent {
  mint: string;
  attemptId: string;
  instanceId: string;
  status: string;
}

/** The purchase history and open intents of a data dir, read from outside the engine. */
export interface StoreState {
  history: PurchaseRecord[];
  intents: StoredIntent[];
}

/**
 * Reads `<data-dir>/ledger.sqlite` with plain SQL on a read-only connection of its own,
 * without the app's code: the judge must not share the code it judges. Safe while
 * instances write (WAL: a reader sees the last commit and blocks nobody). No ledger yet:
 * nothing bought, nothing claimed.
 */
export function readStoreState(dataDir: string): StoreState {
  const file = path.join(dataDir, 'ledger.sqlite');
  if (!fs.existsSync(file)) return { history: [], intents: [] };
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    return db.transaction(() => {
      const purchases = db.prepare('SELECT * FROM purchases ORDER BY id').all() as Record<string, unknown>[];
      const intents = db.prepare('SELECT mint, attempt_id, instance_id, status FROM intents').all() as Record<string, string>[];
      return {
        history: purchases.map(recordOfRow),
        intents: intents.map((r) => ({ mint: r.mint!, attemptId: r.attempt_id!, instanceId: r.instance_id!, status: r.status! })),
      };
    })();
  } finally {
    db.close();
  }
}

/** A `purchases` row as the app's record, mapped here by hand (see readStoreState). */
export function recordOfRow(r: Record<string, unknown>): PurchaseRecord {
  return {
    mint: r.mint,
    symbol: r.symbol,
    platform: r.platform,
    module: r.module,
    signature: r.signature,
    solSpent: r.sol_spent,
    tokens: r.tokens,
    at: r.at,
    instanceId: r.instance_id,
    ...(r.attempt_id !== null ? { attemptId: r.attempt_id } : {}),
    ...(r.override !== null ? { override: r.override } : {}),
  } as PurchaseRecord;
}
