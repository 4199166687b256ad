import { describe, expect, it } from 'vitest';
import { countExactlyOnce, readTruth, reportCounts } from '../support/data-dir-truth.js';
import { prepareSettings } from '../support/data-dir-settings.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { sleep, stopCleanly, track } from '../support/process-faults.js';
import { ServeClient } from '../support/serve-client.js';
import { spawnServe, type ServeProcess } from '../support/serve-process.js';

/**
 * The rules that move money are one truth for every instance on a data dir: the kill
 * switch set in one instance stops the others within a second and survives their settings
 * changes and restarts; the daily spend cap is counted over all instances together.
 * Money is counted on the paper chain (paper-ledger/), not in the store under test.
 */
const LATENCY_MAX_MS = 300;
const common = (dataDir: string, startAt: number, seed: number) => [
  '--data-dir', dataDir,
  '--sim-seed', '21',
  '--sim-start-at', String(startAt),
  '--sim-rate', '8',
  '--fail-rate', '0.05',
  '--unknown-rate', '0.05',
  '--latency-ms', `100-${LATENCY_MAX_MS}`,
  '--fault-seed', String(seed),
  '--quiet',
  // A signed paper buy can land for 1 s (default 60): an unknown one is settled from the chain soon after.
  '--paper-expiry-s', '1',
];

interface Status {
  killSwitch: boolean;
  instanceId: string;
}

async function finalCleanRun(dataDir: string) {
  // Unknown paper buys are settled once their fences expired (--paper-expiry-s 1).
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const done = await spawnServe(['--data-dir', dataDir, '--duration', '0', '--modules', '', '--quiet']).exited;
  expect(done.code, done.output).toBe(0);
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 25): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
  return Date.now() - t0;
}

describe('one kill switch and one spending cap for all instances', () => {
  it('kill switch on in A: B refuses within 1 s, B\'s later settings change keeps it on, a restart keeps it', async () => {
    const dataDir = tempDataDir('killswitch');
    prepareSettings(dataDir);
    const startAt = Date.now() + 3_000;
    const a = track(spawnServe(common(dataDir, startAt, 1)));
    let b: ServeProcess = track(spawnServe(common(dataDir, startAt, 2)));
    const [idA, idB] = await Promise.all([a.instanceId, b.instanceId]);
    const clientA = await ServeClient.of(a);
    let clientB = await ServeClient.of(b);
    const fillsOf = (id: string, after = 0) => readTruth(dataDir).fills.filter((f) => f.instanceId === id && f.at > after);
    // Both really buy before the switch, or refusing afterwards would prove nothing.
    await waitFor('both instances to buy', () => fillsOf(idA).length >= 3 && fillsOf(idB).length >= 3, 20_000, 100);

    await clientA.value('killSwitch.set', { on: true });
    const switchedAt = Date.now();
    const seenByBAfterMs = await waitFor('B to report the kill switch', async () => (await clientB.value<Status>('status.get')).killSwitch, 5_000);

    await sleep(2_000);
    // B changes a setting of its own: the kill switch set elsewhere must survive it.
    const change = await clientB.call('module.update', { module: 'sniper', patch: { solAmount: 0.2 } });
    expect(change.ok, JSON.stringify(change)).toBe(true);
    expect((await clientA.value<{ killSwitch: boolean }>('settings.get')).killSwitch).toBe(true);
    expect((await clientB.value<{ killSwitch: boolean }>('settings.get')).killSwitch).toBe(true);

    clientB.close();
    expect((await stopCleanly(b)).code).toBe(0);
    b = track(spawnServe(common(dataDir, startAt, 3)));
    const idB2 = await b.instanceId;
    clientB = await ServeClient.of(b);
    expect((await clientB.value<Status>('status.get')).killSwitch).toBe(true);
    await sleep(3_000);

    clientA.close();
    clientB.close();
    for (const p of [a, b]) expect((await stopCleanly(p)).code).toBe(0);
    await finalCleanRun(dataDir);

    const truth = readTruth(dataDir);
    const counts = countExactlyOnce(truth);
    // A buy that reached the trader after the switch was in force everywhere (1 s) would
    // fill at most LATENCY_MAX_MS later; 250 ms more for timers on a loaded machine.
    const lateFills = truth.fills.filter((f) => f.at > switchedAt + 1_000 + LATENCY_MAX_MS + 250);
    const killSwitchBlocksByB = truth.audit.filter((l) => l.instanceId === idB && l.reason?.code === 'kill-switch').length;
    reportCounts('kill-switch', counts, {
      seenByBAfterMs,
      lateFills: lateFills.length,
      killSwitchBlocksByB,
      fillsByRestartedB: fillsOf(idB2).length,
    });
    expect(seenByBAfterMs).toBeLessThan(1_000);
    expect(lateFills).toEqual([]);
    expect(killSwitchBlocksByB).toBeGreaterThan(0);
    expect(counts).toMatchObject({ doubleFills: 0, doubleRecords: 0, lostFills: 0, phantomRecords: 0, openIntents: 0 });
  }, 90_000);

  it('a daily spend cap of 1 SOL with three instances buying: at most 1 SOL spent in all', async () => {
    const dataDir = tempDataDir('dailycap');
    prepareSettings(dataDir, { solAmount: 0.1 });
    // The simulator starts at startAt: the cap must be in force before the first launch, or
    // A buys under no cap (on a machine loaded enough to start serve slowly, that happened).
    const startAt = Date.now() + 12_000;
    const a = track(spawnServe(common(dataDir, startAt, 1)));
    const clientA = await ServeClient.of(a);
    // Set where a trader sets it: in one running instance; the others start after.
    await clientA.value('limits.update', { dailySpendCapSol: 1 });
    clientA.close();
    expect(Date.now(), 'the cap was set after the simulator started: the machine is too loaded for this test').toBeLessThan(startAt);
    const others = [2, 3].map((seed) => track(spawnServe(common(dataDir, startAt, seed))));
    const procs = [a, ...others];
    await Promise.all(procs.map((p) => p.instanceId));
    await sleep(Math.max(0, startAt - Date.now()) + 8_000);
    for (const p of procs) expect((await stopCleanly(p)).code).toBe(0);
    await finalCleanRun(dataDir);

    const truth = readTruth(dataDir);
    const counts = countExactlyOnce(truth);
    const spentSol = truth.fills.reduce((sum, f) => sum + f.solSpent, 0);
    const capBlocks = truth.audit.filter((l) => l.reason?.code === 'limit-reached' && l.reason.limit === 'daily-spend-cap').length;
    const buyers = new Set(truth.fills.map((f) => f.instanceId)).size;
    // Every instance was trying to buy: it bought, or was refused by the cap or by another's claim.
    const trying = new Set(
      truth.audit
        .filter((l) => l.outcome === 'bought' || ['limit-reached', 'in-flight-elsewhere', 'already-bought'].includes(l.reason?.code ?? ''))
        .map((l) => l.instanceId),
    ).size;
    reportCounts('daily-cap-1-sol', counts, { spentSol: Math.round(spentSol * 1e6) / 1e6, capBlocks, buyers, trying });
    expect(spentSol).toBeLessThanOrEqual(1 + 1e-9);
    // The cap was really reached, with all three instances buying.
    expect(spentSol).toBeGreaterThanOrEqual(0.7);
    expect(capBlocks).toBeGreaterThan(0);
    expect(trying).toBe(3);
    expect(counts).toMatchObject({ doubleFills: 0, doubleRecords: 0, lostFills: 0, phantomRecords: 0, openIntents: 0 });
  }, 90_000);
});
