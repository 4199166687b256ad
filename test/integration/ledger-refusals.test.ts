import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAllFills } from '../../electron/core/traders/paper-ledger.js';
import { countExactlyOnce, readTruth } from '../support/data-dir-truth.js';
import { prepareSettings } from '../support/data-dir-settings.js';
import { randomMint, tempDataDir } from '../support/engine-fixture.js';
import { ServeClient } from '../support/serve-client.js';
import { spawnServe } from '../support/serve-process.js';
import { track } from '../support/process-faults.js';

/**
 * A ledger that cannot be trusted — corrupt, truncated, of a newer schema, or gone while
 * the audit log shows purchases — refuses buying from the first second, through a real
 * `serve` process: the refusal is printed even with --quiet, /status says the store is
 * unhealthy, the file is left exactly as it was (a missing one is not recreated), a copy
 * is in unreadable/, and the paper chain gets not one fill more.
 */
const serveArgs = (dataDir: string, seconds: number, extra: string[] = []) => [
  '--data-dir', dataDir,
  '--sim-rate', '8',
  '--fail-rate', '0',
  '--unknown-rate', '0',
  '--latency-ms', '20-80',
  '--duration', String(seconds),
  ...extra,
];

let used: string;

beforeAll(async () => {
  used = tempDataDir('ledger-used');
  prepareSettings(used);
  const done = await spawnServe(serveArgs(used, 4, ['--quiet'])).exited;
  expect(done.code, done.output).toBe(0);
  expect(readTruth(used).history.length).toBeGreaterThan(5);
}, 60_000);

function copyOfUsed(label: string): string {
  const dir = tempDataDir(label);
  fs.cpSync(used, dir, { recursive: true });
  return dir;
}

const ledgerOf = (dataDir: string) => path.join(dataDir, 'ledger.sqlite');

// The paper chain alone: the damaged ledger is not to be read by the test either.
const fillCount = (dataDir: string) => readAllFills(path.join(dataDir, 'paper-ledger')).length;

async function refusedRun(dataDir: string) {
  const fillsBefore = fillCount(dataDir);
  const proc = track(spawnServe(serveArgs(dataDir, 3, ['--quiet', '--modules', 'sniper,whale-copy,trending,volume'])));
  const client = await ServeClient.of(proc);
  const status = await client.value<{ storeHealthy: boolean; storeProblem?: string }>('status.get');
  client.close();
  const done = await proc.exited;
  expect(done.code, done.output).toBe(0);
  return { status, output: done.output, newFills: fillCount(dataDir) - fillsBefore };
}

function keptCopies(dataDir: string): Buffer[] {
  const dir = path.join(dataDir, 'unreadable');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.startsWith('ledger.sqlite') && !n.endsWith('-wal'))
    .map((n) => fs.readFileSync(path.join(dir, n)));
}

describe('a ledger that cannot be trusted is refused, kept and copied', () => {
  it.each([
    [
      'corrupt (a page overwritten with garbage)',
      (file: string) => {
        const fd = fs.openSync(file, 'r+');
        fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 4096);
        fs.closeSync(fd);
      },
      /ledger\.sqlite cannot be used \((quick_check|[^)]*malformed|not an SQLite)/i,
    ],
    ['truncated (cut to half)', (file: string) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2)), /ledger\.sqlite cannot be used/],
    [
      'of a newer schema version',
      (file: string) => {
        const db = new Database(file);
        db.pragma('user_version = 99');
        db.close();
      },
      /schema version 99 is newer than this app knows/,
    ],
  ])('%s', async (_what, damage, reason) => {
    const dataDir = copyOfUsed('ledger-bad');
    damage(ledgerOf(dataDir));
    const damaged = fs.readFileSync(ledgerOf(dataDir));
    const { status, output, newFills } = await refusedRun(dataDir);
    expect(output).toMatch(/BUYING REFUSED: /);
    expect(output).toMatch(reason);
    expect(status.storeHealthy).toBe(false);
    expect(status.storeProblem).toMatch(reason);
    expect(newFills).toBe(0);
    expect(fs.readFileSync(ledgerOf(dataDir)).equals(damaged)).toBe(true);
    expect(keptCopies(dataDir).some((copy) => copy.equals(damaged))).toBe(true);
  }, 60_000);

  it('deleted while the audit log shows purchases: refused with the count and the rebuild command, not recreated; --rebuild-from-audit rebuilds it', async () => {
    const dataDir = copyOfUsed('ledger-gone');
    const before = readTruth(dataDir);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(ledgerOf(dataDir) + suffix, { force: true });
    const { status, output, newFills } = await refusedRun(dataDir);
    expect(output).toMatch(new RegExp(`BUYING REFUSED: ledger\\.sqlite is missing, but the audit log .* shows ${before.history.length} purchases`));
    expect(output).toMatch(/--rebuild-from-audit/);
    expect(status.storeHealthy).toBe(false);
    expect(newFills).toBe(0);
    expect(fs.existsSync(ledgerOf(dataDir))).toBe(false);

    const rebuilt = await spawnServe(serveArgs(dataDir, 1, ['--rebuild-from-audit', '--modules', ''])).exited;
    expect(rebuilt.code, rebuilt.output).toBe(0);
    expect(rebuilt.output).toMatch(new RegExp(`ledger rebuilt from the audit log: ${before.history.length} purchases`));
    expect(rebuilt.output).not.toMatch(/BUYING REFUSED/);
    const after = readTruth(dataDir);
    expect(new Set(after.history.map((r) => r.attemptId))).toEqual(new Set(before.history.map((r) => r.attemptId)));
    expect(countExactlyOnce(after)).toMatchObject({ doubleFills: 0, doubleRecords: 0, lostFills: 0, phantomRecords: 0, openIntents: 0 });
    // The flag left on a later start changes nothing.
    const again = await spawnServe(serveArgs(dataDir, 0, ['--rebuild-from-audit', '--modules', ''])).exited;
    expect(again.output).toMatch(/nothing to rebuild/);
    expect(readTruth(dataDir).history.length).toBe(before.history.length);
  }, 60_000);
});

describe('a data dir of an earlier version is imported at first start', () => {
  it('JSON shards, the original bot\'s file and the intents journal: imported once, originals kept, the open claim settled', async () => {
    const dataDir = tempDataDir('ledger-import');
    const [shardMint, botMint, openMint] = [randomMint(), randomMint(), randomMint()];
    const record = { mint: shardMint, symbol: 'OLD', platform: 'pump.fun', module: 'sniper', signature: 'sig-old', solSpent: 0.1, tokens: 5, at: Date.now() - 3_600_000, instanceId: 'iold-1', attemptId: 'old-1' };
    const files: Record<string, string> = {
      'purchase-history-7f.json': JSON.stringify({ purchases: { [shardMint]: [record] } }),
      'purchased_tokens_history.json': JSON.stringify({ purchased_tokens: { [botMint]: { symbol: 'BOT', bot_name: 'bot-sniper-0-pump', platform: 'pump_fun', price: 1e-8, amount: 1e7, timestamp: '2026-01-20T10:00:00' } } }),
      'in-flight-intents.jsonl': `${JSON.stringify({ op: 'put', intent: { attemptId: 'old-open', mint: openMint, symbol: 'J', platform: 'pump.fun', module: 'volume', solAmount: 0.2, instanceId: 'iold-2', at: Date.now() - 60_000, status: 'in-flight' } })}\n`,
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dataDir, name), text);

    const first = await spawnServe(['--data-dir', dataDir, '--duration', '1', '--modules', '']).exited;
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/imported from an earlier version .*: 2 purchases \(0 already in the ledger\), 1 open claims to reconcile/);
    const second = await spawnServe(['--data-dir', dataDir, '--duration', '0', '--modules', '']).exited;
    expect(second.output).not.toMatch(/imported from an earlier version/);

    const truth = readTruth(dataDir);
    expect(truth.history.map((r) => r.mint).sort()).toEqual([shardMint, botMint].sort());
    // The old instance is gone and its buy has no fill on the paper chain: settled as not bought.
    expect(truth.intents).toEqual([]);
    expect(truth.audit.some((l) => l.mint === openMint && l.outcome === 'reconciled-not-bought')).toBe(true);
    for (const [name, text] of Object.entries(files)) expect(fs.readFileSync(path.join(dataDir, name), 'utf8')).toBe(text);
  }, 60_000);
});
