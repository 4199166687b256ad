import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcileQuery, ReconcileResult } from '../../../../electron/core/traders/trader.js';
import { auditLinesOf } from '../../../support/audit-lines.js';
import { randomMint, readHistory, signal, startTestEngine, type TestEngine } from '../../../support/engine-fixture.js';
import { waitUntil } from '../../../support/wait-until.js';

const engines: TestEngine[] = [];
async function engineFor(): Promise<TestEngine> {
  const e = await startTestEngine();
  engines.push(e);
  return e;
}
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop().catch(() => undefined);
});

/** Two unknown buys; the trader's answer about the first is held open until `answerFirst`. */
async function twoUnknowns(te: TestEngine) {
  const [first, second] = [randomMint(), randomMint()];
  for (const mint of [first, second]) {
    te.trader.willReturn(mint, { kind: 'unknown', error: 'timeout' });
    expect((await te.engine.coordinator.requestBuy(signal(mint))).outcome).toBe('unknown');
  }
  let answerFirst: (r: ReconcileResult) => void = () => undefined;
  const asked: string[] = [];
  te.trader.reconcile = (query: ReconcileQuery) => {
    asked.push(query.mint);
    if (query.mint === first) return new Promise((resolve) => (answerFirst = resolve));
    return Promise.resolve(te.trader.reconcileAnswers.get(query.mint) ?? { kind: 'still-unknown', detail: 'n/a' });
  };
  return { first, second, asked, answerFirst: (r: ReconcileResult) => answerFirst(r) };
}

function reconciledLines(te: TestEngine, mint: string) {
  return auditLinesOf(te.dataDir, te.engine.instanceId).filter((l) => l.mint === mint && l.outcome.startsWith('reconciled'));
}

describe('Reconciler', () => {
  it('resolves each unknown once and reports pending the ones the chain cannot tell yet', async () => {
    const te = await engineFor();
    const [landed, notLanded, pending] = [randomMint(), randomMint(), randomMint()];
    for (const mint of [landed, notLanded, pending]) {
      te.trader.willReturn(mint, { kind: 'unknown', error: 'timeout' });
      await te.engine.coordinator.requestBuy(signal(mint));
    }
    te.trader.reconcileAnswers.set(landed, { kind: 'landed', signature: 'sig-l', solSpent: 0.1, tokens: 3 });
    te.trader.reconcileAnswers.set(notLanded, { kind: 'not-landed', detail: 'block height exceeded' });
    expect(await te.engine.reconciler.reconcileNow()).toEqual({ resolved: 2, pending: 1 });
    expect(await te.engine.reconciler.reconcileNow()).toEqual({ resolved: 0, pending: 1 });
    expect(reconciledLines(te, landed).map((l) => l.outcome)).toEqual(['reconciled-bought']);
    expect(reconciledLines(te, notLanded)).toMatchObject([{ outcome: 'reconciled-not-bought', detail: 'block height exceeded' }]);
    expect(Object.keys(readHistory(te.dataDir))).toEqual([landed]);
    expect(te.engine.status().unknown).toBe(1);
  });

  it('a trader that throws while reconciling leaves the buy unknown', async () => {
    const te = await engineFor();
    const mint = randomMint();
    te.trader.willReturn(mint, { kind: 'unknown', error: 'timeout' });
    await te.engine.coordinator.requestBuy(signal(mint));
    te.trader.reconcile = () => Promise.reject(new Error('rpc down'));
    expect(await te.engine.reconciler.reconcileNow()).toEqual({ resolved: 0, pending: 1 });
    expect((await te.engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('unknown-outcome');
  });

  it('refuses a hand verdict for a mint it holds no unknown buy of', async () => {
    const te = await engineFor();
    await expect(te.engine.reconciler.resolveByHand(randomMint(), { outcome: 'not-bought' })).rejects.toThrow(/no unknown buy/);
  });

  // Regression test: this once failed (reconciler.ts reconcileNow/reconcileOne).
  it('a buy resolved by hand during a reconcile pass is not resolved again by that pass', async () => {
    const te = await engineFor();
    const { first, second, asked, answerFirst } = await twoUnknowns(te);
    te.trader.reconcileAnswers.set(second, { kind: 'not-landed', detail: 'expired' });
    const pass = te.engine.reconciler.reconcileNow();
    await waitUntil(() => asked.includes(first), 'the pass to ask about the first mint');
    await te.engine.port.handlers['blocked.markReconciled']({ mint: second, outcome: 'not-bought' });
    answerFirst({ kind: 'still-unknown', detail: 'not yet' });
    await pass;
    expect(reconciledLines(te, second)).toHaveLength(1);
  });

  it('a hand verdict waits its turn while the pass is asking the trader about that very mint', async () => {
    const te = await engineFor();
    const { first, asked, answerFirst } = await twoUnknowns(te);
    const pass = te.engine.reconciler.reconcileNow();
    await waitUntil(() => asked.includes(first), 'the pass to ask about the first mint');
    await expect(te.engine.port.handlers['blocked.markReconciled']({ mint: first, outcome: 'not-bought' })).rejects.toThrow(
      /being reconciled right now/,
    );
    answerFirst({ kind: 'landed', signature: 'sig-first', solSpent: 0.1, tokens: 2 });
    await pass;
    expect(reconciledLines(te, first).map((l) => l.outcome)).toEqual(['reconciled-bought']);
    expect(readHistory(te.dataDir)[first]).toHaveLength(1);
  });
});
