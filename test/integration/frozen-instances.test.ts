import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countExactlyOnce, readTruth, reportCounts, takeoversBy } from '../support/data-dir-truth.js';
import { prepareSettings } from '../support/data-dir-settings.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { freeze, freezeMidBuy, sleep, stopCleanly, thaw, track } from '../support/process-faults.js';
import { scenario } from '../support/scenario-durations.js';
import { spawnServe, type ServeProcess } from '../support/serve-process.js';

/**
 * Live instances that stop answering for a while — a SIGSTOP, a closed laptop lid, a
 * debugger — or whose liveness file cannot be read, are still alive: nothing of theirs
 * may be taken over. Measured against the paper chain (paper-ledger/, written by the paper
 * trader, never by the store): double fills, double records, fills the history lost, and
 * intents left open after a clean final run — all must be zero. Takeovers (a reconcile by
 * one instance of another's attempt) must be zero too: no process died in these runs.
 */
const common = (dataDir: string, startAt: number) => [
  '--data-dir', dataDir,
  '--sim-seed', '11',
  '--sim-start-at', String(startAt),
  '--sim-rate', '8',
  '--fail-rate', '0.1',
  '--unknown-rate', '0.1',
  // Long enough that a process is often caught with buys in flight.
  '--latency-ms', '300-1200',
  '--modules', 'sniper,whale-copy,trending,volume',
  '--quiet',
  // A signed paper buy can land for 1 s (default 60): an unknown one is settled from the chain soon after.
  '--paper-expiry-s', '1',
];

async function finalCleanRun(dataDir: string) {
  // Unknown paper buys are settled once their fences expired (--paper-expiry-s 1).
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const last = spawnServe(['--data-dir', dataDir, '--duration', '0', '--modules', '', '--quiet']);
  const done = await last.exited;
  expect(done.code, done.output).toBe(0);
  return last.instanceId;
}

/** SIGTERM to all at once; returns when the first was sent (from then on, adoptions are right). */
async function stopAll(procs: ServeProcess[]): Promise<number> {
  const stoppedAt = Date.now();
  const exits = await Promise.all(procs.map((p) => stopCleanly(p)));
  for (const done of exits) expect(done.code, done.output).toBe(0);
  return stoppedAt;
}

/**
 * Claims refused because the ledger's write lock was not had within its busy timeout.
 * Reported, not asserted here: after a sleep the simulator hands over everything it missed
 * at once, and one instance's back-to-back claims can starve another's busy-wait past the
 * timeout on a loaded machine (seen once in a loaded full run: 2 such blocks, no double
 * anything). The claim race asserts zero, as the issue asks.
 */
const storeUnavailable = (counts: { blocks: Record<string, number> }) => counts.blocks['store-unavailable'] ?? 0;

describe('frozen and unreadable instances are never taken for dead', () => {
  it(`one instance frozen ${scenario.freezeOneMs / 1000} s mid-buys, then all three ${scenario.freezeAllMs / 1000} s (a laptop sleep)`, async () => {
    const dataDir = tempDataDir('frozen');
    prepareSettings(dataDir);
    const startAt = Date.now() + 2_500;
    const procs = [1, 2, 3].map((seed) => track(spawnServe([...common(dataDir, startAt), '--fault-seed', String(seed)])));
    const ids = await Promise.all(procs.map((p) => p.instanceId));
    const [a, b, c] = procs as [ServeProcess, ServeProcess, ServeProcess];

    const frozenInFlight = await freezeMidBuy(c.child, dataDir, ids[2]!);
    await sleep(scenario.freezeOneMs);
    freeze(a.child);
    freeze(b.child);
    await sleep(scenario.freezeAllMs);
    for (const p of procs) thaw(p.child);
    // Time for the frozen buys to land, for the reconcile loops to run, and for buying to go on.
    await sleep(6_000);
    const stoppedAt = await stopAll(procs);
    await finalCleanRun(dataDir);

    const truth = readTruth(dataDir);
    const counts = countExactlyOnce(truth);
    const takeovers = takeoversBy(truth, ids, stoppedAt);
    reportCounts('frozen-one-then-all', counts, { frozenInFlight, takeovers, storeUnavailable: storeUnavailable(counts), freezeOneMs: scenario.freezeOneMs, freezeAllMs: scenario.freezeAllMs });
    expect(frozenInFlight).toBeGreaterThan(0);
    expect(counts.fills).toBeGreaterThan(20);
    expect(counts.blocks['in-flight-elsewhere'] ?? 0).toBeGreaterThan(0);
    expect({ ...counts, takeovers }).toMatchObject({ doubleFills: 0, doubleRecords: 0, lostFills: 0, phantomRecords: 0, openIntents: 0, takeovers: 0 });
  }, 120_000 + scenario.freezeOneMs + scenario.freezeAllMs);

  it(`an instance whose liveness files are garbled, then deleted, for ${scenario.garbledLivenessMs / 1000} s while it buys`, async () => {
    const dataDir = tempDataDir('garbled');
    prepareSettings(dataDir);
    const startAt = Date.now() + 2_500;
    const procs = [1, 2].map((seed) => track(spawnServe([...common(dataDir, startAt), '--fault-seed', String(seed)])));
    const ids = await Promise.all(procs.map((p) => p.instanceId));
    const victimId = ids[0]!;

    const garbled = new Set<string>();
    let deleted = 0;
    const garbleUntil = Date.now() + scenario.garbledLivenessMs / 2;
    while (Date.now() < garbleUntil) {
      // Whatever the store keeps to say the victim is alive, under any name: garbage in
      // place (same inode, so a kernel lock on it stays held), and mode 000 (no effect for
      // root, who runs CI; it is the garbage that makes it unreadable there).
      for (const file of livenessFilesOf(dataDir, victimId)) {
        garbleInPlace(file);
        garbled.add(path.relative(dataDir, file));
      }
      await sleep(250);
    }
    // Then gone altogether, as a cleanup script or a careless hand would do it.
    for (const file of livenessFilesOf(dataDir, victimId)) {
      fs.rmSync(file, { force: true });
      deleted++;
    }
    await sleep(scenario.garbledLivenessMs / 2);
    await sleep(3_000);
    const stoppedAt = await stopAll(procs);
    await finalCleanRun(dataDir);

    const truth = readTruth(dataDir);
    const counts = countExactlyOnce(truth);
    const takeovers = takeoversBy(truth, ids, stoppedAt);
    reportCounts('garbled-liveness', counts, { garbled: [...garbled], deleted, takeovers, storeUnavailable: storeUnavailable(counts), garbledThenDeletedMs: scenario.garbledLivenessMs });
    expect(garbled.size).toBeGreaterThan(0);
    expect(deleted).toBeGreaterThan(0);
    expect(counts.fills).toBeGreaterThan(10);
    expect({ ...counts, takeovers }).toMatchObject({ doubleFills: 0, doubleRecords: 0, lostFills: 0, phantomRecords: 0, openIntents: 0, takeovers: 0 });
  }, 120_000 + scenario.garbledLivenessMs);
});

/** Files in the data dir named after the instance, outside its own audit log and paper chain. */
function livenessFilesOf(dataDir: string, instanceId: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'audit' && entry.name !== 'paper-ledger') walk(full);
      } else if (entry.isFile() && entry.name.includes(instanceId)) {
        out.push(full);
      }
    }
  };
  walk(dataDir);
  return out;
}

function garbleInPlace(file: string): void {
  try {
    const fd = fs.openSync(file, 'r+');
    try {
      const size = Math.max(64, fs.fstatSync(fd).size);
      fs.writeSync(fd, Buffer.alloc(Math.min(size, 4096), 0x5a), 0, Math.min(size, 4096), 0);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(file, 0o000);
  } catch (error) {
    // The owner may replace or remove it meanwhile; the next round garbles what is there.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
