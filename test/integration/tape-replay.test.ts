import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/core/engine.js';
import type { Feed, FeedCounters } from '../../electron/core/feeds/feed.js';
import { SimulatorFeed } from '../../electron/core/feeds/simulator-feed.js';
import { TapeFeed } from '../../electron/core/feeds/tape-feed.js';
import { TapeRecorder } from '../../electron/core/feeds/tape-recorder.js';
import { createModules } from '../../electron/core/modules/module-registry.js';
import { LiveCurveBook } from '../../electron/core/runtime/live-curve-book.js';
import { MarketSimulator } from '../../electron/core/sim/market-simulator.js';
import { ManualClock } from '../../electron/core/time/clock.js';
import { defaultSettings } from '../../shared/settings.js';
import { moduleIds, type AttemptUpdate } from '../../shared/domain.js';
import type { FeedEvent } from '../../shared/feed-events.js';
import { auditLinesOf } from '../support/audit-lines.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { spawnServe } from '../support/serve-process.js';

const SEED = 11;
const START = 1_700_000_000_000;

/** Records the simulator to a tape exactly as `serve --record` does: TapeRecorder around the SimulatorFeed. */
async function recordTape(file: string, seconds: number): Promise<number> {
  const clock = new ManualClock(START);
  const recorder = new TapeRecorder({ inner: new SimulatorFeed(new MarketSimulator({ seed: SEED, launchesPerSecond: 2, clock })), path: file, clock });
  await recorder.start(() => undefined);
  clock.advance(seconds * 1_000);
  await recorder.stop();
  return recorder.recorded();
}

/** Reads a tape through the real TapeFeed (the same parsing `--feed tape:FILE` uses). */
async function readTape(file: string): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  const tape = new TapeFeed({ path: file, speed: 'fast' });
  await tape.start((e) => events.push(e));
  await tape.done();
  expect(tape.counters().dropped).toBe(0);
  return events;
}

/** A feed the test pushes events into, one at a time. */
class StepFeed implements Feed {
  readonly name = 'tape';
  emit: ((event: FeedEvent) => void) | undefined;
  async start(emit: (event: FeedEvent) => void): Promise<void> {
    this.emit = emit;
  }
  async stop(): Promise<void> {
    this.emit = undefined;
  }
  counters(): FeedCounters {
    return { name: this.name, connected: true, received: 0, dropped: 0 };
  }
}

interface Replay {
  signals: string[];
  outcomes: string[];
  auditOutcomes: string[];
}

/**
 * Replays the events into a fresh engine so that the result cannot depend on timing:
 *  - time is the tape's: a ManualClock moved to each event's `at` before it is routed, so
 *    every module judges age and windows alike on every run;
 *  - the paper trader has a fixed fault seed and zero latency, and its "confirmation" is a
 *    timer on that ManualClock, so a buy completes only when the test advances the clock;
 *  - events are routed strictly one at a time: the next one enters only once every signal
 *    of the previous one has a final outcome. Without this, a buy still in flight when the
 *    next signal for its mint arrives would be "in flight here" on one run and "already
 *    bought" on another, and the trader's seeded draws would go to other mints.
 *  - Several signals of one event do run concurrently; their order is fixed by the
 *    coordinator's FIFO mutex, and outcomes are compared in attempt order (the attempt id's
 *    counter is taken when the signal is routed), not in the order they completed.
 */
async function replay(events: FeedEvent[], whales: string[]): Promise<Replay> {
  const dataDir = tempDataDir('replay');
  const clock = new ManualClock(events[0]!.at);
  const book = new LiveCurveBook();
  const feed = new StepFeed();
  const settings = defaultSettings();
  settings.modules['whale-copy'].filters = { wallets: whales.map((address) => ({ address })) };
  const engine = createEngine({
    dataDir,
    clock,
    instanceId: 'replay',
    feeds: [feed],
    modules: createModules(settings.modules),
    paper: { faultSeed: 5, failRate: 0.1, unknownRate: 0.05, latencyMs: { min: 0, max: 0 }, quote: (m, sol) => book.quoteBuy(m, sol) },
    reconcileIntervalMs: 1e12,
  });
  const done: AttemptUpdate[] = [];
  engine.port.subscribe(({ name, payload }) => {
    if (name === 'attempt' && (payload as AttemptUpdate).stage === 'done') done.push(payload as AttemptUpdate);
  });
  await engine.start();
  const { handlers } = engine.port;
  await handlers['module.update']({ module: 'whale-copy', patch: { filters: settings.modules['whale-copy'].filters } });
  for (const module of moduleIds) await handlers['module.update']({ module, patch: { enabled: true, dailyBudgetSol: 0 } });
  await handlers['limits.update']({ maxSolPerBuy: 10, dailySpendCapSol: 0, maxConcurrentBuys: 100 });

  for (const event of events) {
    clock.advance(Math.max(0, event.at - clock.now()));
    book.observe(event);
    feed.emit!(event);
    const routed = engine.status().counts.signals ?? 0;
    const deadline = Date.now() + 5_000;
    while (done.length < routed) {
      if (Date.now() > deadline) throw new Error(`signal ${done.length + 1} got no outcome`);
      clock.advance(0);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await engine.stop();

  const byAttempt = [...done].sort((a, b) => counterOf(a.attemptId) - counterOf(b.attemptId));
  const auditLines = auditLinesOf(dataDir, 'replay').sort((a, b) => counterOf(a.attemptId!) - counterOf(b.attemptId!));
  return {
    signals: byAttempt.map((u) => `${u.module} ${u.mint} ${u.signalReason}`),
    outcomes: byAttempt.map((u) => `${u.outcome}${u.reason ? ` ${u.reason.code}` : ''}`),
    auditOutcomes: auditLines.map((l) => `${l.outcome}${l.reason ? ` ${l.reason.code}` : ''}`),
  };
}

const counterOf = (attemptId: string) => Number(attemptId.slice(attemptId.lastIndexOf('-') + 1));

describe('tape replay', () => {
  it('a recorded simulator tape replayed twice yields the identical signals and coordinator outcomes', async () => {
    const file = path.join(tempDataDir('tape'), 'sim.tape.jsonl');
    const recorded = await recordTape(file, 90);
    const events = await readTape(file);
    expect(events).toHaveLength(recorded);
    expect(recorded).toBeGreaterThan(1_000);
    const whales = new MarketSimulator({ seed: SEED, startAt: START }).whaleWallets();

    const first = await replay(events, whales);
    const second = await replay(events, whales);

    expect(second.signals).toEqual(first.signals);
    expect(second.outcomes).toEqual(first.outcomes);
    expect(first.auditOutcomes).toEqual(first.outcomes);
    // Not vacuous: every module fired, and every kind of outcome happened.
    for (const module of moduleIds) expect(first.signals.some((s) => s.startsWith(`${module} `)), module).toBe(true);
    for (const outcome of ['bought', 'failed', 'unknown', 'blocked already-bought']) {
      expect(first.outcomes.some((o) => o.startsWith(outcome)), outcome).toBe(true);
    }
  }, 30_000);
});

describe('serve --record and --feed tape:FILE', () => {
  it('serve records the simulator to a tape, and serve replays all of it fast', async () => {
    const dir = tempDataDir('serve-tape');
    const file = path.join(dir, 'sim.tape.jsonl');
    const common = ['--modules', 'sniper,whale-copy,trending,volume', '--latency-ms', '0-5', '--quiet'];
    const rec = await spawnServe(['--data-dir', path.join(dir, 'rec'), '--sim-rate', '20', '--record', file, '--duration', '1', ...common]).exited;
    expect(rec.code, rec.output).toBe(0);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ tape: 1, feed: 'sim' });
    const recordedEvents = lines.length - 1;
    expect(recordedEvents).toBeGreaterThan(10);
    expect(rec.output).toContain(`"feedEvents":${recordedEvents}`);

    const play = await spawnServe(['--data-dir', path.join(dir, 'play'), '--feed', `tape:${file}`, '--tape-speed', 'fast', '--duration', '1', ...common]).exited;
    expect(play.code, play.output).toBe(0);
    expect(play.output).toContain(`feed tape (${file}, fast)`);
    expect(play.output).toContain(`"feedEvents":${recordedEvents}`);
    expect(play.output).toMatch(/"bought":\d+/);
  }, 20_000);
});
