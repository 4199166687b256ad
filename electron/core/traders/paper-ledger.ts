import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dataDirPaths } from '../data-dir-paths.js';
import { systemClock, type Clock } from '../time/clock.js';

export interface PaperFill {
  attemptId: string;
  mint: string;
  signature: string;
  solSpent: number;
  tokens: number;
  at: number;
  instanceId: string;
  /** The paper chain's block height when it landed. */
  height: number;
}

/** Solana's slot time, roughly; a blockhash is valid for 150 blocks (about a minute). */
export const PAPER_BLOCK_MS = 400;
export const PAPER_BLOCKHASH_VALID_BLOCKS = 150;

export type Settlement = { kind: 'landed'; fill: PaperFill } | { kind: 'expired'; height: number } | { kind: 'pending'; height: number };

/** Buys and sells land in tables of their own (a sell's `solSpent` is the SOL it received), with the same rules. */
export type PaperSide = 'buy' | 'sell';
const TABLES: Record<PaperSide, string> = { buy: 'txs', sell: 'sell_txs' };

/**
 * The paper trader's chain: what landed, for every instance on a data dir, in
 * paper-ledger/chain.sqlite — outside the app's ledger on purpose: it plays the blockchain,
 * the independent truth the tests check the ledger against. Its block height follows the
 * clock (one block per 400 ms); like Solana it refuses a transaction past its last valid
 * block height.
 *
 * Each transaction is one row keyed by its signature, either `landed` or `expired`. A
 * landing and an expiry verdict race through that one key, so whichever is first stands:
 * a sender frozen between its height check and its write (SIGSTOP, a laptop lid) can no
 * longer land once a reconcile has declared the transaction expired, and a reconcile
 * cannot declare expired what has landed. SQLite is used for that atomicity; WAL with
 * synchronous=NORMAL survives a crash of any process, which is what the simulation needs.
 */
export class PaperLedger {
  private db: Database.Database | undefined;
  private readonly clock: Clock;

  constructor(
    private readonly dataDir: string,
    private readonly instanceId: string,
    clock: Clock = systemClock,
  ) {
    this.clock = clock;
  }

  height(): number {
    return Math.floor(this.clock.now() / PAPER_BLOCK_MS);
  }

  /** Lands a sent transaction unless it expired (or was declared expired). False: refused, nothing landed. */
  land(fill: Omit<PaperFill, 'height' | 'instanceId'>, lastValidBlockHeight: number, side: PaperSide = 'buy'): boolean {
    const db = this.open();
    const table = TABLES[side];
    return db
      .transaction(() => {
        const height = this.height();
        if (height > lastValidBlockHeight) return false;
        const inserted = db
          .prepare(
            `INSERT INTO ${table} (signature, status, attempt_id, mint, sol_spent, tokens, at, height, instance_id)
             VALUES (?, 'landed', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (signature) DO NOTHING`,
          )
          .run(fill.signature, fill.attemptId, fill.mint, fill.solSpent, fill.tokens, fill.at, height, this.instanceId);
        if (inserted.changes === 1) return true;
        // The same signature again: landed already (a resend of the one transaction), or expired.
        const existing = db.prepare(`SELECT status, attempt_id FROM ${table} WHERE signature = ?`).get(fill.signature) as { status: string; attempt_id: string };
        return existing.status === 'landed' && existing.attempt_id === fill.attemptId;
      })
      .immediate();
  }

  findFill(attemptId: string, side: PaperSide = 'buy'): PaperFill | undefined {
    const row = this.open().prepare(`SELECT * FROM ${TABLES[side]} WHERE attempt_id = ? AND status = 'landed' LIMIT 1`).get(attemptId) as TxRow | undefined;
    return row ? fillOf(row) : undefined;
  }

  /**
   * What became of a sent transaction: landed; expired (the chain is past its last valid
   * block height and it has not landed — recorded, so it can never land afterwards); or
   * pending (it may still land).
   */
  settle(attemptId: string, signature: string, lastValidBlockHeight: number, side: PaperSide = 'buy'): Settlement {
    const db = this.open();
    const table = TABLES[side];
    return db
      .transaction((): Settlement => {
        const height = this.height();
        const landed = db.prepare(`SELECT * FROM ${table} WHERE attempt_id = ? AND status = 'landed' LIMIT 1`).get(attemptId) as TxRow | undefined;
        if (landed) return { kind: 'landed', fill: fillOf(landed) };
        if (height <= lastValidBlockHeight) return { kind: 'pending', height };
        db.prepare(
          `INSERT INTO ${table} (signature, status, attempt_id, mint, sol_spent, tokens, at, height, instance_id)
           VALUES (?, 'expired', ?, '', 0, 0, ?, ?, ?) ON CONFLICT (signature) DO NOTHING`,
        ).run(signature, attemptId, this.clock.now(), height, this.instanceId);
        return { kind: 'expired', height };
      })
      .immediate();
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  private open(): Database.Database {
    if (this.db) return this.db;
    const dir = dataDirPaths(this.dataDir).paperLedgerDir;
    fs.mkdirSync(dir, { recursive: true });
    const db = new Database(path.join(dir, 'chain.sqlite'), { timeout: 5_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    for (const table of Object.values(TABLES)) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
        signature TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('landed', 'expired')),
        attempt_id TEXT NOT NULL,
        mint TEXT NOT NULL,
        sol_spent REAL NOT NULL,
        tokens REAL NOT NULL,
        at INTEGER NOT NULL,
        height INTEGER NOT NULL,
        instance_id TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${table}_by_attempt ON ${table} (attempt_id)`);
    }
    this.db = db;
    return db;
  }
}

interface TxRow {
  signature: string;
  attempt_id: string;
  mint: string;
  sol_spent: number;
  tokens: number;
  at: number;
  height: number;
  instance_id: string;
}

function fillOf(row: TxRow): PaperFill {
  return {
    attemptId: row.attempt_id,
    mint: row.mint,
    signature: row.signature,
    solSpent: row.sol_spent,
    tokens: row.tokens,
    at: row.at,
    instanceId: row.instance_id,
    height: row.height,
  };
}

/** Every buy (or, with `side`, sell: `solSpent` is then the SOL received) that landed on a data dir's paper chain, in landing order. */
export function readAllFills(ledgerDir: string, side: PaperSide = 'buy'): PaperFill[] {
  const file = path.join(ledgerDir, 'chain.sqlite');
  if (!fs.existsSync(file)) return [];
  const db = new Database(file, { readonly: true, timeout: 5_000 });
  try {
    // A chain another process is creating right now may not have its table yet: nothing landed.
    const table = TABLES[side];
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) === undefined) return [];
    return (db.prepare(`SELECT * FROM ${table} WHERE status = 'landed' ORDER BY rowid`).all() as TxRow[]).map(fillOf);
  } finally {
    db.close();
  }
}
