import type { EngineStatus } from '../../../shared/contract.js';
import type { WalletStatus } from '../../../shared/positions.js';
import type { LocalBuyState } from '../coordinator/local-buy-state.js';
import type { PurchaseCoordinator } from '../coordinator/purchase-coordinator.js';
import type { Feed } from '../feeds/feed.js';
import type { Ledger } from '../ledger/ledger.js';
import type { SharedSettings } from '../settings/shared-settings.js';
import type { EventHub } from './event-hub.js';
import type { SignalRouter } from './signal-router.js';

export interface StatusSources {
  instanceId: string;
  dataDir: string;
  startedAt: number;
  mode: EngineStatus['mode'];
  hub: EventHub;
  settings: SharedSettings;
  state: LocalBuyState;
  ledger: Ledger | undefined;
  coordinator: PurchaseCoordinator;
  router: SignalRouter;
  feeds: Feed[];
  /** Live: the wallet's public key, how its key is kept and its last balance. */
  wallet?: () => WalletStatus;
  /** Open positions and their sells by state. */
  positions?: () => NonNullable<EngineStatus['positions']>;
}

/** The engine's status as `status.get` and the `status` event send it; counts outcomes as they happen. */
export function createEngineStatus(sources: StatusSources): () => EngineStatus {
  const { hub, settings, state, ledger, coordinator, router, feeds } = sources;
  const outcomeCounts: Record<string, number> = {};
  hub.subscribe((name, payload) => {
    if (name !== 'attempt') return;
    const outcome = (payload as { outcome?: string }).outcome;
    if (outcome) outcomeCounts[outcome] = (outcomeCounts[outcome] ?? 0) + 1;
  });
  return () => ({
    instanceId: sources.instanceId,
    dataDir: sources.dataDir,
    startedAt: sources.startedAt,
    mode: sources.mode,
    killSwitch: settings.get().killSwitch,
    storeHealthy: state.storeProblem === undefined,
    ...(state.storeProblem ? { storeProblem: state.storeProblem } : {}),
    purchases: ledger?.purchaseCount() ?? 0,
    inFlight: state.inFlight.size,
    unknown: state.unknown.size,
    pendingApprovals: coordinator.pendingApprovals().length,
    counts: { ...outcomeCounts, feedEvents: router.counts.events, signals: router.counts.signals },
    feeds: feeds.map((f) => f.counters()),
    ...(sources.wallet ? { wallet: sources.wallet() } : {}),
    ...(sources.positions ? { positions: sources.positions() } : {}),
  });
}
