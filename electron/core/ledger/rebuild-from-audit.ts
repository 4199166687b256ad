import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { AuditLine, Platform } from '../../../shared/domain.js';
import { readAllFills, type PaperFill } from '../traders/paper-ledger.js';
import { findLegacyFiles, readLegacyHistory } from './legacy-import-files.js';

/**
 * The audit log (audit/<instanceId>.jsonl) explains every decision, purchases included.
 * It is not the history — it is not fsynced and carries no amounts — but when the ledger
 * is gone it is what is left: a missing ledger beside an audit that shows purchases is a
 * lost ledger, never a fresh start (starting empty would buy every one of them again).
 */
export const REBUILD_COMMAND = 'npm run serve -- --data-dir <dir> --rebuild-from-audit';

export class LostLedgerError extends Error {
  override name = 'LostLedgerError';
  constructor(
    readonly dataDir: string,
    readonly purchasesInAudit: number,
    readonly notInOtherFiles: number,
  ) {
    super(
      `ledger.sqlite is missing, but the audit log in ${dataDir} shows ${purchasesInAudit} purchases` +
        (notInOtherFiles < purchasesInAudit ? ` (${notInOtherFiles} of them in no history file here)` : '') +
        '. This is not a fresh start, so no empty ledger was created and buying is refused. Restore ledger.sqlite ' +
        `from a backup, or rebuild it from the audit log (and the paper chain) with: ${REBUILD_COMMAND.replace('<dir>', dataDir)}`,
    );
  }
}

interface AuditedPurchase {
  line: AuditLine;
  fill: PaperFill | undefined;
}

/** Every audit line of the data dir, in time order; a line a crash cut short is skipped. */
export function readAuditLines(dataDir: string): AuditLine[] {
  const dir = path.join(dataDir, 'audit');
  if (!fs.existsSync(dir)) return [];
  const lines: AuditLine[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for (const text of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      if (!text.trim()) continue;
      try {
        const line = JSON.parse(text) as AuditLine;
        if (typeof line.mint === 'string' && typeof line.outcome === 'string') lines.push(line);
      } catch {
        // torn by a crash mid-write: never acted on
      }
    }
  }
  return lines.sort((a, b) => a.ts - b.ts);
}

function isPurchase(line: AuditLine): boolean {
  return line.outcome === 'bought' || line.outcome === 'reconciled-bought';
}

/**
 * Refuses a lost ledger: when there is no ledger.sqlite yet the audit shows purchases that
 * no history file of an earlier version (to be imported) holds. Call before the ledger is
 * created. A data dir of an earlier version with its history files is an import, not a loss.
 */
export function refuseLostLedger(dataDir: string): void {
  if (fs.existsSync(path.join(dataDir, 'ledger.sqlite'))) return;
  const purchases = readAuditLines(dataDir).filter(isPurchase);
  if (purchases.length === 0) return;
  const known = new Set<string>();
  for (const file of findLegacyFiles(dataDir).histories) {
    try {
      for (const r of readLegacyHistory(file).purchases) known.add(r.mint);
    } catch {
      // An unreadable history file is refused by the import itself, with its own reason.
    }
  }
  const mints = new Set(purchases.map((l) => l.mint));
  const missing = [...mints].filter((m) => !known.has(m)).length;
  if (missing > 0) throw new LostLedgerError(dataDir, mints.size, missing);
}

export interface RebuildReport {
  purchases: number;
  /** Of those, found only on the paper chain (the buy landed; its outcome never reached the audit). */
  fromPaperChainOnly: number;
  /** Purchases whose amount is not known (no fill to take it from). */
  withoutAmount: number;
  /** Unknown outcomes never reconciled: kept blocked as unknown intents. */
  unknownIntents: number;
}

/**
 * Fills an empty ledger from the audit log, joined with the paper chain's fills for the
 * amounts: every bought and reconciled-bought line becomes a purchase, every fill on the
 * paper chain that no line accounts for too (it landed), and every unknown outcome never
 * reconciled becomes an unknown intent of its (dead) instance, so it stays blocked until a
 * reconcile settles it. One transaction: all or nothing.
 */
export function rebuildFromAudit(db: Database.Database, dataDir: string): RebuildReport {
  const lines = readAuditLines(dataDir);
  const fills = new Map(readAllFills(path.join(dataDir, 'paper-ledger')).map((f) => [f.attemptId, f]));
  const purchases = new Map<string, AuditedPurchase>();
  const settled = new Set<string>();
  const unknown = new Map<string, AuditLine>();
  for (const line of lines) {
    const key = line.attemptId ?? `${line.mint}|${line.ts}`;
    if (isPurchase(line)) purchases.set(key, { line, fill: fills.get(key) });
    if (line.outcome === 'unknown') unknown.set(key, line);
    if (isPurchase(line) || line.outcome === 'reconciled-not-bought' || line.outcome === 'failed') settled.add(key);
  }
  const report: RebuildReport = { purchases: 0, fromPaperChainOnly: 0, withoutAmount: 0, unknownIntents: 0 };
  const insertPurchase = db.prepare(
    `INSERT INTO purchases (mint, symbol, platform, module, signature, sol_spent, tokens, at, instance_id, attempt_id, override)
     VALUES (@mint, '', @platform, @module, @signature, @solSpent, @tokens, @at, @instanceId, @attemptId, @override)
     ON CONFLICT (attempt_id) DO NOTHING`,
  );
  const insertIntent = db.prepare(
    `INSERT INTO intents (mint, attempt_id, symbol, platform, module, sol_amount, instance_id, at, status, detail, signature)
     VALUES (@mint, @attemptId, '', @platform, @module, @solAmount, @instanceId, @at, 'unknown', @detail, @signature)
     ON CONFLICT DO NOTHING`,
  );
  const moduleOfAttempt = new Map(lines.map((l) => [l.attemptId, l.module]));
  db.transaction(() => {
    for (const [attemptId, { line, fill }] of purchases) {
      const changes = insertPurchase.run({
        mint: line.mint,
        platform: platformGuess(line.mint),
        module: line.module,
        signature: line.signature ?? fill?.signature ?? 'rebuilt-from-audit',
        solSpent: fill?.solSpent ?? 0,
        tokens: fill?.tokens ?? 0,
        at: Math.trunc(line.ts),
        instanceId: line.instanceId,
        attemptId,
        override: line.override ?? null,
      }).changes;
      report.purchases += changes;
      if (changes === 1 && !fill) report.withoutAmount += 1;
    }
    for (const fill of fills.values()) {
      if (purchases.has(fill.attemptId)) continue;
      // A fill whose attempt the audit settled otherwise cannot be: the chain is the truth.
      const changes = insertPurchase.run({
        mint: fill.mint,
        platform: platformGuess(fill.mint),
        module: moduleOfAttempt.get(fill.attemptId) ?? 'manual',
        signature: fill.signature,
        solSpent: fill.solSpent,
        tokens: fill.tokens,
        at: Math.trunc(fill.at),
        instanceId: fill.instanceId,
        attemptId: fill.attemptId,
        override: null,
      }).changes;
      report.purchases += changes;
      report.fromPaperChainOnly += changes;
      settled.add(fill.attemptId);
    }
    for (const [attemptId, line] of unknown) {
      if (settled.has(attemptId)) continue;
      report.unknownIntents += insertIntent.run({
        mint: line.mint,
        attemptId,
        platform: platformGuess(line.mint),
        module: line.module,
        solAmount: 0,
        instanceId: line.instanceId,
        at: Math.trunc(line.ts),
        detail: 'outcome unknown, never reconciled (rebuilt from the audit log)',
        signature: line.signature ?? null,
      }).changes;
    }
  }).immediate();
  return report;
}

/** The audit does not say which launchpad; the mint's vanity suffix usually does. */
function platformGuess(mint: string): Platform {
  return mint.endsWith('bonk') ? 'bonk.fun' : 'pump.fun';
}
