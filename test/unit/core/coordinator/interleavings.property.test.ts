import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { HeldOutcome, ReconcileAnswer } from '../../../support/controlled-trader.js';
import { InterleavingRun, type Command } from '../../../support/interleaving-runner.js';

/**
 * Random interleavings of the four modules' signals over a few mints, buys held open and
 * settled in random order with random outcomes, and reconcile passes with random answers.
 * After every step each outcome is checked against what the mint's state allows; at the end:
 * at most one purchase per mint, the history is exactly the successful and reconciled-landed
 * buys, no trader call for a mint in flight, bought or with an unresolved unknown, and one
 * audit line per decision.
 */
function commands(engines: number): fc.Arbitrary<{ mintCount: number; cmds: Command[] }> {
  const item = fc.record({ engine: fc.nat(engines - 1), module: fc.nat(3), mint: fc.nat(4) });
  const outcome = fc.constantFrom<HeldOutcome>('success', 'failure', 'unknown');
  const answer = fc.constantFrom<ReconcileAnswer>('landed', 'not-landed', 'still-unknown');
  const cmd: fc.Arbitrary<Command> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ t: fc.constant('signals' as const), items: fc.array(item, { minLength: 1, maxLength: 4 }) }) },
    { weight: 4, arbitrary: fc.record({ t: fc.constant('release' as const), pick: fc.nat(), outcome }) },
    {
      weight: 1,
      arbitrary: fc.record({
        t: fc.constant('reconcile' as const),
        engine: fc.nat(engines - 1),
        answers: fc.array(answer, { minLength: 5, maxLength: 5 }),
        alongside: fc.array(item, { maxLength: 3 }),
      }),
    },
  );
  return fc.record({ mintCount: fc.integer({ min: 3, max: 5 }), cmds: fc.array(cmd, { minLength: 5, maxLength: 40 }) });
}

async function play(engines: number, scenario: { mintCount: number; cmds: Command[] }): Promise<void> {
  const run = await InterleavingRun.start(engines, scenario.mintCount);
  try {
    for (const cmd of scenario.cmds) await run.step(cmd);
    await run.verify();
  } finally {
    await run.finish().catch(() => undefined);
  }
}

// INTERLEAVING_SEED replays a reported failure; INTERLEAVING_RUNS=1000 hunts longer.
const seed = process.env.INTERLEAVING_SEED ? Number(process.env.INTERLEAVING_SEED) : undefined;
const scale = Number(process.env.INTERLEAVING_RUNS ?? 0) / 100 || 1;

describe('purchase path under random interleavings', () => {
  it('one engine: exactly once, success-only history, unknown stays blocked, one audit line each', async () => {
    await fc.assert(
      fc.asyncProperty(commands(1), (scenario) => play(1, scenario)),
      { numRuns: Math.round(100 * scale), ...(seed !== undefined ? { seed } : {}) },
    );
  }, 600_000);

  it('two engines on one data dir: the same, with claims across instances', async () => {
    await fc.assert(
      fc.asyncProperty(commands(2), (scenario) => play(2, scenario)),
      { numRuns: Math.round(60 * scale), ...(seed !== undefined ? { seed } : {}) },
    );
  }, 600_000);
});
