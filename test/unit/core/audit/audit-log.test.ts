import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuditLog, readAudit } from '../../../../electron/core/audit/audit-log.js';
import type { AuditLine } from '../../../../shared/domain.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';

const line = (outcome: AuditLine['outcome'], attemptId: string): AuditLine => ({
  ts: 1,
  instanceId: 'i-a',
  attemptId,
  module: 'sniper',
  mint: randomMint(),
  outcome,
  ...(outcome === 'blocked' ? { reason: { code: 'already-bought' as const } } : {}),
});

describe('AuditLog', () => {
  it('writes money decisions at once, with every block decided before them, in order', () => {
    const audit = new AuditLog(tempDataDir(), 'i-a');
    audit.write(line('blocked', 'a1'));
    audit.write(line('blocked', 'a2'));
    expect(fs.readFileSync(audit.path, 'utf8')).toBe('');
    audit.write(line('bought', 'a3'));
    expect(readAudit(audit.path).map((l) => l.attemptId)).toEqual(['a1', 'a2', 'a3']);
    audit.close();
  });

  it('writes blocks at the next turn of the event loop, and on close', async () => {
    const audit = new AuditLog(tempDataDir(), 'i-a');
    audit.write(line('blocked', 'b1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(readAudit(audit.path).map((l) => l.attemptId)).toEqual(['b1']);
    audit.write(line('blocked', 'b2'));
    audit.close();
    expect(readAudit(audit.path).map((l) => l.attemptId)).toEqual(['b1', 'b2']);
  });
});
