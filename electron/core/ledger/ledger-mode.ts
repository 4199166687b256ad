import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { TradingMode } from '../../../shared/settings.js';
import { dataDirPaths } from '../data-dir-paths.js';
import type { LedgerDb } from './open-ledger.js';

/**
 * A paper ledger opened for live trading, or the other way round. Not damage: the file is
 * fine and left alone; the trader picked the wrong data dir.
 */
export class LedgerModeError extends Error {
  override name = 'LedgerModeError';
  constructor(
    readonly dataDir: string,
    readonly found: TradingMode,
    readonly wanted: TradingMode,
  ) {
    super(
      `${dataDirPaths(dataDir).ledger} holds ${found} trading and this run is ${wanted} trading: paper and live history are ` +
        `never mixed (a paper purchase would block a real buy, and real ones would count as paper). ` +
        (wanted === 'live'
          ? 'Give live trading a data dir of its own: leave out --data-dir (the default is <app data>/live) or name an empty or live one'
          : 'Leave out --data-dir (the default is <app data>/paper) or name a paper one'),
    );
  }
}

/** The mode written in the ledger (migration 3); a row missing would mean a ledger this app did not write. */
export function ledgerMode(db: LedgerDb): TradingMode {
  const value = db.prepare("SELECT value FROM ledger_meta WHERE key = 'mode'").pluck().get();
  if (value !== 'paper' && value !== 'live') throw new Error(`the ledger's mode is ${JSON.stringify(value ?? null)}, neither paper nor live`);
  return value;
}

/** Marks a ledger being created: only on the new file, before it is linked into place. */
export function markLedgerMode(db: LedgerDb, mode: TradingMode): void {
  db.prepare("UPDATE ledger_meta SET value = ? WHERE key = 'mode'").run(mode);
}

/** Throws LedgerModeError unless the ledger is for `mode`. */
export function assertLedgerMode(db: LedgerDb, dataDir: string, mode: TradingMode): void {
  const found = ledgerMode(db);
  if (found !== mode) throw new LedgerModeError(dataDir, found, mode);
}

/**
 * The mode of the data dir's ledger before anything is started, read-only (no migration, no
 * creation): undefined when there is no ledger yet; a ledger older than migration 3 is paper.
 * Throws only on a file it cannot read at all; the full checks are openLedgerDb's.
 */
export function readLedgerMode(dataDir: string): TradingMode | undefined {
  const file = dataDirPaths(dataDir).ledger;
  if (!fs.existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_meta'").pluck().get() !== undefined;
    return hasMeta ? ledgerMode(db) : 'paper';
  } finally {
    db.close();
  }
}
