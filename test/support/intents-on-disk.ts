import Database from 'better-sqlite3';
import type { PurchaseRecord } from '../../shared/domain.js';
import { dataDirPaths } from '../../electron/core/data-dir-paths.js';
import type { Intent } from '../../electron/core/ledger/intent.js';
import { Ledger } from '../../electron/core/ledger/ledger.js';
import { openLedgerDb } from '../../electron/core/ledger/open-ledger.js';
import { defaultSettings } from '../../shared/settings.js';
import { recordOfRow } from './store-state.js';

/** A ledger opened by a test as one more instance would (its own connection), closed after `fn`. */
export function withLedger<T>(dataDir: string, fn: (ledger: Ledger) => T): T {
  const { killSwitch, limits, blocklist } = defaultSettings();
  const ledger = new Ledger(openLedgerDb(dataDir), { dataDir, instanceId: 'i-test-reader', now: Date.now, initialRules: { killSwitch, limits, blocklist } });
  try {
    return fn(ledger);
  } finally {
    ledger.close();
  }
}

/** The open intents of a data dir as every instance sees them, by mint. */
export function intentsOnDisk(dataDir: string): Record<string, Intent> {
  return withLedger(dataDir, (ledger) => Object.fromEntries(ledger.allIntents().map((i) => [i.mint, i])));
}

/** Every purchase in the ledger, by mint, in the order recorded (read-only, without the app's code). */
export function purchasesOnDisk(dataDir: string): Record<string, PurchaseRecord[]> {
  const db = new Database(dataDirPaths(dataDir).ledger, { readonly: true, fileMustExist: true });
  try {
    const out: Record<string, PurchaseRecord[]> = {};
    const rows = db.prepare('SELECT * FROM purchases ORDER BY id').all() as Record<string, unknown>[];
    for (const r of rows) {
      const record = recordOfRow(r);
      (out[record.mint] ??= []).push(record);
    }
    return out;
  } finally {
    db.close();
  }
}

/** Puts an intent row back as it was (to play a crash between the purchase record and the intent's removal). */
export function putIntentBack(dataDir: string, intent: Intent): void {
  const db = new Database(dataDirPaths(dataDir).ledger, { fileMustExist: true });
  try {
    db.prepare(
      `INSERT INTO intents (mint, attempt_id, symbol, platform, module, sol_amount, instance_id, at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(intent.mint, intent.attemptId, intent.symbol, intent.platform, intent.module, intent.solAmount, intent.instanceId, intent.at, intent.status);
  } finally {
    db.close();
  }
}

/**
 * Makes every `op` on `table` of the ledger fail, for every connection (a trigger is part of
 * the schema), as a full or failing disk would. Returns the undo.
 */
export function failLedgerWrites(dataDir: string, table: 'purchases' | 'intents', op: 'INSERT' | 'UPDATE' | 'DELETE'): () => void {
  const name = `test_fail_${table}_${op.toLowerCase()}`;
  const run = (sql: string) => {
    const db = new Database(dataDirPaths(dataDir).ledger, { fileMustExist: true, timeout: 5_000 });
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };
  run(`CREATE TRIGGER ${name} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated by the test)'); END`);
  return () => run(`DROP TRIGGER IF EXISTS ${name}`);
}

/** Writes purchases straight into the ledger, as an older instance or an import would have. */
export function seedPurchases(dataDir: string, records: PurchaseRecord[]): void {
  withLedger(dataDir, (ledger) => {
    const insert = ledger.db.prepare(
      `INSERT INTO purchases (mint, symbol, platform, module, signature, sol_spent, tokens, at, instance_id, attempt_id, override)
       VALUES (@mint, @symbol, @platform, @module, @signature, @solSpent, @tokens, @at, @instanceId, @attemptId, @override)`,
    );
    ledger.db.transaction(() => {
      for (const r of records) insert.run({ ...r, attemptId: r.attemptId ?? null, override: r.override ?? null });
    })();
  });
}
