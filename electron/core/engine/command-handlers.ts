import type { BlockedEntry, EngineStatus } from '../../../shared/contract.js';
import type { ModuleId, PurchaseRecord } from '../../../shared/domain.js';
import { moduleSettingsSchema } from '../../../shared/settings.js';
import type { DataDirClaims } from '../coordinator/data-dir-claims.js';
import type { PurchaseCoordinator } from '../coordinator/purchase-coordinator.js';
import type { Reconciler } from '../coordinator/reconciler.js';
import type { SignalModule } from '../modules/signal-module.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { HistoryStore } from '../store/history-store.js';
import type { EventHub } from './event-hub.js';
import type { EngineCommandHandlers } from './live-events.js';

export interface HandlerDeps {
  settings: SettingsStore;
  coordinator: PurchaseCoordinator;
  reconciler: Reconciler;
  claims: DataDirClaims;
  history: HistoryStore;
  hub: EventHub;
  modules: ReadonlyMap<ModuleId, SignalModule>;
  status: () => EngineStatus;
  /** The blocked list as `blocked` events send it (one builder for both). */
  blockedList: () => Promise<BlockedEntry[]>;
}

const ok = { ok: true as const };

/** The engine's side of the commands in shared/contract.ts (the session ones: live-events.ts); inputs arrive parsed. */
export function createCommandHandlers(deps: HandlerDeps): EngineCommandHandlers {
  const { settings, coordinator, reconciler, history, hub, modules } = deps;
  return {
    'status.get': () => deps.status(),
    'settings.get': () => settings.get(),
    'killSwitch.set': ({ on }) => {
      settings.update((s) => ({ ...s, killSwitch: on }));
      return ok;
    },
    'module.update': ({ module, patch }) => {
      const next = moduleSettingsSchema.parse({ ...settings.get().modules[module], ...patch });
      // The module parses its own filters: invalid filters are refused before anything is saved.
      modules.get(module)?.configure(next);
      settings.update((s) => ({ ...s, modules: { ...s.modules, [module]: next } }));
      return next;
    },
    'limits.update': (patch) => settings.update((s) => ({ ...s, limits: { ...s.limits, ...patch } })).limits,
    'blocklist.add': ({ address }) => {
      settings.update((s) => ({ ...s, blocklist: [...new Set([...s.blocklist, address])] }));
      return ok;
    },
    'blocklist.remove': ({ address }) => {
      settings.update((s) => ({ ...s, blocklist: s.blocklist.filter((a) => a !== address) }));
      return ok;
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
    'history.list': ({ search, limit, offset }) => {
      const needle = search.toLowerCase();
      const matches: PurchaseRecord[] = [];
      for (const r of history.all()) {
        if (!needle || r.mint.toLowerCase().includes(needle) || r.symbol.toLowerCase().includes(needle)) matches.push(r);
      }
      matches.sort((a, b) => b.at - a.at);
      return { total: matches.length, records: matches.slice(offset, offset + limit) };
    },
  };
}
