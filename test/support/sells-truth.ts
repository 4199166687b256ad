import path from 'node:path';
import Database from 'better-sqlite3';
import { dataDirPaths } from '../../electron/core/data-dir-paths.js';
import { readAllFills } from '../../electron/core/traders/paper-ledger.js';

/**
 * The sells of a data dir set against the paper chain's sells table (what "really" sold):
 * a sell the chain has and the ledger does not record sold is lost; one the ledger records
 * sold and the chain never saw is made up; a position with more than one sold sell of all
 * its tokens, or more sold than bought, was sold twice.
 */
export interface SellsCounts {
  /** Sells that landed on the paper chain. */
  chainSells: number;
  /** Sells the ledger records sold. */
  soldSells: number;
  lostSells: number;
  phantomSells: number;
  /** Positions sold for more tokens than they bought (a second sale of the same tokens). */
  oversold: number;
  /** Sells still in the air or unknown. */
  openSells: number;
  /** Positions the ledger shows closed with tokens, or open with none: its own books disagree. */
  inconsistentPositions: number;
  failedSells: number;
  /** Sold by another instance than the one that bought the position. */
  soldByAnotherInstance: number;
  sellingInstances: number;
  positions: number;
}

export function countSells(dataDir: string): SellsCounts {
  const db = new Database(dataDirPaths(dataDir).ledger, { readonly: true });
  try {
    const sells = db.prepare('SELECT sell_id, position_id, instance_id, status, tokens_sold FROM sells').all() as {
      sell_id: string;
      position_id: number;
      instance_id: string;
      status: string;
      tokens_sold: number | null;
    }[];
    const positions = db
      .prepare('SELECT p.id, p.tokens_bought, p.tokens_held, p.status, u.instance_id AS buyer FROM positions p JOIN purchases u ON u.id = p.purchase_id')
      .all() as { id: number; tokens_bought: number; tokens_held: number; status: string; buyer: string }[];
    const chain = new Set(readAllFills(path.join(dataDir, 'paper-ledger'), 'sell').map((f) => f.attemptId));
    const sold = sells.filter((s) => s.status === 'sold');
    const soldIds = new Set(sold.map((s) => s.sell_id));
    const byId = new Map(positions.map((p) => [p.id, p]));
    const soldTokens = new Map<number, number>();
    for (const s of sold) soldTokens.set(s.position_id, (soldTokens.get(s.position_id) ?? 0) + (s.tokens_sold ?? 0));
    return {
      chainSells: chain.size,
      soldSells: sold.length,
      lostSells: [...chain].filter((id) => !soldIds.has(id)).length,
      phantomSells: sold.filter((s) => !chain.has(s.sell_id)).length,
      oversold: [...soldTokens].filter(([id, tokens]) => tokens > (byId.get(id)?.tokens_bought ?? 0) * (1 + 1e-9)).length,
      openSells: sells.filter((s) => s.status === 'in-flight' || s.status === 'unknown').length,
      inconsistentPositions: positions.filter((p) => (p.status === 'closed') !== (p.tokens_held === 0) || Math.abs(p.tokens_bought - (soldTokens.get(p.id) ?? 0) - p.tokens_held) > p.tokens_bought * 1e-9)
        .length,
      failedSells: sells.filter((s) => s.status === 'failed').length,
      soldByAnotherInstance: sold.filter((s) => byId.get(s.position_id)?.buyer !== s.instance_id).length,
      sellingInstances: new Set(sold.map((s) => s.instance_id)).size,
      positions: positions.length,
    };
  } finally {
    db.close();
  }
}
