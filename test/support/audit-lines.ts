import fs from 'node:fs';
import path from 'node:path';
import { readAudit } from '../../electron/core/audit/audit-log.js';
import type { AuditLine } from '../../shared/domain.js';

/** Every audit line an engine wrote to `<dataDir>/audit/<instanceId>.jsonl` (none if the file is absent). */
export function auditLinesOf(dataDir: string, instanceId: string): AuditLine[] {
  const file = path.join(dataDir, 'audit', `${instanceId}.jsonl`);
  return fs.existsSync(file) ? readAudit(file) : [];
}

/** The audit lines of one attempt: a decision has exactly one, a reconciled unknown one more. */
export function auditLinesOfAttempt(dataDir: string, instanceId: string, attemptId: string): AuditLine[] {
  return auditLinesOf(dataDir, instanceId).filter((l) => l.attemptId === attemptId);
}
