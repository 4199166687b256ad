import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dataDirPaths } from '../../electron/core/data-dir-paths.js';
import { readAllFills } from '../../electron/core/traders/paper-ledger.js';
import { prepareSettings } from '../support/data-dir-settings.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { countBy, spawnServe } from '../support/serve-process.js';

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

interface SellRow {
  sell_id: string;
  position_id: number;
  instance_id: string;
  status: string;
  tokens_sold: number | null;
  sol_received: number | null;
}

interface PositionRow {
  id: number;
  tokens_bought: number;
  tokens_held: number;
  status: string;
  buyer: string;
}

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

    const db = new Database(dataDirPaths(dataDir).ledger, { readonly: true });
    const sells = db.prepare('SELECT * FROM sells').all() as SellRow[];
    const positions = db
      .prepare('SELECT p.id, p.tokens_bought, p.tokens_held, p.status, u.instance_id AS buyer FROM positions p JOIN purchases u ON u.id = p.purchase_id')
      .all() as PositionRow[];
    db.close();
    const chain = readAllFills(path.join(dataDir, 'paper-ledger'), 'sell');

    // Nothing left in the air or unknown.
    expect(sells.filter((s) => s.status === 'in-flight' || s.status === 'unknown')).toEqual([]);
    // What the chain sold is exactly what the ledger recorded sold: nothing lost, nothing made up.
    const sold = sells.filter((s) => s.status === 'sold');
    expect(new Set(sold.map((s) => s.sell_id))).toEqual(new Set(chain.map((f) => f.attemptId)));
    // Each position sold at most once (exits sell everything), never more than was bought.
    const soldPerPosition = countBy(sold, (s) => String(s.position_id));
    expect([...soldPerPosition.values()].every((n) => n === 1)).toBe(true);
    const byId = new Map(positions.map((p) => [p.id, p]));
    for (const s of sold) {
      const p = byId.get(s.position_id)!;
      expect(s.tokens_sold).toBeCloseTo(p.tokens_bought, 6);
      expect(p).toMatchObject({ status: 'closed', tokens_held: 0 });
    }
    // It was a race: sells by more than one instance, positions sold by another instance than
    // the one that bought them, and failures retried on the way.
    expect(sold.length).toBeGreaterThan(10);
    expect(new Set(sold.map((s) => s.instance_id)).size).toBeGreaterThan(1);
    expect(sold.some((s) => byId.get(s.position_id)!.buyer !== s.instance_id)).toBe(true);
    expect(sells.some((s) => s.status === 'failed')).toBe(true);
  }, 90_000);
});
