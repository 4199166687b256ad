import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PurchaseRecord } from '../../../../shared/domain.js';
import { importLegacyFiles } from '../../../../electron/core/ledger/legacy-import.js';
import { IMPORTED_SIGNATURE, LegacyFileError } from '../../../../electron/core/ledger/legacy-import-files.js';
import { openLedgerDb } from '../../../../electron/core/ledger/open-ledger.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';

const record = (mint: string, extra: Partial<PurchaseRecord> = {}): PurchaseRecord => ({
  mint,
  symbol: 'OLD',
  platform: 'pump.fun',
  module: 'sniper',
  signature: `sig-${mint.slice(0, 8)}`,
  solSpent: 0.1,
  tokens: 1_000,
  at: 1_700_000_000_000,
  instanceId: 'iold-1',
  attemptId: `a-${mint.slice(0, 8)}`,
  ...extra,
});

function write(dataDir: string, name: string, content: unknown): string {
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function ledgerRows(dataDir: string) {
  const db = openLedgerDb(dataDir);
  try {
    return {
      purchases: db.prepare('SELECT mint, symbol, platform, module, signature, sol_spent, tokens, at, instance_id, attempt_id FROM purchases ORDER BY id').all() as Record<string, unknown>[],
      intents: db.prepare('SELECT mint, attempt_id, instance_id, status, detail FROM intents').all() as Record<string, unknown>[],
    };
  } finally {
    db.close();
  }
}

function runImport(dataDir: string) {
  const db = openLedgerDb(dataDir);
  try {
    return importLegacyFiles(db, dataDir);
  } finally {
    db.close();
  }
}

const journalLine = (op: object) => `${JSON.stringify(op)}\n`;
const intent = (mint: string, instanceId: string, status: 'in-flight' | 'unknown' = 'in-flight') => ({
  attemptId: `att-${mint.slice(0, 6)}`,
  mint,
  symbol: 'J',
  platform: 'pump.fun',
  module: 'volume',
  solAmount: 0.2,
  instanceId,
  at: 1_700_000_100_000,
  status,
});

describe('import of an earlier version\'s data dir into the ledger', () => {
  it('today\'s shards, a single purchase-history.json and the intents journal: all in, originals untouched', () => {
    const dataDir = tempDataDir('legacy');
    const [m1, m2, m3, open1, open2, dropped] = Array.from({ length: 6 }, randomMint);
    const files = [
      write(dataDir, 'purchase-history-0a.json', { purchases: { [m1!]: [record(m1!)], [m2!]: [record(m2!), record(m2!, { attemptId: 'again', override: 'buy-again', signature: 'sig-again' })] } }),
      write(dataDir, 'purchase-history.json', { purchases: { [m3!]: [record(m3!, { attemptId: undefined })] } }),
      write(
        dataDir,
        'in-flight-intents.jsonl',
        journalLine({ op: 'put', intent: intent(open1!, 'iold-1') }) +
          journalLine({ op: 'put', intent: intent(dropped!, 'iold-2') }) +
          journalLine({ op: 'put', intent: intent(open2!, 'iold-2', 'unknown') }) +
          journalLine({ op: 'drop', mint: dropped }),
      ),
    ];
    const before = files.map((f) => fs.readFileSync(f));

    const report = runImport(dataDir);
    expect(report).toMatchObject({ purchasesAdded: 4, purchasesPresent: 0, intentsAdded: 2 });
    const rows = ledgerRows(dataDir);
    expect(rows.purchases.map((r) => r.mint).sort()).toEqual([m1, m2, m2, m3].sort());
    // A record without an attempt id gets one derived from its content.
    expect(rows.purchases.find((r) => r.mint === m3)?.attempt_id).toBe(`legacy:${m3}:sig-${m3!.slice(0, 8)}:1700000000000`);
    // Open claims come in as unknown under their old (gone) owner, for the reconcile to settle.
    expect(rows.intents.map((i) => [i.mint, i.instance_id, i.status]).sort()).toEqual(
      [
        [open1, 'iold-1', 'unknown'],
        [open2, 'iold-2', 'unknown'],
      ].sort(),
    );
    expect(files.map((f) => fs.readFileSync(f))).toEqual(before);
  });

  it('is idempotent: a second start adds nothing and reads no unchanged file; a grown shard adds only what is new', () => {
    const dataDir = tempDataDir('legacy2');
    const [m1, m2, open1] = Array.from({ length: 3 }, randomMint);
    const shard = write(dataDir, 'purchase-history-01.json', { purchases: { [m1!]: [record(m1!)] } });
    write(dataDir, 'in-flight-intents.jsonl', journalLine({ op: 'put', intent: intent(open1!, 'iold-1') }));
    expect(runImport(dataDir)).toMatchObject({ purchasesAdded: 1, intentsAdded: 1 });

    expect(runImport(dataDir)).toMatchObject({ files: [], purchasesAdded: 0, intentsAdded: 0 });
    // The claim was settled in the ledger meanwhile: a changed journal does not bring it back.
    const db = openLedgerDb(dataDir);
    db.prepare('DELETE FROM intents').run();
    db.close();
    fs.appendFileSync(path.join(dataDir, 'in-flight-intents.jsonl'), journalLine({ op: 'drop', mint: open1 }));
    fs.writeFileSync(shard, JSON.stringify({ purchases: { [m1!]: [record(m1!)], [m2!]: [record(m2!)] } }));
    fs.utimesSync(shard, new Date(), new Date(Date.now() + 5_000));
    expect(runImport(dataDir)).toMatchObject({ files: ['purchase-history-01.json'], purchasesAdded: 1, purchasesPresent: 1, intentsAdded: 0 });
    expect(ledgerRows(dataDir).purchases.map((r) => r.mint).sort()).toEqual([m1, m2].sort());
    expect(ledgerRows(dataDir).intents).toEqual([]);
  });

  it('the original bot\'s purchased_tokens_history.json: mints, symbols, platforms, amounts and times kept', () => {
    const dataDir = tempDataDir('seedbot');
    const [pump, bonk, bags, inShards] = Array.from({ length: 4 }, randomMint);
    write(dataDir, 'purchase-history-02.json', { purchases: { [inShards!]: [record(inShards!)] } });
    write(dataDir, 'purchased_tokens_history.json', {
      purchased_tokens: {
        [pump!]: { symbol: 'PMP', bot_name: 'bot-sniper-0-pump', platform: 'pump_fun', price: 2.5e-8, amount: 4_000_000, timestamp: '2026-01-20T10:00:00.123456' },
        [bonk!]: { symbol: 'BNK', bot_name: 'bot-whale-copy', platform: 'lets_bonk', price: 0, amount: 0, timestamp: '2026-01-21T11:00:00' },
        [bags!]: { symbol: 'BAG', bot_name: 'volume-sniper', platform: 'bags', price: 1e-8, amount: 1e6, timestamp: '2026-01-22T12:00:00' },
        [inShards!]: { symbol: 'DUP', bot_name: 'x', platform: 'pump_fun', timestamp: '2026-01-23T00:00:00' },
        'not-a-mint': { symbol: 'BAD' },
      },
    });
    const report = runImport(dataDir);
    expect(report).toMatchObject({ purchasesAdded: 4, purchasesPresent: 1, skippedEntries: 1, platformGuessed: 1 });
    const byMint = new Map(ledgerRows(dataDir).purchases.map((r) => [r.mint, r]));
    expect(byMint.get(pump)).toMatchObject({ symbol: 'PMP', platform: 'pump.fun', module: 'sniper', signature: IMPORTED_SIGNATURE, at: Date.parse('2026-01-20T10:00:00.123Z'), tokens: 4_000_000 });
    expect(byMint.get(pump)?.sol_spent).toBeCloseTo(0.1, 9);
    expect(byMint.get(bonk)).toMatchObject({ platform: 'bonk.fun', module: 'whale-copy' });
    expect(byMint.get(bags)).toMatchObject({ platform: 'pump.fun', module: 'volume' });
    // A mint the shards already hold is not added a second time from the bot's file.
    expect([...byMint.keys()].filter((m) => m === inShards)).toHaveLength(1);
    expect(byMint.get(inShards)?.symbol).toBe('OLD');
  });

  it('an array of purchases and a bare {mint: {...}} object are read too', () => {
    const dataDir = tempDataDir('shapes');
    const [a, b] = [randomMint(), randomMint()];
    write(dataDir, 'purchase-history.json', [{ mint: a, symbol: 'A', at: 1_700_000_000 }]);
    write(dataDir, 'purchased_tokens_history.json', { [b!]: { mint: b, symbol: 'B', at: 1_700_000_000_000 } });
    expect(runImport(dataDir)).toMatchObject({ purchasesAdded: 2 });
    const rows = ledgerRows(dataDir).purchases;
    expect(rows.map((r) => [r.mint, r.at]).sort()).toEqual([[a, 1_700_000_000_000], [b, 1_700_000_000_000]].sort());
  });

  it.each([
    ['truncated JSON', 'purchase-history-03.json', '{"purchases": {"abc": [', /not valid JSON/],
    ['a record of the wrong shape', 'purchase-history-04.json', JSON.stringify({ purchases: { x: [{ mint: 'x' }] } }), /purchase 0 of x/],
    ['a shape of no version', 'purchase-history.json', JSON.stringify('just text'), /neither/],
    ['a journal line that is no entry', 'in-flight-intents.jsonl', '{"op":"put"}\n{"op":"drop","mint":"m"}\n', /line 1 is not a journal entry/],
  ])('%s: refused with the reason, nothing imported from any file, the file kept and copied', (_what, name, content, reason) => {
    const dataDir = tempDataDir('badlegacy');
    const good = randomMint();
    write(dataDir, 'purchase-history-00.json', { purchases: { [good]: [record(good)] } });
    const bad = write(dataDir, name, content);
    expect(() => runImport(dataDir)).toThrow(LegacyFileError);
    expect(() => runImport(dataDir)).toThrow(reason);
    expect(ledgerRows(dataDir).purchases).toEqual([]);
    expect(fs.readFileSync(bad, 'utf8')).toBe(content);
    const kept = fs.readdirSync(path.join(dataDir, 'unreadable'));
    expect(kept.filter((n) => n.startsWith(`${name}.`))).toHaveLength(1);
  });

  it('the journal as its readers took it: a line marked torn and a tail without newline were never acted on', () => {
    const dataDir = tempDataDir('torn');
    const [kept, torn, tail] = Array.from({ length: 3 }, randomMint);
    write(
      dataDir,
      'in-flight-intents.jsonl',
      journalLine({ op: 'put', intent: intent(kept!, 'iold-1') }) +
        '{"op":"put","intent":{"attemptId":"x","mint":"' + torn + '"\n' +
        '{"op":"torn"}\n' +
        JSON.stringify({ op: 'put', intent: intent(tail!, 'iold-1') }).slice(0, 40),
    );
    expect(runImport(dataDir)).toMatchObject({ intentsAdded: 1 });
    expect(ledgerRows(dataDir).intents.map((i) => i.mint)).toEqual([kept]);
  });
});
