import type { BlockedEntry, EngineStatus } from '../../../shared/contract.js';
import type { ModuleId, PurchaseRecord } from '../../../shared/domain.js';
import { moduleSettingsSchema } from '../../../shared/settings.js';
import type { DataDirClaims } from '../coordinator/data-dir-claims.js';
import type { PurchaseCoordinator } from '../coordinator/purchase-coordinator.js';
import type { Reconciler } from '../coordinator/reconciler.js';
import type { CommandHandlers } from '../engine-port.js';
import type { SignalModule } from '../modules/signal-module.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { HistoryStore } from '../store/history-store.js';
import type { EventHub } from './event-hub.js';

export interface HandlerDeps {
  settings: SettingsStore;
  coordinator: PurchaseCoordinator;
  reconciler: Reconciler;
  claims: DataDirClaims;
  history: HistoryStore;
  hub: EventHub;
  modules: ReadonlyMap<ModuleId, SignalModule>;
  status: () => EngineStatus;
}

const ok = { ok: true as const };

/** The engine's side of every command in shared/contract.ts; inputs arrive parsed. */
export function createCommandHandlers(deps: HandlerDeps): CommandHandlers {
  const { settings, coordinator, reconciler, claims, history, hub, modules } = deps;
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
    'blocked.list': async () => {
      const unknown: BlockedEntry[] = (await claims.unknownIntents()).map((i) => ({
        kind: 'unknown-outcome',
        mint: i.mint,
        symbol: i.symbol,
        module: i.module,
        platform: i.platform,
        attemptId: i.attemptId,
        since: i.at,
        ownerInstanceId: i.instanceId,
        ...(i.signature ? { signature: i.signature } : {}),
      }));
      const pending: BlockedEntry[] = coordinator.pendingApprovals().map((a) => ({
        kind: 'pending-approval',
        mint: a.signal.mint,
        symbol: a.signal.symbol,
        module: a.signal.module,
        platform: a.signal.platform,
        attemptId: a.attemptId,
        since: a.receivedAt,
      }));
      return [...unknown, ...pending];
    },
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
