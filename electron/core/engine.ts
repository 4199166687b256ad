import crypto from 'node:crypto';
import type { EngineStatus } from '../../shared/contract.js';
import type { WalletStatus } from '../../shared/positions.js';
import type { ModuleId } from '../../shared/domain.js';
import type { Settings } from '../../shared/settings.js';
import { AuditLog } from './audit/audit-log.js';
import { AttemptReporter } from './coordinator/attempt-reporter.js';
import { LocalBuyState } from './coordinator/local-buy-state.js';
import { PurchaseCoordinator } from './coordinator/purchase-coordinator.js';
import { Reconciler } from './coordinator/reconciler.js';
import type { WalletBalanceSource } from './coordinator/wallet-balance.js';
import { createCommandHandlers } from './engine/command-handlers.js';
import { createEngineStatus } from './engine/engine-status.js';
import { EventHub } from './engine/event-hub.js';
import { createLiveEvents } from './engine/live-events.js';
import { ReconcileLoop } from './engine/reconcile-loop.js';
import { SignalRouter } from './engine/signal-router.js';
import type { EnginePort } from './engine-port.js';
import type { Feed } from './feeds/feed.js';
import { InstanceLock } from './ledger/instance-lock.js';
import { Ledger } from './ledger/ledger.js';
import { openLedgerWithPreflight } from './ledger/ledger-preflight.js';
import type { PositionRecord } from './ledger/positions-ledger.js';
import { DAY_MS, listPositions } from './positions/positions-view.js';
import { SellAudit } from './positions/sell-audit.js';
import { SellCoordinator, type SellCoordinatorDeps } from './positions/sell-coordinator.js';
import type { SignalModule } from './modules/signal-module.js';
import { SettingsStore } from './settings/settings-store.js';
import { SharedSettings } from './settings/shared-settings.js';
import { confStoreFactory, type StoreFactory } from './store/json-file-store.js';
import { systemClock, type Clock } from './time/clock.js';
import { PaperLedger } from './traders/paper-ledger.js';
import { PaperTrader, type PaperTraderOptions } from './traders/paper-trader.js';
import type { Trader } from './traders/trader.js';

export interface EngineOptions {
  dataDir: string;
  /** conf in Node, electron-store in the desktop app: same files. */
  storeFactory?: StoreFactory;
  /** settings.json, when the caller already opened it (to build the modules from it). */
  settings?: SettingsStore;
  clock?: Clock;
  instanceId?: string;
  /** Paper trading (the default) with these fault settings, or a trader of your own. */
  paper?: Omit<PaperTraderOptions, 'ledger' | 'instanceId' | 'clock'>;
  trader?: Trader;
  /**
   * Live: the wallet's balance for the SOL reserve (absent in paper: no reserve check),
   * started before the feeds (a live run begins with its balance known) and stopped with the engine.
   */
  walletBalance?: WalletBalanceSource & { start?(): Promise<void>; stop?(): void };
  /** Live: the wallet as the console sees it, in `status.wallet`. */
  walletStatus?: () => WalletStatus;
  /** Runs last in stop(), once the data dir is released (the live host zeroes the wallet's key). */
  onStopped?: () => void;
  /** Prices of open positions where the feed shows none (live: `chainMarks(connection)`, the curve or pool account). */
  positionMarks?: SellCoordinatorDeps['markOf'];
  feeds?: Feed[];
  modules?: ReadonlyMap<ModuleId, SignalModule>;
  reconcileIntervalMs?: number;
  /** How often the ledger is checked for other instances' writes (rules, purchases). */
  ledgerRefreshMs?: number;
  /** A missing ledger is rebuilt from the audit log and the paper chain (`--rebuild-from-audit`). */
  rebuildFromAudit?: boolean;
  log?: (line: string) => void;
}

export interface Engine {
  readonly instanceId: string;
  readonly dataDir: string;
  readonly port: EnginePort;
  readonly coordinator: PurchaseCoordinator;
  readonly reconciler: Reconciler;
  /** Exits, retries and manual sells of positions; undefined when the ledger could not be used. */
  readonly sells: SellCoordinator | undefined;
  /** Undefined when ledger.sqlite could not be used (then every buy is refused and the status says why). */
  readonly ledger: Ledger | undefined;
  /** This instance's liveness: held for its whole life (tests release it to play a crash). */
  readonly instanceLock: InstanceLock | undefined;
  /**
   * Fires with the full settings snapshot whenever the settings changed: here, or in another
   * instance on the data dir (seen within ~250 ms through the ledger).
   */
  onSettingsChanged(listener: (settings: Settings) => void): () => void;
  /** The settings as this instance sees them now (the ledger's rules and the modules' settings). */
  settings(): Settings;
  status(): EngineStatus;
  /** Raises a problem the trader must see (a feed needing an API key, ...) as an `alert` event. */
  alert(level: 'info' | 'warning' | 'error', source: string, message: string): void;
  start(): Promise<void>;
  /** Stops the feeds, waits for buys in flight to settle (bounded), and releases the data dir. */
  stop(): Promise<void>;
}

/** Closed positions the `positions` event carries at most (the newest); `positions.list` pages through more. */
const EVENT_CLOSED_MAX = 500;

export function newInstanceId(): string {
  return `i${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}

/** The composition root: builds the whole engine from its options. */
export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const log = options.log ?? (() => undefined);
  const instanceId = options.instanceId ?? newInstanceId();
  const startedAt = now();
  const factory = options.storeFactory ?? confStoreFactory;
  const { dataDir } = options;

  const hub = new EventHub();
  const alert = (level: 'info' | 'warning' | 'error', source: string, message: string) => {
    log(`[${level}] ${source}: ${message}`);
    hub.emit('alert', { level, source, message, at: now() });
  };
  const state = new LocalBuyState();
  const store = options.settings ?? new SettingsStore(dataDir, factory, now);
  // The ledger is made for, and must match, the trader's mode: paper and live never share one.
  const mode = options.trader?.mode ?? 'paper';
  let ledger: Ledger | undefined;
  let instanceLock: InstanceLock | undefined;
  try {
    // Liveness first: no intent of ours may exist before the kernel holds our lock.
    instanceLock = InstanceLock.acquire(dataDir, instanceId);
    ledger = new Ledger(openLedgerWithPreflight(dataDir, { now, log, mode, ...(options.rebuildFromAudit ? { rebuildFromAudit: true } : {}) }), { dataDir, instanceId, now, initialRules: initialRules(store) });
    ledger.registerInstance(startedAt);
  } catch (error) {
    state.storeProblem = error instanceof Error ? error.message : String(error);
  }
  const settings = new SharedSettings(ledger, store);
  const audit = new AuditLog(dataDir, instanceId);
  // The paper chain exists only under the paper trader: a live data dir never gets one.
  const paperLedger = options.trader ? undefined : new PaperLedger(dataDir, instanceId, clock);
  const trader = options.trader ?? new PaperTrader({ ...options.paper, ledger: paperLedger as PaperLedger, instanceId, clock });
  const reporter = new AttemptReporter(instanceId, clock, audit, (update) => hub.emit('attempt', update));
  const reconciler = new Reconciler({ instanceId, clock, ledger, state, trader, reporter });
  const loop = ledger
    ? new ReconcileLoop(reconciler, clock, options.reconcileIntervalMs ?? 10_000, { log, error: (message) => alert('error', 'reconcile', message) })
    : undefined;
  const sellAudit = new SellAudit(dataDir, instanceId);
  // The kill switch is not consulted here on purpose: it stops buying, never selling, so
  // exits keep protecting the money that is already in positions.
  const sells = ledger
    ? new SellCoordinator({
        instanceId,
        clock,
        positions: ledger.positions,
        liveness: (owner) => ledger!.liveness(owner),
        trader,
        exitRules: (module) => (module === 'manual' ? undefined : settings.get().modules[module]?.exits),
        onOutcome: (outcome) => {
          sellAudit.write(now(), outcome);
          const what = `${outcome.outcome} sell ${outcome.sell.sellId} of position ${outcome.sell.positionId} (${outcome.sell.reason}, attempt ${outcome.sell.attempt})`;
          log(`${what}${outcome.detail ? `: ${outcome.detail}` : ''}`);
        },
        onChanged: () => live.positionsChanged(),
        onError: (message) => alert('error', 'positions', message),
        ...(options.positionMarks ? { markOf: options.positionMarks } : {}),
      })
    : undefined;
  const coordinator = new PurchaseCoordinator({
    instanceId,
    clock,
    ledger,
    state,
    trader,
    reporter,
    settings: () => settings.get(),
    onOrphanSeen: () => loop?.soon(),
    ...(options.walletBalance ? { walletBalance: options.walletBalance } : {}),
  });
  const modules = options.modules ?? new Map<ModuleId, SignalModule>();
  const feeds = options.feeds ?? [];
  const router = new SignalRouter(modules, coordinator, () => settings.get(), now, (m) => alert('warning', 'modules', m));
  // Module settings changed in another instance: the modules here follow.
  settings.onChange((next) => {
    for (const [id, module] of modules) {
      const moduleSettings = next.modules[id];
      if (!moduleSettings) continue;
      try {
        module.configure(moduleSettings);
      } catch (error) {
        alert('error', 'settings', `module ${id} refused settings changed elsewhere: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });

  const status = createEngineStatus({
    instanceId,
    dataDir,
    startedAt,
    mode: trader.mode,
    hub,
    settings,
    state,
    ledger,
    coordinator,
    router,
    feeds,
    ...(options.walletStatus ? { wallet: options.walletStatus } : {}),
    ...(sells ? { positions: () => sells.counts() } : {}),
  });

  // Seq'd events, status/settings/blocked on change, the session snapshot. `settings` goes
  // out on every change of the shared settings, here or in another instance (the ledger's
  // revision, seen within ~250 ms through data_version).
  const blocked = { unknownBuys: () => ledger?.unknownIntents() ?? [], overridableSignals: () => coordinator.overridableSignals() };
  // Asked for: read from the ledger now. The event: open positions as the sell coordinator
  // last read them and closed ones read again only after a change, so a price moving twice a
  // second does not read thousands of rows each time.
  const positionsList = (includeClosed: boolean, limit: number) => {
    if (!ledger || !sells) throw new Error(`the ledger cannot be used: ${state.storeProblem ?? 'not open'}`);
    const closed = includeClosed ? ledger.positions.closedSince(now() - DAY_MS, limit) : [];
    return listPositions(ledger.positions.openPositions(), closed, (id) => sells.mark(id), limit);
  };
  let closedForEvent: { records: PositionRecord[]; at: number } | undefined;
  const positionsEvent = () => {
    if (!ledger || !sells) throw new Error(`the ledger cannot be used: ${state.storeProblem ?? 'not open'}`);
    // Read again after a change, and once a minute so closes age out of the 24 hours.
    if (!closedForEvent || now() - closedForEvent.at > 60_000) closedForEvent = { records: ledger.positions.closedSince(now() - DAY_MS, EVENT_CLOSED_MAX), at: now() };
    return listPositions(sells.openRecords(), closedForEvent.records, (id) => sells.mark(id), Number.MAX_SAFE_INTEGER);
  };
  const live = createLiveEvents({
    hub,
    clock,
    instanceId,
    status,
    settings: () => settings.get(),
    blocked,
    ...(ledger ? { positions: positionsEvent } : {}),
    log,
  });
  // Positions change with a purchase, a sell, or another instance's write (seen by refresh).
  ledger?.onChange((change) => {
    if (change !== 'purchases' && change !== 'positions') return;
    closedForEvent = undefined;
    sells?.invalidate();
    live.positionsChanged();
  });
  settings.onChange(() => live.settingsChanged());
  const port: EnginePort = {
    handlers: live.withSession(
      createCommandHandlers({ settings, coordinator, reconciler, ledger, hub, modules, status, blockedList: live.blockedList, sells, positionsList }),
    ),
    subscribe: (listener) => live.subscribe(listener),
  };
  let refreshTimer: NodeJS.Timeout | undefined;

  return {
    instanceId,
    dataDir,
    port,
    coordinator,
    reconciler,
    sells,
    ledger,
    instanceLock,
    status,
    alert,
    onSettingsChanged: (listener) => settings.onChange(listener),
    settings: () => settings.get(),
    async start() {
      if (store.problem) alert('error', 'settings', store.problem);
      if (state.storeProblem) alert('error', 'ledger', state.storeProblem);
      for (const [id, module] of modules) {
        const moduleSettings = settings.get().modules[id];
        if (moduleSettings) module.configure(moduleSettings);
      }
      log(`instance ${instanceId} on ${dataDir}: ${ledger?.purchaseCount() ?? 0} purchases in the ledger, trading ${trader.mode}`);
      if (ledger) {
        refreshTimer = setInterval(() => {
          try {
            ledger.refresh();
          } catch (error) {
            alert('error', 'ledger', `reading other instances' changes failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }, options.ledgerRefreshMs ?? 250);
        refreshTimer.unref();
      }
      // With an unusable ledger nothing can be reconciled safely: it waits for a restart.
      if (!state.storeProblem) await loop?.start();
      // Open positions are watched from the start; sells left unknown (here, or by a dead
      // instance) are reconciled before anything sells those positions again.
      if (!state.storeProblem) await sells?.start();
      await options.walletBalance?.start?.();
      for (const feed of feeds) {
        await feed.start((event) => {
          sells?.observe(event);
          router.route(event);
        });
        log(`feed ${feed.name} started`);
      }
      live.start();
    },
    async stop() {
      live.stop();
      options.walletBalance?.stop?.();
      loop?.stop();
      sells?.stop();
      if (refreshTimer) clearInterval(refreshTimer);
      for (const feed of feeds) await feed.stop().catch(() => undefined);
      await waitFor(() => state.inFlight.size === 0 && !loop?.busy && (sells?.inFlight ?? 0) === 0, 15_000);
      if (state.inFlight.size > 0) log(`${state.inFlight.size} buys still in flight at stop: they stay as intents and are reconciled at the next start`);
      if ((sells?.inFlight ?? 0) > 0) log(`${sells?.inFlight} sells still in flight at stop: they stay open in the ledger and are reconciled at the next start`);
      try {
        // The row goes first: a lock file without a row is a clean stop or a death, never "unsure".
        ledger?.unregisterInstance();
      } catch (error) {
        log(`could not unregister the instance: ${error instanceof Error ? error.message : String(error)}`);
      }
      ledger?.close();
      instanceLock?.release();
      audit.close();
      sellAudit.close();
      paperLedger?.close();
      options.onStopped?.();
    },
  };
}

/** A new ledger's rules: what an older settings.json held, else the defaults of the trading mode. */
function initialRules(store: SettingsStore) {
  const defaults = store.defaults();
  const legacy = store.legacyRules();
  return {
    killSwitch: legacy?.killSwitch ?? defaults.killSwitch,
    limits: { ...defaults.limits, ...legacy?.limits },
    blocklist: legacy?.blocklist ?? defaults.blocklist,
  };
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}
