import { describe, expect, it } from 'vitest';
import { countBy, inspectDataDir, spawnServe } from '../support/serve-process.js';
import { tempDataDir } from '../support/engine-fixture.js';

/**
 * Real OS processes on one data dir, racing on the same simulated launches (same seed:
 * the same tokens at the same offsets), with failures and unknown outcomes injected. The
 * paper ledger is the "chain": what it holds was really bought.
 */
const common = (dataDir: string, startAt = Date.now() + 2_000) => [
  '--data-dir', dataDir,
  '--sim-seed', '7',
  // One schedule for all: launch k reaches every process at the same moment.
  '--sim-start-at', String(startAt),
  '--sim-rate', '8',
  '--fail-rate', '0.2',
  '--unknown-rate', '0.15',
  '--modules', 'sniper,whale-copy,trending,volume',
  // A signed paper buy can land for 2 s: an unknown one is settled from the chain once that passed.
  '--paper-expiry-s', '2',
  '--quiet',
];

function expectExactlyOnce(dataDir: string) {
  const { history, fills, intents, audit } = inspectDataDir(dataDir);
  // Nothing stuck: every intent, including those of killed processes, was reconciled.
  expect(intents).toEqual({});
  // No mint bought twice on the "chain", nor recorded twice.
  expect([...countBy(fills, (f) => f.mint).values()].every((n) => n === 1)).toBe(true);
  expect([...countBy(history, (r) => r.mint).values()].every((n) => n === 1)).toBe(true);
  // Nothing lost: the history is exactly what landed.
  expect(new Set(history.map((r) => r.attemptId))).toEqual(new Set(fills.map((f) => f.attemptId)));
  return { history, fills, audit };
}

async function finalReconcile(dataDir: string) {
  // Every unknown buy's fence has expired by now (the processes ran longer than --paper-expiry-s
  // after their last buy only if we wait): wait it out, so the reconcile can tell.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const last = spawnServe([...common(dataDir), '--duration', '0', '--modules', '']);
  const done = await last.exited;
  expect(done.code, done.output).toBe(0);
}

describe('several OS processes on one data dir', () => {
  it('three racing processes with failures and unknowns buy no mint twice and lose no buy', async () => {
    const dataDir = tempDataDir('mp');
    const startAt = Date.now() + 2_500;
    const procs = [1, 2, 3].map((i) => spawnServe([...common(dataDir, startAt), '--fault-seed', String(i), '--latency-ms', '50-400', '--duration', '8']));
    for (const p of procs) {
      const done = await p.exited;
      expect(done.code, done.output).toBe(0);
    }
    await finalReconcile(dataDir);
    const { history, audit } = expectExactlyOnce(dataDir);
    expect(history.length).toBeGreaterThan(20);
    // They really raced: each instance was refused mints another one held or had bought.
    const crossBlocks = audit.filter((l) => l.reason?.code === 'in-flight-elsewhere' || l.reason?.code === 'already-bought');
    expect(new Set(crossBlocks.map((l) => l.instanceId)).size).toBe(3);
    expect(audit.some((l) => l.reason?.code === 'in-flight-elsewhere')).toBe(true);
    expect(audit.some((l) => l.outcome === 'unknown')).toBe(true);
    expect(audit.some((l) => l.outcome === 'failed')).toBe(true);
  }, 90_000);

  it('a process killed with SIGKILL mid-buy and restarted: nothing duplicated, lost or stuck', async () => {
    const dataDir = tempDataDir('mpkill');
    const startAt = Date.now() + 2_000;
    const args = (seed: number, duration: number) => [...common(dataDir, startAt), '--fault-seed', String(seed), '--latency-ms', '300-900', '--duration', String(duration)];
    const a = spawnServe(args(1, 8));
    const victim = spawnServe(args(2, 8));
    const victimId = await victim.instanceId;
    await new Promise((r) => setTimeout(r, 3_500));
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    const orphaned = Object.values(inspectDataDir(dataDir).intents).filter((i) => i.instanceId === victimId);
    // It died holding buys: otherwise this test would prove nothing.
    expect(orphaned.length).toBeGreaterThan(0);

    const restarted = spawnServe(args(3, 3));
    for (const p of [a, restarted]) {
      const done = await p.exited;
      expect(done.code, done.output).toBe(0);
    }
    await finalReconcile(dataDir);
    const { audit } = expectExactlyOnce(dataDir);
    const reconciled = audit.filter((l) => l.outcome === 'reconciled-bought' || l.outcome === 'reconciled-not-bought');
    expect(reconciled.length).toBeGreaterThanOrEqual(orphaned.length);
  }, 90_000);
});
