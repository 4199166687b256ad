import { describe, expect, it } from 'vitest';
import { buildRuntime } from '../../electron/core/runtime/build-engine.js';
import { ManualClock } from '../../electron/core/time/clock.js';
import { parseServeFlags } from '../../electron/serve-flags.js';
import { moduleIds, type AttemptUpdate, type ModuleId } from '../../shared/domain.js';
import { defaultSettings, type Settings } from '../../shared/settings.js';
import { tempDataDir } from '../support/engine-fixture.js';

const START = 1_700_000_000_000;
const MINUTE = 60_000;

/**
 * What a new user sees in the first minute of `npm start`: the runtime exactly as `serve`
 * builds it from no flags but a fresh data dir (simulator, paper trader, paper defaults),
 * on the simulator's virtual clock so a minute takes about a second.
 */
async function firstMinute(extraFlags: string[] = []): Promise<{ attempts: AttemptUpdate[]; notes: string[]; settings: Settings }> {
  const { run } = parseServeFlags(['--data-dir', tempDataDir('first-minute'), ...extraFlags], {});
  const clock = new ManualClock(START);
  const { engine, notes } = buildRuntime(run, { clock });
  const attempts: AttemptUpdate[] = [];
  engine.port.subscribe(({ name, payload }) => {
    if (name === 'attempt') attempts.push(payload as AttemptUpdate);
  });
  await engine.start();
  // What this run really trades under: module settings from settings.json, rules from the ledger.
  const settings = await engine.port.handlers['settings.get']({});
  try {
    while (clock.now() < START + MINUTE) {
      clock.advance(100);
      // A real timer turn, so claims and fills on disk keep pace with the market.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // Let the paper buys still in flight settle on the virtual clock, so stop() does not wait.
    await engine.port.handlers['killSwitch.set']({ on: true });
    for (let i = 0; i < 100 && engine.status().inFlight > 0; i++) {
      clock.advance(100);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    await engine.stop();
  }
  return { attempts: attempts.filter((a) => a.at <= START + MINUTE), notes, settings };
}

function firstAttemptSeconds(attempts: AttemptUpdate[]): Partial<Record<ModuleId, number>> {
  const first: Partial<Record<ModuleId, number>> = {};
  for (const a of attempts) {
    if (a.module !== 'manual' && first[a.module] === undefined) first[a.module] = (a.at - START) / 1000;
  }
  return first;
}

describe('the first minute of the default simulator', () => {
  it('shows an attempt from each of the four modules, and no limit stops a module', async () => {
    const { attempts, notes, settings } = await firstMinute();
    // The paper defaults are what a fresh data dir runs under (their arithmetic: test/unit/shared/settings.test.ts).
    const paper = defaultSettings('paper');
    expect(settings.limits).toEqual(paper.limits);
    expect(settings.modules).toEqual(paper.modules);
    const first = firstAttemptSeconds(attempts);
    expect(Object.keys(first).sort()).toEqual([...moduleIds].sort());
    const done = attempts.filter((a) => a.stage === 'done');
    // The sniper really buys (paper), and the default caps do not cut it off.
    expect(done.filter((a) => a.module === 'sniper' && a.outcome === 'bought').length).toBeGreaterThan(30);
    expect(done.filter((a) => a.reason?.code === 'limit-reached')).toEqual([]);
    expect(done.every((a) => a.solAmount <= 0.1)).toBe(true);
    expect(notes.join('\n')).toMatch(/watches the simulator's \d+ whales/);
  }, 30_000);

  it.each([2, 3, 4, 5])('does so with sim seed %i too', async (seed) => {
    const { attempts } = await firstMinute(['--sim-seed', String(seed)]);
    expect(Object.keys(firstAttemptSeconds(attempts)).sort()).toEqual([...moduleIds].sort());
  }, 30_000);
});
