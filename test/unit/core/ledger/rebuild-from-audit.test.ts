import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditLine } from '../../../../shared/domain.js';
import { openLedgerDb } from '../../../../electron/core/ledger/open-ledger.js';
import { LostLedgerError, rebuildFromAudit, refuseLostLedger } from '../../../../electron/core/ledger/rebuild-from-audit.js';
import { PaperLedger } from '../../../../electron/core/traders/paper-ledger.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';

function audit(dataDir: string, instanceId: string, lines: Partial<AuditLine>[]): void {
  fs.mkdirSync(path.join(dataDir, 'audit'), { recursive: true });
  const text = lines.map((l) => JSON.stringify({ ts: 1_700_000_000_000, instanceId, module: 'sniper', ...l })).join('\n') + '\n';
  fs.appendFileSync(path.join(dataDir, 'audit', `${instanceId}.jsonl`), text);
}

function fill(dataDir: string, instanceId: string, attemptId: string, mint: string, solSpent = 0.25): void {
  const ledger = new PaperLedger(dataDir, instanceId);
  // Lands on the paper chain (its expiry far ahead: this test is not about expiry).
  ledger.land({ attemptId, mint, signature: `sig-${attemptId}`, solSpent, tokens: 123, at: 1_700_000_000_500 }, Number.MAX_SAFE_INTEGER);
  ledger.close();
}

describe('a missing ledger beside an audit log that shows purchases', () => {
  it('is refused with the count and the rebuild command, and nothing is created', () => {
    const dataDir = tempDataDir('lost');
    const [a, b] = [randomMint(), randomMint()];
    audit(dataDir, 'i1', [
      { attemptId: 'x1', mint: a, outcome: 'bought' },
      { attemptId: 'x2', mint: b, outcome: 'reconciled-bought' },
      { attemptId: 'x3', mint: b, outcome: 'blocked', reason: { code: 'already-bought' } },
    ]);
    expect(() => refuseLostLedger(dataDir)).toThrow(LostLedgerError);
    expect(() => refuseLostLedger(dataDir)).toThrow(/audit log .* shows 2 purchases.*--rebuild-from-audit/);
    expect(fs.existsSync(path.join(dataDir, 'ledger.sqlite'))).toBe(false);
  });

  it('is a fresh start when the audit shows no purchase, and an import when the old history files hold them all', () => {
    const fresh = tempDataDir('fresh');
    audit(fresh, 'i1', [{ attemptId: 'x', mint: randomMint(), outcome: 'failed' }]);
    expect(() => refuseLostLedger(fresh)).not.toThrow();

    const older = tempDataDir('older');
    const mint = randomMint();
    audit(older, 'i1', [{ attemptId: 'x', mint, outcome: 'bought' }]);
    fs.writeFileSync(
      path.join(older, 'purchase-history-00.json'),
      JSON.stringify({ purchases: { [mint]: [{ mint, symbol: 'S', platform: 'pump.fun', module: 'sniper', signature: 's', solSpent: 0.1, tokens: 1, at: 1, instanceId: 'i1' }] } }),
    );
    expect(() => refuseLostLedger(older)).not.toThrow();
    // With the ledger there, the audit is not even read.
    const present = tempDataDir('present');
    audit(present, 'i1', [{ attemptId: 'x', mint, outcome: 'bought' }]);
    openLedgerDb(present).close();
    expect(() => refuseLostLedger(present)).not.toThrow();
  });

  it('rebuild: purchases with the paper chain\'s amounts, landed fills the audit missed, unreconciled unknowns kept blocked', () => {
    const dataDir = tempDataDir('rebuild');
    const [bought, reconciled, onChainOnly, stillUnknown, settledUnknown, failed] = Array.from({ length: 6 }, randomMint);
    audit(dataDir, 'i1', [
      { attemptId: 'b1', mint: bought, outcome: 'bought', signature: 'sig-b1' },
      { attemptId: 'u1', mint: stillUnknown, outcome: 'unknown', module: 'volume', signature: 'sig-u1' },
      { attemptId: 'u2', mint: settledUnknown, outcome: 'unknown' },
      { attemptId: 'f1', mint: failed, outcome: 'failed' },
    ]);
    audit(dataDir, 'i2', [
      { attemptId: 'r1', mint: reconciled, outcome: 'reconciled-bought', ts: 1_700_000_001_000 },
      { attemptId: 'u2', mint: settledUnknown, outcome: 'reconciled-not-bought', ts: 1_700_000_002_000 },
    ]);
    fill(dataDir, 'i1', 'b1', bought!, 0.3);
    fill(dataDir, 'i1', 'r1', reconciled!, 0.2);
    fill(dataDir, 'i1', 'c1', onChainOnly!, 0.1);

    const db = openLedgerDb(dataDir);
    const report = rebuildFromAudit(db, dataDir);
    const purchases = db.prepare('SELECT mint, attempt_id, sol_spent, tokens, instance_id FROM purchases').all() as Record<string, unknown>[];
    const intents = db.prepare('SELECT mint, attempt_id, status, instance_id, module FROM intents').all() as Record<string, unknown>[];
    // Running it again changes nothing.
    const again = rebuildFromAudit(db, dataDir);
    db.close();

    expect(report).toEqual({ purchases: 3, fromPaperChainOnly: 1, withoutAmount: 0, unknownIntents: 1 });
    expect(again).toEqual({ purchases: 0, fromPaperChainOnly: 0, withoutAmount: 0, unknownIntents: 0 });
    expect(new Map(purchases.map((p) => [p.mint, p.sol_spent]))).toEqual(
      new Map([
        [bought, 0.3],
        [reconciled, 0.2],
        [onChainOnly, 0.1],
      ]),
    );
    expect(intents).toEqual([{ mint: stillUnknown, attempt_id: 'u1', status: 'unknown', instance_id: 'i1', module: 'volume' }]);
  });
});
