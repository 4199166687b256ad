import { describe, expect, it } from 'vitest';
import { auditLinesOfAttempt } from '../../../support/audit-lines.js';
import { randomMint, readHistory, signal, useTestEngines } from '../../../support/engine-fixture.js';
import { failLedgerWrites, intentsOnDisk } from '../../../support/intents-on-disk.js';
import { waitUntil } from '../../../support/wait-until.js';

const engineFor = useTestEngines();

describe('a ledger write that fails mid-buy', () => {
  it('bought but not recorded: held as unknown, all buying stops, and a reconcile records it once the disk is back', async () => {
    const te = await engineFor();
    const mint = randomMint();
    const undo = failLedgerWrites(te.dataDir, 'purchases', 'INSERT');
    const result = await te.engine.coordinator.requestBuy(signal(mint));
    expect(result.outcome).toBe('unknown');
    expect(result.detail).toMatch(/^bought \(sig-.+\) but the purchase could not be recorded: disk I\/O error/);
    expect(intentsOnDisk(te.dataDir)[mint]).toMatchObject({ status: 'unknown', signature: result.signature, attemptId: result.attemptId });
    expect(te.engine.status().storeHealthy).toBe(false);
    expect((await te.engine.coordinator.requestBuy(signal(mint, 'trending'))).reason?.code).toBe('unknown-outcome');
    expect((await te.engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('store-unavailable');

    undo();
    te.trader.reconcileAnswers.set(mint, { kind: 'landed', signature: result.signature!, solSpent: 0.1, tokens: 1_000 });
    expect(await te.engine.reconciler.reconcileNow()).toEqual({ resolved: 1, pending: 0 });
    expect(readHistory(te.dataDir)[mint]).toMatchObject([{ attemptId: result.attemptId }]);
    expect(intentsOnDisk(te.dataDir)).toEqual({});
    expect(auditLinesOfAttempt(te.dataDir, te.engine.instanceId, result.attemptId).map((l) => l.outcome)).toEqual([
      'unknown',
      'reconciled-bought',
    ]);
    expect(te.trader.buysOf(mint)).toBe(1);
  });

  it('failed but the claim could not be released: the mint stays blocked rather than silently free', async () => {
    const te = await engineFor();
    const mint = randomMint();
    te.trader.willReturn(mint, { kind: 'failure', error: 'rejected' });
    te.trader.hold(mint);
    const buying = te.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => te.trader.buysOf(mint) === 1, 'the buy to reach the trader');
    const undoDelete = failLedgerWrites(te.dataDir, 'intents', 'DELETE');
    const undoUpdate = failLedgerWrites(te.dataDir, 'intents', 'UPDATE');
    te.trader.open(mint);
    const result = await buying;
    expect(result.outcome).toBe('unknown');
    expect(result.detail).toContain('failed, but the claim could not be released');
    expect(intentsOnDisk(te.dataDir)[mint]).toMatchObject({ status: 'in-flight', attemptId: result.attemptId });
    expect((await te.engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('unknown-outcome');
    expect(te.trader.buysOf(mint)).toBe(1);
    undoDelete();
    undoUpdate();
  });

  it('a failure while recording an unknown does not leave the intent stuck in flight under a live owner', async () => {
    const te = await engineFor();
    const mint = randomMint();
    te.trader.willReturn(mint, { kind: 'unknown', error: 'timeout' });
    const undo = failLedgerWrites(te.dataDir, 'intents', 'UPDATE');
    const result = await te.engine.coordinator.requestBuy(signal(mint));
    expect(result.outcome).toBe('unknown');
    // The ledger still says in flight, under this (live) instance: nobody else will ever adopt it.
    expect(intentsOnDisk(te.dataDir)[mint]).toMatchObject({ status: 'in-flight', instanceId: te.engine.instanceId });
    undo();
    // The next reconcile pass sees an own in-flight intent with no buy running here: unknown, then resolved.
    te.trader.reconcileAnswers.set(mint, { kind: 'not-landed', detail: 'expired' });
    expect(await te.engine.reconciler.reconcileNow()).toEqual({ resolved: 1, pending: 0 });
    expect(intentsOnDisk(te.dataDir)).toEqual({});
    expect(readHistory(te.dataDir)[mint]).toBeUndefined();
  });
});
