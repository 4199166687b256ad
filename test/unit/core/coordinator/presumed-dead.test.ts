import { describe, expect, it } from 'vitest';
import { playDead, randomMint, readHistory, signal, tempDataDir, useTestEngines } from '../../../support/engine-fixture.js';
import { ScriptedTrader } from '../../../support/scripted-trader.js';
import { intentsOnDisk } from '../../../support/intents-on-disk.js';
import { waitUntil } from '../../../support/wait-until.js';

const engineFor = useTestEngines();


/**
 * With kernel liveness a frozen instance is never taken for dead (see instance-lock tests).
 * Here the kernel lock is let go while the buy is still running — what a process that lost
 * its lock would look like — and another instance adopts the intent, reconciles it and buys
 * the mint again. Then the first one's buy finishes. Whatever it reports must not undo the
 * other instance's claim.
 */
describe('a presumed-dead instance that wakes up', () => {
  async function wakeUpScenario() {
    const dataDir = tempDataDir();
    const a = await engineFor({ dataDir, instanceId: 'i-frozen' });
    const mint = randomMint();
    a.trader.hold(mint);
    void a.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => a.trader.buysOf(mint) === 1, 'a to send its buy');
    playDead(a.engine);
    const bTrader = new ScriptedTrader();
    bTrader.reconcileAnswers.set(mint, { kind: 'not-landed', detail: 'nothing on chain' });
    const b = await engineFor({ dataDir, instanceId: 'i-awake', trader: bTrader });
    expect(intentsOnDisk(dataDir)[mint]).toBeUndefined(); // adopted, reconciled as not landed, released
    b.trader.hold(mint);
    const bBuying = b.engine.coordinator.requestBuy(signal(mint, 'trending'));
    await waitUntil(() => b.trader.buysOf(mint) === 1, 'b to send its buy');
    const bAttempt = b.trader.orders[0]!.attemptId;
    expect(intentsOnDisk(dataDir)[mint]).toMatchObject({ attemptId: bAttempt, status: 'in-flight' });
    return { dataDir, a, b, mint, bAttempt, bBuying };
  }

  it('its late success is recorded (it did buy) and does not remove the other claim', async () => {
    const { dataDir, a, b, mint, bAttempt, bBuying } = await wakeUpScenario();
    a.trader.open(mint);
    await waitUntil(() => a.engine.status().inFlight === 0, 'a to settle');
    expect(intentsOnDisk(dataDir)[mint]).toMatchObject({ attemptId: bAttempt });
    b.trader.open(mint);
    await bBuying;
    expect(readHistory(dataDir)[mint]).toHaveLength(2);
  });

  // Regression test: this once failed (data-dir-claims.ts markUnknown).
  it('its late unknown outcome does not overwrite the other instance\'s live claim', async () => {
    const { dataDir, a, b, mint, bAttempt, bBuying } = await wakeUpScenario();
    try {
      a.trader.willReturn(mint, { kind: 'unknown', error: 'timeout after waking up' });
      a.trader.open(mint);
      await waitUntil(() => a.engine.status().inFlight === 0, 'a to settle');
      expect(intentsOnDisk(dataDir)[mint]).toMatchObject({ attemptId: bAttempt, status: 'in-flight', instanceId: 'i-awake' });
    } finally {
      b.trader.open(mint);
      await bBuying;
    }
  });
});
