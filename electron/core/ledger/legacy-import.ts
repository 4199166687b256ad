import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { PurchaseRecord } from '../../../shared/domain.js';
import { keepAside } from '../store/unreadable-store.js';
import { findLegacyFiles, LegacyFileError, readLegacyHistory, readLegacyJournal, sha256, type LegacyIntent } from './legacy-import-files.js';

export interface LegacyImportReport {
  /** Files read this time (a file imported before and unchanged is not read again). */
  files: string[];
  purchasesAdded: number;
  /** Already in the ledger (imported before, or the same purchase in two files). */
  purchasesPresent: number;
  intentsAdded: number;
  skippedEntries: number;
  platformGuessed: number;
}

/**
 * Which legacy files were imported, with their size, mtime and content hash, in the same
 * transaction as what they held: a crash mid-import leaves neither, a second start skips
 * what is unchanged with one stat per file. Created here, beside the ledger's own tables,
 * because only the import reads or writes it.
 */
const MARKER_TABLE = `CREATE TABLE IF NOT EXISTS legacy_imports (
  file TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  purchases INTEGER NOT NULL,
  intents INTEGER NOT NULL,
  imported_at INTEGER NOT NULL
)`;

/**
 * Imports the history and open claims of an earlier version's data dir into the ledger,
 * idempotently, the originals left as they are. Purchases are keyed by attempt id (derived
 * from the content where a file has none) and a mint the ledger already holds with the
 * same signature is not added again. Open claims of the old journal come in as `unknown`
 * under their old owner, who is not running: the reconcile adopts and settles them like
 * any dead instance's. The journal is imported once: after that the ledger owns the claims.
 *
 * A file that cannot be understood stops the import before anything is written (a copy
 * kept in unreadable/): LegacyFileError, and buying must be refused.
 */
export function importLegacyFiles(db: Database.Database, dataDir: string, now: () => number = Date.now): LegacyImportReport {
  const report: LegacyImportReport = { files: [], purchasesAdded: 0, purchasesPresent: 0, intentsAdded: 0, skippedEntries: 0, platformGuessed: 0 };
  const { histories, journal } = findLegacyFiles(dataDir);
  if (histories.length === 0 && journal === undefined) return report;
  db.exec(MARKER_TABLE);
  const marked = db.prepare('SELECT size, mtime_ms, sha256 FROM legacy_imports WHERE file = ?');
  const changed = (file: string) => {
    const stat = fs.statSync(file);
    const row = marked.get(path.basename(file)) as { size: number; mtime_ms: number; sha256: string } | undefined;
    return !row || row.size !== stat.size || row.mtime_ms !== Math.trunc(stat.mtimeMs);
  };

  // Read and check everything first: one bad file and nothing is written.
  const toImport: { file: string; bytes: Buffer; purchases: PurchaseRecord[]; intents: LegacyIntent[] }[] = [];
  for (const file of [...histories, ...(journal ? [journal] : [])]) {
    if (!changed(file)) continue;
    const isJournal = file === journal;
    // The journal is the old instances' claims as they stood when the ledger took over.
    if (isJournal && marked.get(path.basename(file))) continue;
    const bytes = fs.readFileSync(file);
    try {
      if (isJournal) {
        toImport.push({ file, bytes, purchases: [], intents: readLegacyJournal(file, bytes) });
      } else {
        const history = readLegacyHistory(file, bytes);
        report.skippedEntries += history.skipped;
        report.platformGuessed += history.platformGuessed;
        toImport.push({ file, bytes, purchases: history.purchases, intents: [] });
      }
    } catch (error) {
      if (error instanceof LegacyFileError) keepAside(file, dataDir, now());
      throw error;
    }
  }
  if (toImport.length === 0) return report;

  const insertPurchase = db.prepare(
    `INSERT INTO purchases (mint, symbol, platform, module, signature, sol_spent, tokens, at, instance_id, attempt_id, override)
     SELECT @mint, @symbol, @platform, @module, @signature, @solSpent, @tokens, @at, @instanceId, @attemptId, @override
     WHERE NOT EXISTS (SELECT 1 FROM purchases WHERE mint = @mint AND (signature = @signature OR @fromOriginalBot))
     ON CONFLICT (attempt_id) DO NOTHING`,
  );
  const insertIntent = db.prepare(
    `INSERT INTO intents (mint, attempt_id, symbol, platform, module, sol_amount, instance_id, at, status, detail, override, signature)
     VALUES (@mint, @attemptId, @symbol, @platform, @module, @solAmount, @instanceId, @at, 'unknown', @detail, @override, @signature)
     ON CONFLICT DO NOTHING`,
  );
  const mark = db.prepare(
    `INSERT OR REPLACE INTO legacy_imports (file, size, mtime_ms, sha256, purchases, intents, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const importAll = db.transaction(() => {
    for (const { file, bytes, purchases, intents } of toImport) {
      let added = 0;
      for (const r of purchases) {
        const fromOriginalBot = r.instanceId === 'legacy-import' ? 1 : 0;
        const changes = insertPurchase.run({ ...r, attemptId: r.attemptId ?? null, override: r.override ?? null, fromOriginalBot }).changes;
        added += changes;
        if (changes === 0) report.purchasesPresent += 1;
      }
      let claims = 0;
      for (const i of intents) {
        claims += insertIntent.run({
          ...i,
          detail: i.detail ?? `open claim imported from ${path.basename(file)} of an earlier version (it was ${i.status})`,
          override: i.override ?? null,
          signature: i.signature ?? null,
        }).changes;
      }
      const stat = fs.statSync(file);
      mark.run(path.basename(file), stat.size, Math.trunc(stat.mtimeMs), sha256(bytes), added, claims, now());
      report.files.push(path.basename(file));
      report.purchasesAdded += added;
      report.intentsAdded += claims;
    }
  });
  importAll.immediate();
  return report;
}
