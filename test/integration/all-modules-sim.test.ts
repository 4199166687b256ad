import { describe, expect, it } from 'vitest';
import { buildRuntime } from '../../electron/core/runtime/build-engine.js';
import { defaultRunOptions } from '../../electron/core/runtime/run-options.js';
import { ManualClock } from '../../electron/core/time/clock.js';
import { moduleIds } from '../../shared/domain.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { countBy, inspectDataDir } from '../support/serve-process.js';

const START = 1_700_000_000_000;

/**
 * The whole runtime as `serve` builds it — simulator feed, all four modules, whale-copy on
 * the simulator's whales, paper trader quoting the simulator's curves with failures and
 * unknown outcomes — driven on a ManualClock through a few thousand events. Buys overlap
 * freely (the clock moves on while claims and fills are still on disk), which is the point:
 * modules pile onto the same hot tokens and the coordinator must still buy each once.
 */
describe('the full simulator with all four modules', () => {
  it('modules overlap on the same tokens, and each token is bought at most once', async () => {
    const dataDir = tempDataDir('allmods');
    const run = defaultRunOptions(dataDir);
    run.feed = { kind: 'sim', seed: 3, launchesPerSecond: 3, startAt: START };
    run.modules = [...moduleIds];
    run.paper = { faultSeed: 9, failRate: 0.15, unknownRate: 0.1, latencyMs: { min: 0, max: 400 } };
    const clock = new ManualClock(START);
    const { engine, whaleCopy, main, notes } = buildRuntime(run, { clock, reconcileIntervalMs: 5_000 });
    await engine.start();
    await engine.port.handlers['limits.update']({ maxSolPerBuy: 10, dailySpendCapSol: 0, maxConcurrentBuys: 50 });
    // Exits off: this run is about buys, and a sell waits on this manual clock, which stops
    // moving before the engine stops (sells racing across processes: multi-process-sells).
    const noExits = { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 };
    for (const module of moduleIds) await engine.port.handlers['module.update']({ module, patch: { dailyBudgetSol: 0, exits: noExits } });
    expect(whaleCopy.watchedAddresses()).toEqual(main.simulator!.whaleWallets());
    expect(notes.join('\n')).toMatch(/simulator's 6 whales/);

    const deadline = Date.now() + 15_000;
    while ((engine.status().counts.feedEvents ?? 0) < 4_000) {
      if (Date.now() > deadline) throw new Error('the simulator did not produce 4000 events in time');
      clock.advance(100);
      // A real timer turn, so claims and records on disk keep pace with the market.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // No new signals; let every buy in flight finish, then settle every unknown outcome.
    for (const module of moduleIds) await engine.port.handlers['module.update']({ module, patch: { enabled: false } });
    while (engine.status().inFlight > 0) {
      if (Date.now() > deadline) throw new Error('buys still in flight');
      clock.advance(100);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // An unknown paper buy is settled from the chain once its fence can no longer land.
    clock.advance(61_000);
    // The reconcile loop's own passes fired on the way (at the times they were due): let them end first.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await engine.reconciler.reconcileNow();
    await engine.stop();

    const { history, fills, intents, audit } = inspectDataDir(dataDir);
    const signalled = audit.filter((l) => l.outcome !== 'reconciled-bought' && l.outcome !== 'reconciled-not-bought');
    // Every module fired.
    for (const module of moduleIds) expect(signalled.some((l) => l.module === module), module).toBe(true);

    // Overlap: many tokens were signalled by two or more modules.
    const modulesPerMint = new Map<string, Set<string>>();
    for (const l of signalled) modulesPerMint.set(l.mint, (modulesPerMint.get(l.mint) ?? new Set()).add(l.module));
    const shared = [...modulesPerMint.values()].filter((m) => m.size >= 2).length;
    expect(shared).toBeGreaterThanOrEqual(20);

    // At most once: in the history, on the "chain" (the paper ledger), and in the audit.
    expect([...countBy(history, (r) => r.mint).values()].every((n) => n === 1)).toBe(true);
    expect([...countBy(fills, (f) => f.mint).values()].every((n) => n === 1)).toBe(true);
    const boughtLines = audit.filter((l) => l.outcome === 'bought' || l.outcome === 'reconciled-bought');
    expect([...countBy(boughtLines, (l) => l.mint).values()].every((n) => n === 1)).toBe(true);
    // Nothing lost or stuck: what landed is what is recorded, and no intent is left.
    expect(new Set(history.map((r) => r.attemptId))).toEqual(new Set(fills.map((f) => f.attemptId)));
    expect(intents).toEqual({});

    const boughtBy = new Map(history.map((r) => [r.mint, r.module]));
    // The coordinator really had to step in across modules, and faults really happened.
    const crossModule = audit.filter(
      (l) => (l.reason?.code === 'already-bought' || l.reason?.code === 'in-flight-here') && boughtBy.get(l.mint) !== undefined && boughtBy.get(l.mint) !== l.module,
    );
    expect(crossModule.length).toBeGreaterThanOrEqual(20);
    for (const outcome of ['failed', 'unknown', 'bought'] as const) expect(audit.some((l) => l.outcome === outcome), outcome).toBe(true);
    expect(history.length).toBeGreaterThan(50);
  }, 30_000);
});
