import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../../electron/core/engine.js';
import { SignalRouter } from '../../electron/core/engine/signal-router.js';
import type { PurchaseCoordinator } from '../../electron/core/coordinator/purchase-coordinator.js';
import type { Feed, FeedCounters } from '../../electron/core/feeds/feed.js';
import { TapeFeed } from '../../electron/core/feeds/tape-feed.js';
import { encodeTapeHeader, encodeTapeLine } from '../../electron/core/feeds/tape-format.js';
import { createModules } from '../../electron/core/modules/module-registry.js';
import type { SignalModule } from '../../electron/core/modules/signal-module.js';
import { MarketSimulator } from '../../electron/core/sim/market-simulator.js';
import { ManualClock } from '../../electron/core/time/clock.js';
import type { BuyOrder, BuyResult } from '../../electron/core/traders/trader.js';
import { moduleIds, type AttemptUpdate, type BuySignalInput, type ModuleId } from '../../shared/domain.js';
import type { FeedEvent } from '../../shared/feed-events.js';
import { defaultSettings, type Settings } from '../../shared/settings.js';
import { report, summarize } from './bench-report.js';
import { InstantTrader } from './bench-engine.js';

const SEED = 1;
const START = 1_700_000_000_000;
/** A busy market: five launches a second, every token trading, whales, spikes and lists. */
const newSimulator = () => new MarketSimulator({ seed: SEED, launchesPerSecond: 5, startAt: START });

/** All four modules on, default thresholds, whale-copy watching the simulator's whales. */
function benchSettings(): Settings {
  const settings = defaultSettings();
  for (const id of moduleIds) settings.modules[id] = { ...settings.modules[id], enabled: true, dailyBudgetSol: 0 };
  settings.modules['whale-copy'].filters = { wallets: newSimulator().whaleWallets().map((address) => ({ address })) };
  return settings;
}

function feedModules(modules: ReadonlyMap<ModuleId, SignalModule>, event: FeedEvent): number {
  let signals = 0;
  for (const module of modules.values()) signals += module.onEvent(event, event.at).length;
  return signals;
}

/** Simulator pull API -> every module's onEvent, on this one thread. */
function simToModules(count: number, print = true): void {
  const generateOnly = newSimulator();
  let t0 = performance.now();
  for (let i = 0; i < count; i++) generateOnly.next();
  const simOnlyPerSec = Math.round((count * 1000) / (performance.now() - t0));

  const sim = newSimulator();
  const modules = createModules(benchSettings().modules);
  let signals = 0;
  t0 = performance.now();
  for (let i = 0; i < count; i++) signals += feedModules(modules, sim.next());
  const elapsed = performance.now() - t0;
  if (print) report('feed-sim-to-modules', { events: count, signals, eventsPerSec: Math.round((count * 1000) / elapsed), simulatorAlonePerSec: simOnlyPerSec });
}

/** A tape file read and parsed by the real TapeFeed (fast) -> every module. */
async function tapeToModules(count: number, dir: string): Promise<void> {
  const file = path.join(dir, 'bench.tape.jsonl');
  const sim = newSimulator();
  const lines = [encodeTapeHeader({ tape: 1, feed: 'sim', startedAt: START })];
  for (let i = 0; i < count; i++) {
    const event = sim.next();
    lines.push(encodeTapeLine(event.at - START, event));
  }
  fs.writeFileSync(file, lines.join(''));
  const modules = createModules(benchSettings().modules);
  const tape = new TapeFeed({ path: file, speed: 'fast' });
  let signals = 0;
  const t0 = performance.now();
  await tape.start((event) => (signals += feedModules(modules, event)));
  await tape.done();
  const elapsed = performance.now() - t0;
  report('feed-tape-to-modules', { events: tape.counters().received, signals, eventsPerSec: Math.round((count * 1000) / elapsed), tapeMiB: Math.round((fs.statSync(file).size / 2 ** 20) * 10) / 10 });
}

/** From an event entering the router to each of its signals reaching a coordinator stub that only notes the time. */
function eventToSignal(count: number): void {
  const settings = benchSettings();
  let handedAt: number[] = [];
  const stub = { requestBuy: (_signal: BuySignalInput) => (handedAt.push(performance.now()), Promise.resolve({} as AttemptUpdate)) };
  let now = START;
  const router = new SignalRouter(createModules(settings.modules), stub as unknown as PurchaseCoordinator, () => settings, () => now, (m) => {
    throw new Error(m);
  });
  const sim = newSimulator();
  const toSignal: number[] = [];
  const routeAll: number[] = [];
  for (let i = 0; i < count; i++) {
    const event = sim.next();
    now = event.at;
    handedAt = [];
    const t0 = performance.now();
    router.route(event);
    routeAll.push(performance.now() - t0);
    for (const t of handedAt) toSignal.push(t - t0);
  }
  report('feed-event-to-signal', { events: count, ...summarize(toSignal) });
  report('feed-route-per-event', { events: count, ...summarize(routeAll) });
}

class StepFeed implements Feed {
  readonly name = 'bench';
  emit: (event: FeedEvent) => void = () => undefined;
  async start(emit: (event: FeedEvent) => void): Promise<void> {
    this.emit = emit;
  }
  async stop(): Promise<void> {}
  counters(): FeedCounters {
    return { name: this.name, connected: true, received: 0, dropped: 0 };
  }
}

/** Notes, for each order, how long after its event entered the router it reached the trader. */
class TimingTrader extends InstantTrader {
  eventAt = 0;
  readonly samples: number[] = [];
  override async buy(order: BuyOrder): Promise<BuyResult> {
    const result = await super.buy(order);
    this.samples.push(this.reachedAt - this.eventAt);
    return result;
  }
}

/**
 * The real engine: router, modules, coordinator with its file lock and intent write, an
 * instant trader. One event at a time, each after the previous one's buys are decided, so
 * the figure is one event's path and not a queue behind the claim lock.
 */
async function eventToTrader(count: number, dir: string): Promise<void> {
  const settings = benchSettings();
  const clock = new ManualClock(START);
  const feed = new StepFeed();
  const trader = new TimingTrader();
  const engine = createEngine({ dataDir: dir, clock, trader, feeds: [feed], modules: createModules(settings.modules), reconcileIntervalMs: 1e12 });
  let decided = 0;
  engine.port.subscribe(({ name, payload }) => {
    if (name === 'attempt' && (payload as AttemptUpdate).stage === 'done') decided++;
  });
  await engine.start();
  const { handlers } = engine.port;
  for (const id of moduleIds) await handlers['module.update']({ module: id, patch: settings.modules[id] });
  await handlers['limits.update']({ maxSolPerBuy: 10, dailySpendCapSol: 0, maxConcurrentBuys: 1_000 });
  const sim = newSimulator();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const event = sim.next();
    clock.advance(Math.max(0, event.at - clock.now()));
    trader.eventAt = performance.now();
    feed.emit(event);
    const routed = engine.status().counts.signals ?? 0;
    while (decided < routed) await new Promise((resolve) => setImmediate(resolve));
  }
  const elapsed = performance.now() - t0;
  await engine.stop();
  report('feed-event-to-trader', { events: count, buys: trader.samples.length, eventsPerSec: Math.round((count * 1000) / elapsed), ...summarize(trader.samples) });
}

/** `--only=feeds`: what a feed and all four modules sustain on one core, and how long an event takes to become a buy. */
export async function runFeedBench(quick: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-feeds-'));
  try {
    simToModules(5_000, false); // warm-up: JIT and module state
    simToModules(quick ? 50_000 : 500_000);
    await tapeToModules(quick ? 20_000 : 200_000, dir);
    eventToSignal(quick ? 50_000 : 300_000);
    await eventToTrader(quick ? 1_000 : 5_000, path.join(dir, 'engine'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
