import { spawn } from 'node:child_process';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dataDirPaths } from '../../../../electron/core/data-dir-paths.js';
import { Ledger } from '../../../../electron/core/ledger/ledger.js';
import type { Intent } from '../../../../electron/core/ledger/intent.js';
import { openLedgerDb } from '../../../../electron/core/ledger/open-ledger.js';
import { StaleRevisionError } from '../../../../electron/core/ledger/rules.js';
import { defaultSettings } from '../../../../shared/settings.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';

const { killSwitch, limits, blocklist } = defaultSettings();

function open(dataDir: string, instanceId: string): Ledger {
  return new Ledger(openLedgerDb(dataDir), { dataDir, instanceId, now: Date.now, initialRules: { killSwitch, limits, blocklist } });
}

function intent(mint: string, instanceId: string, attemptId = `${instanceId}-${mint.slice(0, 6)}`): Intent {
  return { attemptId, mint, symbol: 'T', platform: 'pump.fun', module: 'sniper', solAmount: 0.1, instanceId, at: Date.now(), status: 'in-flight' };
}

const pass = () => undefined;

describe('Ledger', () => {
  it('a claim is refused while another connection holds the mint, and after it is bought', () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a'), open(dataDir, 'i-b')];
    a.registerInstance(Date.now());
    const mint = randomMint();
    const mine = intent(mint, 'i-a');
    expect(a.claim(mine, undefined, pass)).toEqual({ ok: true });
    // i-a is registered but its lock file is missing: that proves nothing, so it is never taken for dead.
    expect(b.claim(intent(mint, 'i-b'), undefined, pass)).toEqual({ ok: false, reason: { code: 'in-flight-elsewhere', instanceId: 'i-a' } });
    expect(a.recordSuccess(mine, { ...mine, signature: 's', solSpent: 0.1, tokens: 1, at: Date.now(), instanceId: 'i-a' })).toBe(true);
    expect(b.claim(intent(mint, 'i-b'), undefined, pass)).toEqual({ ok: false, reason: { code: 'already-bought' } });
    expect(b.claim(intent(mint, 'i-b'), 'buy-again', pass)).toEqual({ ok: true });
    a.close();
    b.close();
  });

  it("the fast path learns another connection's purchase on refresh, through data_version", () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a'), open(dataDir, 'i-b')];
    const mint = randomMint();
    const mine = intent(mint, 'i-a');
    a.claim(mine, undefined, pass);
    a.recordSuccess(mine, { ...mine, signature: 's', solSpent: 0.1, tokens: 1, at: Date.now(), instanceId: 'i-a' });
    expect(a.isBought(mint)).toBe(true);
    expect(b.isBought(mint)).toBe(false);
    expect(b.refresh()).toBe(true);
    expect(b.isBought(mint)).toBe(true);
    expect(b.purchaseCount()).toBe(1);
    expect(b.refresh()).toBe(false); // nothing new: one pragma, no reading
    a.close();
    b.close();
  });

  it('the policy sees the rules and the open intents of every connection inside the claim', () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a'), open(dataDir, 'i-b')];
    a.claim(intent(randomMint(), 'i-a'), undefined, pass);
    a.updateRules((r) => ({ ...r, killSwitch: true }));
    let seen: { killSwitch: boolean; reserved: number; inFlight: number } | undefined;
    const result = b.claim(intent(randomMint(), 'i-b'), undefined, (rules, spend, inFlight) => {
      seen = { killSwitch: rules.killSwitch, reserved: spend.dayLamports(), inFlight };
      return { code: 'kill-switch' };
    });
    expect(seen).toEqual({ killSwitch: true, reserved: 100_000_000, inFlight: 1 });
    expect(result).toEqual({ ok: false, reason: { code: 'kill-switch' } });
    expect(b.allIntents()).toHaveLength(1);
    a.close();
    b.close();
  });

  it('a rules change made against an old revision is refused and changes nothing', () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a'), open(dataDir, 'i-b')];
    const seenByB = b.rules().revision;
    a.updateRules((r) => ({ ...r, killSwitch: true }));
    expect(() => b.updateRules((r) => ({ ...r, blocklist: [randomMint()] }), seenByB)).toThrow(StaleRevisionError);
    expect(() => b.updateRules((r) => r, seenByB)).toThrow(/settings changed meanwhile \(you saw revision 1, it is now 2/);
    b.refresh();
    expect(b.rules()).toMatchObject({ killSwitch: true, blocklist: [], revision: 2 });
    // Without a revision a change applies to what is in the ledger now, never to a stale copy.
    b.updateRules((r) => ({ ...r, limits: { ...r.limits, maxSolPerBuy: 3 } }));
    expect(open(dataDir, 'i-c').rules()).toMatchObject({ killSwitch: true, limits: { maxSolPerBuy: 3 }, revision: 3 });
    a.close();
    b.close();
  });

  it('an invalid rules change is refused by the schema', () => {
    const ledger = open(tempDataDir(), 'i-a');
    expect(() => ledger.updateRules((r) => ({ ...r, blocklist: ['not an address'] }))).toThrow();
    expect(ledger.rules().revision).toBe(1);
    ledger.close();
  });

  it('recording a success twice for one attempt keeps one purchase', () => {
    const dataDir = tempDataDir();
    const ledger = open(dataDir, 'i-a');
    const mine = intent(randomMint(), 'i-a');
    ledger.claim(mine, undefined, pass);
    const record = { ...mine, signature: 's', solSpent: 0.1, tokens: 1, at: Date.now(), instanceId: 'i-a' };
    expect(ledger.recordSuccess(mine, record)).toBe(true);
    expect(ledger.recordSuccess(mine, record)).toBe(false);
    expect(ledger.purchasesOf(mine.mint)).toHaveLength(1);
    ledger.close();
  });

  it('history search matches part of a mint or symbol, newest first, and treats % and _ literally', () => {
    const ledger = open(tempDataDir(), 'i-a');
    const mints = [randomMint(), randomMint(), randomMint()];
    mints.forEach((mint, n) => {
      const mine = { ...intent(mint, 'i-a'), symbol: ['PEPE', 'pep_x', 'DOGE'][n]! };
      ledger.claim(mine, undefined, pass);
      ledger.recordSuccess(mine, { ...mine, signature: `s${n}`, solSpent: 0.1, tokens: 1, at: 1_000 + n, instanceId: 'i-a' });
    });
    expect(ledger.history('pep', 10, 0).records.map((r) => r.symbol)).toEqual(['pep_x', 'PEPE']);
    expect(ledger.history('p__', 10, 0).total).toBe(0);
    expect(ledger.history('', 2, 1)).toMatchObject({ total: 3, records: [{ symbol: 'pep_x' }, { symbol: 'PEPE' }] });
    ledger.close();
  });

  it('history search matches the module too, and totals count and sum SOL per module over the same matches', () => {
    const ledger = open(tempDataDir(), 'i-a');
    const rows = [
      { symbol: 'PEPE', module: 'sniper', sol: 0.1 },
      { symbol: 'DOGE', module: 'volume', sol: 0.25 },
      { symbol: 'PEPE2', module: 'volume', sol: 0.5 },
      { symbol: 'CAT', module: 'manual', sol: 1 },
    ] as const;
    rows.forEach((row, n) => {
      const mine = { ...intent(randomMint(), 'i-a'), symbol: row.symbol, module: row.module };
      ledger.claim(mine, undefined, pass);
      ledger.recordSuccess(mine, { ...mine, signature: `s${n}`, solSpent: row.sol, tokens: 1, at: 1_000 + n, instanceId: 'i-a' });
    });
    expect(ledger.history('volume', 10, 0).records.map((r) => r.symbol)).toEqual(['PEPE2', 'DOGE']);
    expect(ledger.historyTotals('')).toEqual([
      { module: 'manual', count: 1, sol: 1 },
      { module: 'sniper', count: 1, sol: 0.1 },
      { module: 'volume', count: 2, sol: 0.75 },
    ]);
    expect(ledger.historyTotals('pepe')).toEqual([
      { module: 'sniper', count: 1, sol: 0.1 },
      { module: 'volume', count: 1, sol: 0.5 },
    ]);
    expect(ledger.historyTotals('nothing')).toEqual([]);
    ledger.close();
  });

  it('an instance whose lock file was deleted: unsure while its pid runs (even frozen), dead and adopted once it does not', async () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a'), open(dataDir, 'i-b')];
    a.registerInstance(Date.now()); // registered, and no lock file: as if deleted by hand
    const mint = randomMint();
    expect(a.claim(intent(mint, 'i-a'), undefined, pass)).toEqual({ ok: true });
    const owner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await once(owner, 'spawn');
    const raw = new Database(dataDirPaths(dataDir).ledger);
    raw.prepare('UPDATE instances SET pid = ? WHERE instance_id = ?').run(owner.pid, 'i-a');
    raw.close();
    owner.kill('SIGSTOP');
    try {
      expect(b.liveness('i-a')).toBe('unsure');
      expect(b.adoptOrphans(new Set())).toEqual([]);
      expect(b.unknownIntents()).toEqual([]);
    } finally {
      const exited = once(owner, 'exit');
      owner.kill('SIGKILL');
      await exited;
    }
    expect(b.liveness('i-a')).toBe('dead');
    expect(b.adoptOrphans(new Set()).map((i) => [i.mint, i.instanceId, i.status])).toEqual([[mint, 'i-b', 'unknown']]);
    a.close();
    b.close();
  });
});
