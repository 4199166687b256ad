import { afterEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../../../electron/core/store/history-store.js';
import { confStoreFactory } from '../../../../electron/core/store/json-file-store.js';
import { auditLinesOfAttempt } from '../../../support/audit-lines.js';
import { CountingStoreFactory } from '../../../support/counting-store-factory.js';
import { randomMint, readHistory, signal, startTestEngine, type TestEngine } from '../../../support/engine-fixture.js';
import { intentsOnDisk } from '../../../support/intents-on-disk.js';
import { waitUntil } from '../../../support/wait-until.js';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop().catch(() => undefined);
});

async function engineWithFlakyDisk(): Promise<{ te: TestEngine; disk: CountingStoreFactory }> {
  const disk = new CountingStoreFactory(confStoreFactory);
  const te = await startTestEngine({ storeFactory: disk.factory, intentIo: disk.journalIo });
  engines.push(te);
  return { te, disk };
}


describe('a store write that fails mid-buy', () => {
  it('bought but not recorded: held as unknown, all buying stops, and a reconcile records it once the disk is back', async () => {
    const { te, disk } = await engineWithFlakyDisk();
    const mint = randomMint();
    disk.failWrites.add(shardOf(mint));
    const result = await te.engine.coordinator.requestBuy(signal(mint));
    expect(result.outcome).toBe('unknown');
    expect(result.detail).toMatch(/^bought \(sig-.+\) but the purchase could not be recorded: EIO/);
    expect(intentsOnDisk(te.dataDir)[mint]).toMatchObject({ status: 'unknown', signature: result.signature, attemptId: result.attemptId });
    expect(te.engine.status().storeHealthy).toBe(false);
    expect((await te.engine.coordinator.requestBuy(signal(mint, 'trending'))).reason?.code).toBe('unknown-outcome');
    expect((await te.engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('store-unavailable');

    disk.failWrites.clear();
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
    const { te, disk } = await engineWithFlakyDisk();
    const mint = randomMint();
    te.trader.willReturn(mint, { kind: 'failure', error: 'rejected' });
    te.trader.hold(mint);
    const buying = te.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => te.trader.buysOf(mint) === 1, 'the buy to reach the trader');
    disk.failWrites.add('in-flight-intents');
    te.trader.open(mint);
    const result = await buying;
    expect(result.outcome).toBe('unknown');
    expect(result.detail).toContain('failed, but the claim could not be released');
    expect(intentsOnDisk(te.dataDir)[mint]).toMatchObject({ status: 'in-flight', attemptId: result.attemptId });
    expect((await te.engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('unknown-outcome');
    expect(te.trader.buysOf(mint)).toBe(1);
  });
});
