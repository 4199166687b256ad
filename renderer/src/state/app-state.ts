import type { AttemptUpdate } from '../../../shared/domain.js';
import type { Client } from '../client/client.js';
import { EventSync, type SyncTarget } from '../client/event-sync.js';
import type { PushedEvent } from '../client/wire-types.js';
import { createAttemptsStore, type AttemptsStore } from './attempts.js';
import { createBlockedStore, type BlockedStore } from './blocked.js';
import { createHistoryStore, type HistoryStore } from './history.js';
import { createPositionsStore, type PositionsStore } from './positions.js';
import { createSettingsStore, type SettingsStore } from './settings.js';
import { createStatusStore, type StatusState, type StatusStore } from './status.js';

export interface Slices {
  attempts: AttemptsStore;
  blocked: BlockedStore;
  settings: SettingsStore;
  history: HistoryStore;
  positions: PositionsStore;
  status: StatusStore;
}

export interface AppState extends Slices {
  client: Client;
  target: SyncTarget;
}

/** Every slice of the console, built for one client: no module-level singletons. */
export function createAppState(client: Client, options: { feedCapacity?: number } = {}): AppState {
  const stores: Slices = {
    attempts: createAttemptsStore(options.feedCapacity),
    blocked: createBlockedStore(client),
    settings: createSettingsStore(),
    history: createHistoryStore(client),
    positions: createPositionsStore(client),
    status: createStatusStore(),
  };
  return { client, ...stores, target: syncTarget(stores) };
}

function assertNever(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}

/** Applies synced engine state to the slices; a batch touches each slice at most once. */
function syncTarget(stores: Slices): SyncTarget {
  return {
    applySnapshot(snapshot) {
      stores.status.getState().setStatus(snapshot.status);
      // A snapshot is a complete picture: whatever failed before it no longer matters.
      stores.status.getState().setSyncError(null);
      stores.settings.getState().setSettings(snapshot.settings);
      stores.blocked.getState().setEntries(snapshot.blocked);
      stores.attempts.getState().apply(snapshot.attempts);
      // An engine whose ledger cannot be used sends none: ask, and the view says why it failed.
      if (snapshot.positions) stores.positions.getState().apply(snapshot.positions);
      else void stores.positions.getState().load();
    },
    applyEvents(events: PushedEvent[]) {
      const attempts: AttemptUpdate[] = [];
      const alerts: Parameters<StatusState['addAlerts']>[0] = [];
      let status, settings, blocked, positions;
      for (const event of events) {
        switch (event.name) {
          case 'attempt':
            attempts.push(event.payload);
            break;
          case 'status':
            status = event.payload;
            break;
          case 'alert':
            alerts.push(event.payload);
            break;
          case 'settings':
            settings = event.payload;
            break;
          case 'blocked':
            blocked = event.payload;
            break;
          case 'positions':
            positions = event.payload;
            break;
          default:
            assertNever(event);
        }
      }
      if (attempts.length > 0) stores.attempts.getState().apply(attempts);
      if (attempts.some((a) => a.outcome === 'bought' || a.outcome === 'reconciled-bought')) {
        stores.history.getState().purchasesChanged();
        stores.blocked.getState().purchasesChanged();
      }
      if (status) stores.status.getState().setStatus(status);
      if (settings) stores.settings.getState().setSettings(settings);
      if (blocked) stores.blocked.getState().setEntries(blocked);
      if (positions) stores.positions.getState().apply(positions);
      stores.status.getState().addAlerts(alerts);
    },
    resynced: (notice) => stores.status.getState().setResync(notice),
    syncFailed: (message) => stores.status.getState().setSyncError(message),
  };
}

/** Connects the slices to the engine; returns the function that disconnects them. */
export function connectAppState(state: AppState): () => void {
  const sync = new EventSync(state.client, state.target);
  const offConnection = state.client.transport.onConnection((connection) => state.status.getState().setConnection(connection));
  sync.start();
  return () => {
    sync.stop();
    offConnection();
  };
}
