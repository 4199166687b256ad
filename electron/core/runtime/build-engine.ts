import { moduleIds } from '../../../shared/domain.js';
import { createEngine, type Engine, type EngineOptions } from '../engine.js';
import { SimulatorFeed } from '../feeds/simulator-feed.js';
import { createModules } from '../modules/module-registry.js';
import { SettingsStore } from '../settings/settings-store.js';
import { MarketSimulator } from '../sim/market-simulator.js';
import { confStoreFactory } from '../store/json-file-store.js';
import type { RunOptions } from './run-options.js';

/**
 * Builds the engine of one run: feed, modules and trader from the run options. Shared by
 * the headless host and the desktop app so both run the very same engine.
 */
export function buildEngine(run: RunOptions, extra: Pick<EngineOptions, 'storeFactory' | 'log' | 'clock' | 'instanceId'> = {}): Engine {
  const storeFactory = extra.storeFactory ?? confStoreFactory;
  const settings = new SettingsStore(run.dataDir, storeFactory);
  if (run.modules) {
    const on = new Set(run.modules);
    settings.update((s) => ({
      ...s,
      modules: Object.fromEntries(moduleIds.map((id) => [id, { ...s.modules[id], enabled: on.has(id) }])) as typeof s.modules,
    }));
  }
  const simulator = new MarketSimulator({
    seed: run.feed.seed,
    launchesPerSecond: run.feed.launchesPerSecond,
    ...(run.feed.startAt !== undefined ? { startAt: run.feed.startAt } : {}),
    ...(extra.clock ? { clock: extra.clock } : {}),
  });
  return createEngine({
    ...extra,
    dataDir: run.dataDir,
    storeFactory,
    feeds: [new SimulatorFeed(simulator)],
    modules: createModules(settings.get().modules),
    paper: { ...run.paper, quote: (mint, sol) => simulator.quoteBuy(mint, sol)?.tokens },
  });
}
