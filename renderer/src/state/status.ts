import { createStore } from 'zustand/vanilla';
import type { EngineStatus, EventPayload } from '../../../shared/contract.js';
import type { ResyncNotice } from '../client/event-sync.js';
import type { ConnectionState } from '../client/transport.js';

export type Alert = EventPayload<'alert'> & { id: number };

export interface StatusState {
  status: EngineStatus | null;
  connection: ConnectionState;
  /** The last resync, shown in the status bar. */
  resync: (ResyncNotice & { at: number }) | null;
  syncError: string | null;
  /** Alerts stay until the trader dismisses them; the oldest go past `maxAlerts`. */
  alerts: Alert[];
  setStatus(status: EngineStatus): void;
  setConnection(connection: ConnectionState): void;
  setResync(notice: ResyncNotice): void;
  setSyncError(message: string | null): void;
  addAlerts(alerts: EventPayload<'alert'>[]): void;
  dismissAlert(id: number): void;
}

const maxAlerts = 20;

export function createStatusStore() {
  let nextId = 1;
  return createStore<StatusState>()((set, get) => ({
    status: null,
    connection: { connected: false },
    resync: null,
    syncError: null,
    alerts: [],
    setStatus: (status) => set({ status }),
    setConnection: (connection) => set({ connection }),
    setResync: (notice) => set({ resync: { ...notice, at: Date.now() }, syncError: null }),
    setSyncError: (syncError) => set({ syncError }),
    addAlerts(alerts) {
      if (alerts.length === 0) return;
      const added = alerts.map((alert) => ({ ...alert, id: nextId++ }));
      set({ alerts: [...get().alerts, ...added].slice(-maxAlerts) });
    },
    dismissAlert: (id) => set({ alerts: get().alerts.filter((alert) => alert.id !== id) }),
  }));
}

export type StatusStore = ReturnType<typeof createStatusStore>;
