import type { BlockedEntry, EngineStatus } from '../../../shared/contract.js';
import type { Position, PositionTotals } from '../../../shared/positions.js';
import type { ModuleId } from '../../../shared/domain.js';
import { moduleSettingsSchema } from '../../../shared/settings.js';
import type { PurchaseCoordinator } from '../coordinator/purchase-coordinator.js';
import type { Reconciler } from '../coordinator/reconciler.js';
import type { Ledger } from '../ledger/ledger.js';
import type { SellCoordinator } from '../positions/sell-coordinator.js';
import type { SignalModule } from '../modules/signal-module.js';
import type { SharedSettings } from '../settings/shared-settings.js';
import type { EventHub } from './event-hub.js';
import type { EngineCommandHandlers } from './live-events.js';

export interface HandlerDeps {
  settings: SharedSettings;
  coordinator: PurchaseCoordinator;
  reconciler: Reconciler;
  ledger: Ledger | undefined;
  hub: EventHub;
  modules: ReadonlyMap<ModuleId, SignalModule>;
  status: () => EngineStatus;
  /** The blocked list as `blocked` events send it (one builder for both). */
  blockedList: () => Promise<BlockedEntry[]>;
  /** Undefined when the ledger cannot be used. */
  sells: SellCoordinator | undefined;
  positionsList: (includeClosed: boolean, limit: number) => { positions: Position[]; totals: PositionTotals };
}

const ok = { ok: true as const };

/** The engine's side of the commands in shared/contract.ts (the session ones: live-events.ts); inputs arrive parsed. */
export function createCommandHandlers(deps: HandlerDeps): EngineCommandHandlers {
  const { settings, coordinator, reconciler, hub, modules } = deps;
  const ledger = (): Ledger => {
    if (!deps.ledger) throw new Error(`the ledger cannot be used: ${deps.status().storeProblem ?? 'not open'}`);
    return deps.ledger;
  };
  return {
    'status.get': () => deps.status(),
    'settings.get': () => settings.get(),
    'killSwitch.set': ({ on, revision }) => {
      settings.setKillSwitch(on, revision);
      return ok;
    },
    'module.update': ({ module, patch, revision }) =>
      settings.updateModule(
        module,
        (current) => {
          const next = moduleSettingsSchema.parse({ ...current, ...patch });
          // The module parses its own filters: invalid filters are refused before anything is saved.
          modules.get(module)?.configure(next);
          return next;
        },
        revision,
      ),
    'limits.update': ({ revision, ...patch }) => settings.updateLimits(patch, revision),
    'blocklist.add': ({ address, revision }) => {
      settings.addToBlocklist(address, revision);
      return ok;
    },
    'blocklist.remove': ({ address, revision }) => {
      settings.removeFromBlocklist(address, revision);
      return ok;
    },
    'execution.update': ({ revision, ...patch }) => settings.updateExecution(patch, revision),
    'positions.list': ({ includeClosed, limit }) => deps.positionsList(includeClosed, limit),
    // Selling by hand is never held by the kill switch: it stops buying only.
    'positions.sell': ({ positionId, percent }) => {
      if (!deps.sells) throw new Error(`the ledger cannot be used, so nothing can be sold: ${deps.status().storeProblem ?? 'not open'}`);
      if (!/^[1-9][0-9]{0,15}$/.test(positionId)) throw new Error(`no position ${positionId}`);
      return deps.sells.sellByHand(Number(positionId), percent);
    },
    'attempts.recent': ({ limit }) => hub.recentAttempts(limit),
    'blocked.list': () => deps.blockedList(),
    'blocked.approveOnce': ({ attemptId }) => coordinator.approveOnce(attemptId),
    'blocked.dismiss': ({ attemptId }) => {
      if (!coordinator.dismiss(attemptId)) throw new Error('that attempt is no longer waiting for approval');
      return ok;
    },
    'blocked.buyAgain': ({ mint, platform, symbol, solAmount }) =>
      coordinator.requestBuy({ module: 'manual', mint, platform, symbol, solAmount, reason: 'buy again, by hand' }, 'buy-again'),
    'blocked.markReconciled': async ({ mint, outcome, signature, solSpent, tokens }) => {
      await reconciler.resolveByHand(
        mint,
        outcome === 'bought'
          ? {
              outcome,
              ...(signature ? { signature } : {}),
              ...(solSpent !== undefined ? { solSpent } : {}),
              ...(tokens !== undefined ? { tokens } : {}),
            }
          : { outcome },
      );
      return ok;
    },
    'history.list': ({ search, limit, offset }) => ledger().history(search, limit, offset),
    'history.totals': ({ search }) => ledger().historyTotals(search),
  };
}
