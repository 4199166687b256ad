import { moduleIds } from '../../../shared/domain.js';
import { defaultSettings } from '../../../shared/settings.js';
import { createEngine, type Engine, type EngineOptions } from '../engine.js';
import type { Feed } from '../feeds/feed.js';
import type { FetchFn } from '../feeds/http-json.js';
import { createModules, type CreateModulesOptions } from '../modules/module-registry.js';
import { SettingsStore } from '../settings/settings-store.js';
import { confStoreFactory } from '../store/json-file-store.js';
import { systemClock } from '../time/clock.js';
import { Rng } from '../time/rng.js';
import { attachPollers, buildMainFeed, syncWatchedAccounts, type BuiltFeed } from './build-feed.js';
import { buildTrendingPollers } from './build-trending-pollers.js';
import { FeedAlerts, type CollectedAlert } from './feed-alerts.js';
import type { RunOptions } from './run-options.js';
import { WatchedWalletsModule } from './watched-wallets-module.js';
import { buildLiveTrading, type LiveSetup } from './build-live.js';
import { StartRefusedError } from './start-refused.js';
import { WalletBalancePoller } from './wallet-balance-poller.js';
import { walletStatus } from '../wallet/wallet-status.js';

export type RuntimeExtra = Pick<EngineOptions, 'storeFactory' | 'log' | 'clock' | 'instanceId' | 'reconcileIntervalMs' | 'trader'> & {
  /** Reconnect and poll jitter; seeded in tests. */
  rng?: Rng;
  /** Every feed alert as it happens; default: the `log` line `[level] source: message`. */
  onAlert?: (alert: CollectedAlert) => void;
  /** For the HTTP trending pollers; tests may pass their own. */
  fetch?: FetchFn;
  moduleOptions?: CreateModulesOptions;
  /** Live runs: what prepareLive built (wallet, RPC, trader). Required when run.mode is 'live'. */
  live?: LiveSetup;
  /** Live: how often the wallet's balance is read (default 5 s). */
  balanceIntervalMs?: number;
};

/** One run's engine and the parts of it a host or a test may want to look at. */
export interface Runtime {
  engine: Engine;
  main: BuiltFeed;
  pollers: Feed[];
  alerts: FeedAlerts;
  whaleCopy: WatchedWalletsModule;
  /** What this run does that the trader should know, for the startup output. */
  notes: string[];
}

/**
 * Builds the engine of one run: feed, modules and trader from the run options. Shared by
 * the headless host and the desktop app so both run the very same engine.
 */
export function buildRuntime(run: RunOptions, extra: RuntimeExtra = {}): Runtime {
  const { rng: givenRng, onAlert, fetch, moduleOptions, live, balanceIntervalMs, ...engineExtra } = extra;
  // Never a paper trader under a live banner: a live run has its live setup or does not start.
  if (run.mode === 'live' && !live) throw new StartRefusedError('a live run needs its wallet, RPC node and trader (prepareLive) before the engine is built');
  if (run.mode === 'paper' && live) throw new StartRefusedError('a paper run was given a live wallet and trader');
  const clock = extra.clock ?? systemClock;
  const log = extra.log ?? (() => undefined);
  const storeFactory = extra.storeFactory ?? confStoreFactory;
  const settings = new SettingsStore(run.dataDir, storeFactory, undefined, () => defaultSettings(run.mode));
  if (run.modules) {
    const on = new Set(run.modules);
    settings.update((s) => ({
      ...s,
      modules: Object.fromEntries(moduleIds.map((id) => [id, { ...s.modules[id], enabled: on.has(id) }])) as typeof s.modules,
    }));
  }
  const alerts = new FeedAlerts(() => clock.now(), onAlert ?? ((a) => log(`[${a.level}] ${a.source}: ${a.message}`)));
  const deps = { clock, rng: givenRng ?? new Rng(Date.now() >>> 0), alerts };
  const main = buildMainFeed(run.feed, deps, run.record);
  const pollers = attachPollers(buildTrendingPollers(run.trending, deps, fetch), main);
  const notes = [...main.notes];

  const modules = createModules(settings.get().modules, moduleOptions);
  const pumpPortal = main.pumpPortal;
  const fallbackWallets = main.simulator?.whaleWallets() ?? [];
  const whaleInner = modules.get('whale-copy');
  if (!whaleInner) throw new Error('the module registry built no whale-copy module');
  const whaleCopy = new WatchedWalletsModule(whaleInner, {
    fallbackWallets,
    ...(pumpPortal ? { onWatched: (wallets: string[]) => syncWatchedAccounts(pumpPortal, wallets) } : {}),
  });
  modules.set('whale-copy', whaleCopy);
  const whaleSettings = settings.get().modules['whale-copy'];
  if (fallbackWallets.length > 0 && WatchedWalletsModule.usesFallback(whaleSettings)) {
    notes.push(`whale-copy: no wallets in settings, so it watches the simulator's ${fallbackWallets.length} whales (in memory for this run only; settings.json is unchanged)`);
  }
  if (pumpPortal) notes.push('whale-copy: its enabled watched wallets are subscribed with subscribeAccountTrade while the module is on');

  // Live: the wallet's balance for the SOL reserve and the console; its reads start with the engine.
  // The poller is built before the engine it reads the ledger of and alerts through.
  const bound: { engine?: Engine } = {};
  const balance = live
    ? new WalletBalancePoller({
        address: live.wallet.publicKey.toBase58(),
        getBalance: (address) => live.rpc.getBalance(address),
        newestPurchaseId: () => {
          const ledger = bound.engine?.ledger;
          if (!ledger) throw new Error('the ledger is not open');
          return ledger.newestPurchaseId();
        },
        clock,
        ...(balanceIntervalMs !== undefined ? { intervalMs: balanceIntervalMs } : {}),
        onProblem: (problem) => {
          if (problem) log(`[warning] wallet: ${problem}`);
          bound.engine?.alert(problem ? 'warning' : 'info', 'wallet', problem ?? 'the wallet balance is read again');
        },
      })
    : undefined;

  // Execution settings are read at every trade, from the engine's settings once it exists.
  const trading = live ? buildLiveTrading(live, { clock, execution: () => (bound.engine ?? failNoEngine()).settings().execution }) : undefined;

  const engine = createEngine({
    ...engineExtra,
    ...(live && balance && trading
      ? {
          trader: trading.trader,
          positionMarks: trading.positionMarks,
          walletBalance: balance,
          walletStatus: () => {
            const last = balance.reading();
            return walletStatus(live.wallet, live.keptBy, last ? { lamports: last.lamports, at: last.readAt } : undefined);
          },
          onStopped: () => {
            trading.close();
            live.close();
          },
        }
      : {}),
    ...(main.eventClock ? { clock: main.eventClock } : {}),
    dataDir: run.dataDir,
    storeFactory,
    settings,
    feeds: [main.feed, ...pollers],
    modules,
    paper: { ...run.paper, quote: main.quote, quoteSell: main.quoteSell },
    ...(run.rebuildFromAudit ? { rebuildFromAudit: true } : {}),
  });
  bound.engine = engine;
  // Feed alerts (and those raised before the engine existed) reach its `alert` event.
  alerts.attach((level, source, message) => engine.alert(level, source, message));
  return { engine, main, pollers, alerts, whaleCopy, notes };
}

function failNoEngine(): never {
  throw new Error('the live trader was asked for the execution settings before the engine existed');
}

export function buildEngine(run: RunOptions, extra: RuntimeExtra = {}): Engine {
  return buildRuntime(run, extra).engine;
}
