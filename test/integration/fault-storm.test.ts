import { describe, expect, it } from 'vitest';
import { Rng } from '../../electron/core/time/rng.js';
import { countExactlyOnce, readTruth, reportCounts } from '../support/data-dir-truth.js';
import { prepareSettings } from '../support/data-dir-settings.js';
import { countSells } from '../support/sells-truth.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { freeze, openIntentsOf, sleep, stopCleanly, thaw, track } from '../support/process-faults.js';
import { scenario } from '../support/scenario-durations.js';
import { spawnServe, type ServeProcess } from '../support/serve-process.js';

/**
 * A storm on three instances sharing a data dir: at seeded random moments one of them is
 * SIGKILLed and restarted at once, or SIGSTOPped for up to 2 s and let go — during start,
 * mid-buy, mid-reconcile, wherever the moment falls. Afterwards a clean final run; then,
 * against the paper chain: no double fill, no double record, no fill lost, no intent left;
 * and, with exits that sell within seconds, no position sold twice, no sell lost or made up,
 * no sell left in the air.
 */
const quickExits = { takeProfitPct: 10, stopLossPct: 10, trailingStopPct: 8, maxHoldMinutes: 0.1 };
const noExits = { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 };
const common = (dataDir: string, startAt: number) => [
  '--data-dir', dataDir,
  '--sim-seed', '31',
  '--sim-start-at', String(startAt),
  '--sim-rate', '8',
  '--fail-rate', '0.1',
  '--unknown-rate', '0.1',
  '--latency-ms', '100-900',
  '--quiet',
  // A signed paper buy can land for 1 s (default 60): an unknown one is settled from the chain soon after.
  '--paper-expiry-s', '1',
];

interface Slot {
  proc: ServeProcess;
  /** Its instance id once it has started (printed its start line). */
  id: string | undefined;
  frozenUntil: number;
}

describe('a storm of kills and stops on three instances', () => {
  it(`${scenario.stormPoints} fault points (SIGKILL with restart, SIGSTOP then SIGCONT): nothing doubled, lost or stuck`, async () => {
    const dataDir = tempDataDir('storm');
    prepareSettings(dataDir, { exits: quickExits });
    const startAt = Date.now() + 2_500;
    const rng = new Rng(scenario.stormPoints);
    let spawned = 0;
    const slots: Slot[] = [];
    const start = (slot: Slot) => {
      slot.proc = track(spawnServe([...common(dataDir, startAt), '--fault-seed', String(++spawned)]));
      slot.id = undefined;
      slot.frozenUntil = 0;
      const proc = slot.proc;
      void proc.instanceId.then((id) => {
        if (slot.proc === proc) slot.id = id;
      });
    };
    for (let i = 0; i < 3; i++) {
      const slot = { frozenUntil: 0 } as Slot;
      start(slot);
      slots.push(slot);
    }
    await Promise.all(slots.map((s) => s.proc.instanceId));

    let kills = 0;
    let killedHoldingBuys = 0;
    let stops = 0;
    // Bounded: a point that finds nothing to do (every candidate frozen) is drawn again.
    for (let draw = 0; kills + stops < scenario.stormPoints && draw < scenario.stormPoints * 3; draw++) {
      await sleep(rng.between(100, 400));
      const now = Date.now();
      for (const slot of slots) {
        if (slot.frozenUntil === 0 || slot.frozenUntil > now) continue;
        thaw(slot.proc.child);
        slot.frozenUntil = 0;
      }
      const pick = (candidates: Slot[]) => candidates[Math.floor(rng.next() * candidates.length)];
      if (rng.chance(0.5)) {
        // Mostly a running instance caught holding buys (frozen or not); one in five wherever
        // it stands, start-up included.
        const running = slots.filter((s) => s.id !== undefined);
        const holding = running.filter((s) => openIntentsOf(dataDir, s.id as string) > 0);
        // With none running (all restarting), one is killed in its start-up: a fault point too.
        const slot = pick(rng.chance(0.2) ? slots : holding.length > 0 ? holding : running.length > 0 ? running : slots)!;
        if (slot.id !== undefined && openIntentsOf(dataDir, slot.id) > 0) killedHoldingBuys++;
        slot.proc.child.kill('SIGKILL');
        await slot.proc.exited;
        kills++;
        start(slot);
      } else {
        const slot = pick(slots.filter((s) => s.frozenUntil === 0));
        if (!slot) continue;
        freeze(slot.proc.child);
        slot.frozenUntil = now + rng.between(100, 2_000);
        stops++;
      }
    }
    for (const slot of slots) thaw(slot.proc.child);
    await Promise.all(slots.map((s) => s.proc.instanceId));
    await sleep(3_000);
    for (const slot of slots) {
      const done = await stopCleanly(slot.proc);
      expect(done.code, done.output).toBe(0);
    }
    // Unknown paper buys and sells are settled once their fences expired (--paper-expiry-s 1),
    // by a last run that neither buys nor sells of its own.
    prepareSettings(dataDir, { exits: noExits });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const last = await spawnServe(['--data-dir', dataDir, '--duration', '0', '--modules', '', '--quiet']).exited;
    expect(last.code, last.output).toBe(0);

    const counts = countExactlyOnce(readTruth(dataDir));
    reportCounts('fault-storm', counts, { points: scenario.stormPoints, kills, killedHoldingBuys, stops, instances: spawned });
    expect(kills + stops).toBeGreaterThanOrEqual(100);
    expect(kills).toBeGreaterThan(30);
    expect(killedHoldingBuys).toBeGreaterThan(0);
    expect(counts.fills).toBeGreaterThan(20);
    expect(counts).toMatchObject({ doubleFills: 0, doubleRecords: 0, lostFills: 0, phantomRecords: 0, openIntents: 0 });
    const sells = countSells(dataDir);
    process.stdout.write(`${JSON.stringify({ scenario: 'fault-storm-sells', ...sells })}\n`);
    expect(sells.soldSells).toBeGreaterThan(10);
    expect(sells).toMatchObject({ lostSells: 0, phantomSells: 0, oversold: 0, openSells: 0, inconsistentPositions: 0 });
  }, 240_000);
});
