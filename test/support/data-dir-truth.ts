import fs from 'node:fs';
import path from 'node:path';
import type { AuditLine, PurchaseRecord } from '../../shared/domain.js';
import { readAllFills, type PaperFill } from '../../electron/core/traders/paper-ledger.js';
import { readStoreState, type StoredIntent } from './store-state.js';

/**
 * What a data dir holds after several processes used it, set against the paper chain
 * (paper-ledger/: what "really" landed, written by the paper trader before it answers,
 * never by the store). The store is judged by it, never the other way round.
 */
export interface DataDirTruth {
  fills: PaperFill[];
  history: PurchaseRecord[];
  intents: StoredIntent[];
  audit: AuditLine[];
}

/** The four numbers the ledger issue asks of every multi-process run, plus what they are out of. */
export interface ExactlyOnceCounts {
  /** Fills on the paper chain (landed buys). */
  fills: number;
  /** Purchase records in the store's history. */
  records: number;
  /** Mints filled more than once on the chain (extra fills counted). */
  doubleFills: number;
  /** Mints or attempts recorded more than once (extra records counted). */
  doubleRecords: number;
  /** Fills with no purchase record: money spent the history does not know of. */
  lostFills: number;
  /** Records with no fill: a purchase the chain never saw. */
  phantomRecords: number;
  /** Intents still open. Zero is required only after a clean final run. */
  openIntents: number;
  /** Audit lines per outcome, for the report. */
  outcomes: Record<string, number>;
  /** Blocks by reason code, for the report. */
  blocks: Record<string, number>;
}

export function readTruth(dataDir: string): DataDirTruth {
  const store = readStoreState(dataDir);
  return {
    fills: readAllFills(path.join(dataDir, 'paper-ledger')),
    history: store.history,
    intents: store.intents,
    audit: readAllAudit(dataDir),
  };
}

export function countExactlyOnce(truth: DataDirTruth): ExactlyOnceCounts {
  const extra = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  // A "buy again" is a deliberate second purchase; none of the process tests issue one,
  // so every repeated mint counts as a double.
  const fillsByMint = countBy(truth.fills, (f) => f.mint);
  const recordsByMint = countBy(truth.history, (r) => r.mint);
  const recordsByAttempt = countBy(
    truth.history.filter((r) => r.attemptId !== undefined),
    (r) => r.attemptId as string,
  );
  const recorded = new Set(truth.history.map((r) => r.attemptId));
  const filled = new Set(truth.fills.map((f) => f.attemptId));
  const outcomes: Record<string, number> = {};
  const blocks: Record<string, number> = {};
  for (const line of truth.audit) {
    outcomes[line.outcome] = (outcomes[line.outcome] ?? 0) + 1;
    if (line.outcome === 'blocked' && line.reason) blocks[line.reason.code] = (blocks[line.reason.code] ?? 0) + 1;
  }
  return {
    fills: truth.fills.length,
    records: truth.history.length,
    doubleFills: extra(fillsByMint),
    doubleRecords: Math.max(extra(recordsByMint), extra(recordsByAttempt)),
    lostFills: truth.fills.filter((f) => !recorded.has(f.attemptId)).length,
    phantomRecords: truth.history.filter((r) => !filled.has(r.attemptId ?? '')).length,
    openIntents: truth.intents.length,
    outcomes,
    blocks,
  };
}

/** Every audit line of every instance; a line a SIGKILL cut short is skipped (it was never acted on). */
export function readAllAudit(dataDir: string): AuditLine[] {
  const dir = path.join(dataDir, 'audit');
  if (!fs.existsSync(dir)) return [];
  const lines: AuditLine[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for (const text of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      if (!text.trim()) continue;
      try {
        lines.push(JSON.parse(text) as AuditLine);
      } catch {
        // torn by a kill mid-write
      }
    }
  }
  return lines;
}

export function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** One JSON line per scenario, so a run's figures can be quoted (vitest prints stdout of a test). */
export function reportCounts(scenario: string, counts: ExactlyOnceCounts, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ scenario, ...counts, ...extra })}\n`);
}

/**
 * Reconciles one instance wrote for another instance's attempt before `before`: takeovers.
 * Until the first instance stops, no process has died, so each one is a live (perhaps
 * frozen) instance taken for dead. (After a clean stop, what it left open is adopted by
 * the others, rightly.) The owner of an attempt is the instance that wrote its
 * bought/failed/unknown line, or whose paper fill it is.
 */
export function takeoversBy(truth: DataDirTruth, instanceIds: string[], before: number): number {
  const owner = new Map<string, string>();
  for (const fill of truth.fills) owner.set(fill.attemptId, fill.instanceId);
  for (const line of truth.audit) {
    if (line.attemptId && (line.outcome === 'bought' || line.outcome === 'failed' || line.outcome === 'unknown')) owner.set(line.attemptId, line.instanceId);
  }
  const judges = new Set(instanceIds);
  return truth.audit.filter((line) => {
    if (line.ts >= before || (line.outcome !== 'reconciled-bought' && line.outcome !== 'reconciled-not-bought')) return false;
    const ownedBy = owner.get(line.attemptId ?? '');
    return judges.has(line.instanceId) && ownedBy !== undefined && ownedBy !== line.instanceId;
  }).length;
}
