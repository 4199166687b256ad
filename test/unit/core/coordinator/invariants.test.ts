import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../../../../electron/core/audit/audit-log.js';
import { moduleIds } from '../../../../shared/domain.js';
import { playDead, randomMint, readHistory, signal, tempDataDir, useTestEngines } from '../../../support/engine-fixture.js';
import { intentsOnDisk, putIntentBack } from '../../../support/intents-on-disk.js';
import { ScriptedTrader } from '../../../support/scripted-trader.js';

const engineFor = useTestEngines();

describe('invariant 1: exactly once', () => {
  it('four modules racing on one mint buy it once', async () => {
    const { engine, trader, dataDir } = await engineFor();
    const mint = randomMint();
    const results = await Promise.all(moduleIds.map((m) => engine.coordinator.requestBuy(signal(mint, m))));
    expect(results.filter((r) => r.outcome === 'bought')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'blocked').map((r) => r.reason?.code).sort()).toEqual(
      expect.arrayContaining(['in-flight-here']),
    );
    expect(trader.buysOf(mint)).toBe(1);
    expect(readHistory(dataDir)[mint]).toHaveLength(1);
  });

  it('a mint with a recorded purchase is never bought again, even after a restart', async () => {
    const dataDir = tempDataDir();
    const first = await engineFor({ dataDir });
    const mint = randomMint();
    expect((await first.engine.coordinator.requestBuy(signal(mint))).outcome).toBe('bought');
    await first.stop();
    const second = await engineFor({ dataDir });
    const again = await second.engine.coordinator.requestBuy(signal(mint, 'trending'));
    expect(again.reason?.code).toBe('already-bought');
    expect(second.trader.buysOf(mint)).toBe(0);
  });

  it('two instances on one data dir: the second sees the first one in flight, then bought', async () => {
    const dataDir = tempDataDir();
    const a = await engineFor({ dataDir });
    const b = await engineFor({ dataDir });
    const mint = randomMint();
    a.trader.hold(mint);
    const buying = a.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => a.trader.buysOf(mint) === 1);
    const meanwhile = await b.engine.coordinator.requestBuy(signal(mint, 'whale-copy'));
    expect(meanwhile.reason).toEqual({ code: 'in-flight-elsewhere', instanceId: a.engine.instanceId });
    a.trader.open(mint);
    expect((await buying).outcome).toBe('bought');
    const after = await b.engine.coordinator.requestBuy(signal(mint, 'volume'));
    expect(after.reason?.code).toBe('already-bought');
    expect(b.trader.buysOf(mint)).toBe(0);
  });

  it('"buy again" buys a bought mint once more, on purpose, and records the override', async () => {
    const { engine, trader, dataDir } = await engineFor();
    const mint = randomMint();
    await engine.coordinator.requestBuy(signal(mint));
    const again = await engine.port.handlers['blocked.buyAgain']({ mint, platform: 'pump.fun', symbol: 'TEST', solAmount: 0.2 });
    expect(again.outcome).toBe('bought');
    expect(trader.buysOf(mint)).toBe(2);
    expect(readHistory(dataDir)[mint]?.map((r) => r.override)).toEqual([undefined, 'buy-again']);
  });
});

describe('invariant 2: success-only history', () => {
  it('a definite failure leaves no record and the next signal retries', async () => {
    const { engine, trader, dataDir } = await engineFor();
    const mint = randomMint();
    trader.willReturn(mint, { kind: 'failure', error: 'slippage exceeded' });
    const failed = await engine.coordinator.requestBuy(signal(mint));
    expect(failed.outcome).toBe('failed');
    expect(failed.detail).toContain('slippage');
    expect(readHistory(dataDir)[mint]).toBeUndefined();
    const retried = await engine.coordinator.requestBuy(signal(mint, 'trending'));
    expect(retried.outcome).toBe('bought');
    expect(readHistory(dataDir)[mint]).toHaveLength(1);
  });
});

describe('invariant 3: unknown is not failure', () => {
  it('an unknown outcome blocks the mint until reconciled, and is never retried blindly', async () => {
    const { engine, trader, dataDir } = await engineFor();
    const mint = randomMint();
    trader.willReturn(mint, { kind: 'unknown', error: 'confirmation timed out', signature: 'sig-x' });
    expect((await engine.coordinator.requestBuy(signal(mint))).outcome).toBe('unknown');
    for (const m of moduleIds) {
      expect((await engine.coordinator.requestBuy(signal(mint, m))).reason?.code).toBe('unknown-outcome');
    }
    await engine.reconciler.reconcileNow(); // the chain cannot tell yet
    expect((await engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('unknown-outcome');
    trader.reconcileAnswers.set(mint, { kind: 'landed', signature: 'sig-x', solSpent: 0.1, tokens: 5 });
    expect(await engine.reconciler.reconcileNow()).toEqual({ resolved: 1, pending: 0 });
    expect(readHistory(dataDir)[mint]).toHaveLength(1);
    expect((await engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('already-bought');
    expect(trader.buysOf(mint)).toBe(1);
  });

  it('an unknown that did not land frees the mint after reconcile', async () => {
    const { engine, trader, dataDir } = await engineFor();
    const mint = randomMint();
    trader.willReturn(mint, { kind: 'unknown', error: 'rpc error after send' });
    await engine.coordinator.requestBuy(signal(mint));
    trader.reconcileAnswers.set(mint, { kind: 'not-landed', detail: 'blockhash expired' });
    await engine.reconciler.reconcileNow();
    expect(readHistory(dataDir)[mint]).toBeUndefined();
    expect((await engine.coordinator.requestBuy(signal(mint))).outcome).toBe('bought');
  });

  it('a trader that throws is treated as unknown, not as failure', async () => {
    const trader = new ScriptedTrader();
    trader.buy = async () => {
      throw new Error('socket hang up');
    };
    const { engine } = await engineFor({ trader });
    const mint = randomMint();
    const result = await engine.coordinator.requestBuy(signal(mint));
    expect(result.outcome).toBe('unknown');
    expect((await engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('unknown-outcome');
  });

  it('a person can resolve an unknown by hand', async () => {
    const { engine, trader, dataDir } = await engineFor();
    const mint = randomMint();
    trader.willReturn(mint, { kind: 'unknown', error: 'timeout' });
    await engine.coordinator.requestBuy(signal(mint));
    const blocked = await engine.port.handlers['blocked.list']({});
    expect(blocked.map((b) => [b.kind, b.mint])).toEqual([['unknown-outcome', mint]]);
    await engine.port.handlers['blocked.markReconciled']({ mint, outcome: 'bought', signature: 'sig-by-hand' });
    expect(readHistory(dataDir)[mint]).toHaveLength(1);
    expect(await engine.port.handlers['blocked.list']({})).toEqual([]);
  });
});

describe('invariant 4: nothing lost across a crash', () => {
  it("a dead instance's in-flight intent blocks the mint, then is adopted and reconciled", async () => {
    const dataDir = tempDataDir();
    const a = await engineFor({ dataDir, instanceId: 'i-dead' });
    const mint = randomMint();
    a.trader.hold(mint);
    void a.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => a.trader.buysOf(mint) === 1);
    // "Crash": the kernel lets go of its instance lock as if its process were gone; its intent stays.
    playDead(a.engine);
    const b = await engineFor({ dataDir, instanceId: 'i-live' });
    // b's start adopted the orphan; the chain cannot tell yet, so the mint stays blocked.
    expect((await b.engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('unknown-outcome');
    b.trader.reconcileAnswers.set(mint, { kind: 'landed', signature: 'sig-landed', solSpent: 0.1, tokens: 9 });
    expect(await b.engine.reconciler.reconcileNow()).toEqual({ resolved: 1, pending: 0 });
    expect(readHistory(dataDir)[mint]).toHaveLength(1);
    expect((await b.engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('already-bought');
    expect(b.trader.buysOf(mint)).toBe(0);
    // The "dead" instance was only frozen and now finishes: its late success adds nothing.
    a.trader.open(mint);
    await waitUntil(() => a.engine.status().inFlight === 0);
    expect(readHistory(dataDir)[mint]).toHaveLength(1);
  });

  it('a record written just before a crash is recognised, not recorded twice', async () => {
    const dataDir = tempDataDir();
    const trader = new ScriptedTrader();
    const a = await engineFor({ dataDir, instanceId: 'i-a', trader });
    const mint = randomMint();
    a.trader.hold(mint);
    const buying = a.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => a.trader.buysOf(mint) === 1);
    const intentBefore = intentsOnDisk(dataDir)[mint]!;
    a.trader.open(mint);
    await buying;
    await a.stop();
    // Put back the intent as if the process died between the record and the intent's removal
    // (with SQLite both happen in one transaction; an older version's crash could leave this).
    putIntentBack(dataDir, intentBefore);
    const b = await engineFor({ dataDir, instanceId: 'i-b' });
    expect(readHistory(dataDir)[mint]).toHaveLength(1);
    expect(intentsOnDisk(dataDir)).toEqual({});
    const audit = readAudit(path.join(dataDir, 'audit', 'i-b.jsonl'));
    expect(audit.map((l) => l.outcome)).toContain('reconciled-bought');
    expect(b.trader.buysOf(mint)).toBe(0);
  });
});

describe('invariant 5: an unusable ledger refuses to buy', () => {
  function sqliteHeaderThenGarbage(): Buffer {
    return Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4_080, 0xab)]);
  }

  it.each([
    ['truncated to nothing', Buffer.alloc(0), 'empty'],
    ['cut short inside the header', Buffer.from('SQLite for'), 'truncated'],
    ['overwritten with JSON', Buffer.from('{"purchases": {}}'), 'not an SQLite database'],
    ['a damaged database', sqliteHeaderThenGarbage(), 'ledger.sqlite cannot be used'],
  ])('%s: buying refused from the first moment, the file kept as it is and a copy in unreadable/', async (_label, content, said) => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'ledger.sqlite');
    fs.writeFileSync(file, content);
    const { engine, trader } = await engineFor({ dataDir });
    const status = engine.status();
    expect(status.storeHealthy).toBe(false);
    expect(status.storeProblem).toContain(said);
    const result = await engine.coordinator.requestBuy(signal(randomMint()));
    expect(result.reason?.code).toBe('store-unavailable');
    expect(trader.orders).toHaveLength(0);
    expect(fs.readFileSync(file).equals(content)).toBe(true);
    const kept = fs.readdirSync(path.join(dataDir, 'unreadable')).filter((n) => n.startsWith('ledger.sqlite.') && n.endsWith('.bad'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, 'unreadable', kept[0]!)).equals(content)).toBe(true);
  });

  it('a ledger from a newer version (schema version ahead of this app) is refused, not touched', async () => {
    const dataDir = tempDataDir();
    const first = await engineFor({ dataDir });
    await first.stop();
    const db = new Database(path.join(dataDir, 'ledger.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    const { engine, trader } = await engineFor({ dataDir });
    expect(engine.status().storeProblem).toContain('schema version 99 is newer');
    expect((await engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('store-unavailable');
    expect(trader.orders).toHaveLength(0);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
