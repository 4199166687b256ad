import crypto from 'node:crypto';
import type { EngineStatus } from '../../shared/contract.js';
import type { ModuleId } from '../../shared/domain.js';
import { AuditLog } from './audit/audit-log.js';
import { AttemptReporter } from './coordinator/attempt-reporter.js';
import { DataDirClaims } from './coordinator/data-dir-claims.js';
import { LocalBuyState } from './coordinator/local-buy-state.js';
import { PurchaseCoordinator } from './coordinator/purchase-coordinator.js';
import { Reconciler } from './coordinator/reconciler.js';
import { SpendTracker } from './coordinator/spend-tracker.js';
import { createCommandHandlers } from './engine/command-handlers.js';
import { EventHub } from './engine/event-hub.js';
import { createLiveEvents } from './engine/live-events.js';
import { ReconcileLoop } from './engine/reconcile-loop.js';
import { SignalRouter } from './engine/signal-router.js';
import type { EnginePort } from './engine-port.js';
import type { Feed } from './feeds/feed.js';
import type { SignalModule } from './modules/signal-module.js';
import { SettingsStore } from './settings/settings-store.js';
import { ClaimLock } from './store/claim-lock.js';
import { HistoryStore } from './store/history-store.js';
import { InstanceRegistry } from './store/instance-registry.js';
import type { JournalIo } from './store/intent-journal-io.js';
import { IntentStore } from './store/intent-store.js';
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
  /** The intent journal's disk writes; tests pass failing ones. */
  intentIo?: JournalIo;
  clock?: Clock;
  instanceId?: string;
  /** Paper trading (the default) with these fault settings, or a trader of your own. */
  paper?: Omit<PaperTraderOptions, 'ledger' | 'instanceId' | 'clock'>;
  trader?: Trader;
  feeds?: Feed[];
  modules?: ReadonlyMap<ModuleId, SignalModule>;
  reconcileIntervalMs?: number;
  lockStaleMs?: number;
  log?: (line: string) => void;
}

export interface Engine {
  readonly instanceId: string;
  readonly dataDir: string;
  readonly port: EnginePort;
  readonly coordinator: PurchaseCoordinator;
  readonly reconciler: Reconciler;
  status(): EngineStatus;
  /** Raises a problem the trader must see (a feed needing an API key, ...) as an `alert` event. */
  alert(level: 'info' | 'warning' | 'error', source: string, message: string): void;
  start(): Promise<void>;
  /** Stops the feeds, waits for buys in flight to settle (bounded), and releases the data dir. */
  stop(): Promise<void>;
}

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
  const settings = options.settings ?? new SettingsStore(dataDir, factory, now);
  const history = new HistoryStore(dataDir, factory, now);
  const intents = new IntentStore(dataDir, options.intentIo, now);
  const lock = new ClaimLock(dataDir, {
    ...(options.lockStaleMs ? { staleMs: options.lockStaleMs } : {}),
    onCompromised: (error) => alert('error', 'lock', `the data dir lock was lost: ${error.message}`),
  });
  const instances = new InstanceRegistry(dataDir, {
    onLost: (error) => alert('error', 'instance', `this instance's heartbeat was lost: ${error.message}`),
  });
  const state = new LocalBuyState();
  const spend = new SpendTracker(now);
  const audit = new AuditLog(dataDir, instanceId);
  const ledger = new PaperLedger(dataDir, instanceId);
  const trader = options.trader ?? new PaperTrader({ ...options.paper, ledger, instanceId, clock });
  const reporter = new AttemptReporter(instanceId, clock, audit, (update) => hub.emit('attempt', update));
  const claims = new DataDirClaims(instanceId, lock, (name) => new ClaimLock(dataDir, { name }), history, intents, instances);
  const reconciler = new Reconciler({ instanceId, clock, claims, state, trader, spend, reporter });
  const loop = new ReconcileLoop(reconciler, clock, options.reconcileIntervalMs ?? 10_000, {
    log,
    error: (message) => alert('error', 'reconcile', message),
  });
  const coordinator = new PurchaseCoordinator({
    instanceId,
    clock,
    history,
    claims,
    state,
    trader,
    spend,
    reporter,
    settings: () => settings.get(),
    onOrphanSeen: () => loop.soon(),
  });
  const modules = options.modules ?? new Map<ModuleId, SignalModule>();
  const feeds = options.feeds ?? [];
  const router = new SignalRouter(modules, coordinator, () => settings.get(), now, (m) => alert('warning', 'modules', m));
  const outcomeCounts: Record<string, number> = {};
  hub.subscribe((name, payload) => {
    if (name !== 'attempt') return;
    const outcome = (payload as { outcome?: string }).outcome;
    if (outcome) outcomeCounts[outcome] = (outcomeCounts[outcome] ?? 0) + 1;
  });

  const status = (): EngineStatus => ({
    instanceId,
    dataDir,
    startedAt,
    mode: trader.mode,
    killSwitch: settings.get().killSwitch,
    storeHealthy: state.storeProblem === undefined,
    ...(state.storeProblem ? { storeProblem: state.storeProblem } : {}),
    purchases: history.count(),
    inFlight: state.inFlight.size,
    unknown: state.unknown.size,
    pendingApprovals: coordinator.pendingApprovals().length,
    counts: { ...outcomeCounts, feedEvents: router.counts.events, signals: router.counts.signals },
    feeds: feeds.map((f) => f.counters()),
  });

  // Seq'd events, status/settings/blocked on change, the session snapshot. Call
  // live.settingsChanged() when another instance may have changed the shared rules.
  const blocked = { unknownBuys: () => claims.unknownIntents(), overridableSignals: () => coordinator.overridableSignals() };
  const live = createLiveEvents({ hub, clock, instanceId, status, settings: () => settings.get(), blocked, log });
  const port: EnginePort = {
    handlers: live.withSession(
      createCommandHandlers({ settings, coordinator, reconciler, claims, history, hub, modules, status, blockedList: live.blockedList }),
    ),
    subscribe: (listener) => live.subscribe(listener),
  };

  return {
    instanceId,
    dataDir,
    port,
    coordinator,
    reconciler,
    status,
    alert,
    async start() {
      if (settings.problem) alert('error', 'settings', settings.problem);
      try {
        history.load();
        spend.load([...history.all()].map((r) => ({ requester: r.module, sol: r.solSpent, at: r.at })));
      } catch (error) {
        state.storeProblem = error instanceof Error ? error.message : String(error);
        alert('error', 'history', state.storeProblem);
      }
      for (const [id, module] of modules) {
        const moduleSettings = settings.get().modules[id];
        if (moduleSettings) module.configure(moduleSettings);
      }
      await instances.register(instanceId, startedAt);
      log(`instance ${instanceId} on ${dataDir}: ${history.count()} purchases in history, trading ${trader.mode}`);
      // With an unreadable store nothing can be reconciled safely: it waits for a restart.
      if (!state.storeProblem) await loop.start();
      for (const feed of feeds) {
        await feed.start((event) => router.route(event));
        log(`feed ${feed.name} started`);
      }
      live.start();
    },
    async stop() {
      live.stop();
      loop.stop();
      for (const feed of feeds) await feed.stop().catch(() => undefined);
      await waitFor(() => state.inFlight.size === 0 && !loop.busy, 15_000);
      if (state.inFlight.size > 0) log(`${state.inFlight.size} buys still in flight at stop: they stay as intents and are reconciled at the next start`);
      await instances.unregister();
      intents.close();
      audit.close();
      ledger.close();
    },
  };
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}
