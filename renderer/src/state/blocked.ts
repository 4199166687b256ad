import { createStore } from 'zustand/vanilla';
import type { BlockedEntry } from '../../../shared/contract.js';
import type { PurchaseRecord } from '../../../shared/domain.js';
import type { Client } from '../client/client.js';

/** How many bought tokens the Blocked view lists at once (newest first; a search finds others). */
export const boughtListSize = 25;

export interface BlockedState {
  /** The engine's full blocked list, replaced by every `blocked` event. */
  entries: BlockedEntry[];
  /** Bought tokens, from history.list: what "buy again" applies to. */
  bought: { search: string; records: PurchaseRecord[]; total: number; loading: boolean; error: string | null };
  setEntries(entries: BlockedEntry[]): void;
  searchBought(search: string): Promise<void>;
  /** While the Blocked view is open, new purchases refresh the bought list (at most once a second). */
  boughtActive: boolean;
  setBoughtActive(active: boolean): void;
  purchasesChanged(): void;
}

const followMs = 1_000;

export function createBlockedStore(client: Client) {
  let request = 0;
  let followTimer: ReturnType<typeof setTimeout> | null = null;
  return createStore<BlockedState>()((set, get) => ({
    boughtActive: false,
    setBoughtActive(boughtActive) {
      set({ boughtActive });
      if (!boughtActive && followTimer) {
        clearTimeout(followTimer);
        followTimer = null;
      }
    },
    purchasesChanged() {
      if (!get().boughtActive || followTimer) return;
      followTimer = setTimeout(() => {
        followTimer = null;
        if (get().boughtActive) void get().searchBought(get().bought.search);
      }, followMs);
    },
    entries: [],
    bought: { search: '', records: [], total: 0, loading: false, error: null },
    setEntries: (entries) => set({ entries }),
    async searchBought(search) {
      const mine = ++request;
      set({ bought: { ...get().bought, search, loading: true, error: null } });
      try {
        const { records, total } = await client.call('history.list', { search: search.trim(), limit: boughtListSize, offset: 0 });
        if (mine === request) set({ bought: { search, records, total, loading: false, error: null } });
      } catch (error) {
        if (mine === request) set({ bought: { ...get().bought, loading: false, error: error instanceof Error ? error.message : String(error) } });
      }
    },
  }));
}

export type BlockedStore = ReturnType<typeof createBlockedStore>;
