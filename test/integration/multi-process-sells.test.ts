import { describe, expect, it } from 'vitest';
import { prepareSettings } from '../support/data-dir-settings.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { countSells } from '../support/sells-truth.js';
import { spawnServe } from '../support/serve-process.js';

/**
 * Real OS processes on one data dir, seeing the same simulated market at the same moments:
 * every one of them sees each exit fire for each position at once, and races to sell it,
 * with failed and unknown sells injected. The paper chain's sells table is what "really" sold.
 */
const common = (dataDir: string, startAt: number) => [
  '--data-dir', dataDir,
  '--sim-seed', '11',
  '--sim-start-at', String(startAt),
  '--sim-rate', '4',
  '--fail-rate', '0.2',
  '--unknown-rate', '0.15',
  '--paper-expiry-s', '2',
  '--quiet',
];

describe('several OS processes selling on one data dir', () => {
  it('three processes racing on every exit never sell a position twice, and lose no sell', async () => {
    const dataDir = tempDataDir('mps');
    // Exits that fire within seconds: every position is sold before the run ends.
    prepareSettings(dataDir, { exits: { takeProfitPct: 10, stopLossPct: 10, trailingStopPct: 8, maxHoldMinutes: 0.1 } });
    const startAt = Date.now() + 2_500;
    const procs = [1, 2, 3].map((i) => spawnServe([...common(dataDir, startAt), '--fault-seed', String(i), '--latency-ms', '50-300', '--duration', '14']));
    for (const p of procs) {
      const done = await p.exited;
      expect(done.code, done.output).toBe(0);
    }
    // Every fence has expired by now: a last start, with no module buying and no exit firing
    // (so it sells nothing of its own), reconciles what was left unknown.
    prepareSettings(dataDir, { exits: { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const last = spawnServe([...common(dataDir, startAt), '--duration', '0', '--modules', '']);
    expect((await last.exited).code).toBe(0);

    const counts = countSells(dataDir);
    process.stdout.write(`${JSON.stringify({ scenario: 'multi-process-sells', ...counts })}\n`);
    // Nothing left in the air or unknown; what the chain sold is exactly what the ledger
    // recorded sold (nothing lost, nothing made up); no position sold twice; the books agree.
    expect(counts).toMatchObject({ lostSells: 0, phantomSells: 0, oversold: 0, openSells: 0, inconsistentPositions: 0 });
    // It was a race: sells by more than one instance, positions sold by another instance than
    // the one that bought them, and failures retried on the way.
    expect(counts.soldSells).toBeGreaterThan(10);
    expect(counts.sellingInstances).toBeGreaterThan(1);
    expect(counts.soldByAnotherInstance).toBeGreaterThan(0);
    expect(counts.failedSells).toBeGreaterThan(0);
  }, 90_000);
});
