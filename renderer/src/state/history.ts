import { createStore } from 'zustand/vanilla';
import type { CommandOutput } from '../../../shared/contract.js';
import type { PurchaseRecord } from '../../../shared/domain.js';
import type { Client } from '../client/client.js';

export const historyPageSize = 100;

export interface HistoryState {
  search: string;
  /** 0-based. */
  page: number;
  records: PurchaseRecord[];
  total: number;
  /** Per module over every record the search matches (not only this page). */
  totals: CommandOutput<'history.totals'>;
  loading: boolean;
  error: string | null;
  /** While the History view is open, new purchases refresh the first page (at most once a second). */
  active: boolean;
  setActive(active: boolean): void;
  purchasesChanged(): void;
  setSearch(search: string): void;
  setPage(page: number): void;
  /** The page, and the totals unless only the page changed. */
  load(withTotals?: boolean): Promise<void>;
}

/**
 * One page of the history at a time, asked of the engine: the console never holds 100k
 * records, so paging and searching stay fast whatever the store's size.
 */
/** New purchases refresh an open first page at most this often. */
const followMs = 1_000;

export function createHistoryStore(client: Client) {
  let request = 0;
  let followTimer: ReturnType<typeof setTimeout> | null = null;
  return createStore<HistoryState>()((set, get) => ({
    active: false,
    setActive(active) {
      set({ active });
      if (!active && followTimer) {
        clearTimeout(followTimer);
        followTimer = null;
      }
    },
    purchasesChanged() {
      // Only the first page shows the newest; a later page stays put while the trader reads it.
      if (!get().active || get().page !== 0 || followTimer) return;
      followTimer = setTimeout(() => {
        followTimer = null;
        if (get().active && get().page === 0) void get().load();
      }, followMs);
    },
    search: '',
    page: 0,
    records: [],
    total: 0,
    totals: [],
    loading: false,
    error: null,
    setSearch(search) {
      set({ search, page: 0 });
      void get().load();
    },
    setPage(page) {
      set({ page: Math.max(0, page) });
      void get().load(false);
    },
    async load(withTotals = true) {
      const mine = ++request;
      const { search, page } = get();
      set({ loading: true, error: null });
      try {
        const [result, totals] = await Promise.all([
          client.call('history.list', { search: search.trim(), limit: historyPageSize, offset: page * historyPageSize }),
          withTotals ? client.call('history.totals', { search: search.trim() }) : get().totals,
        ]);
        // A slower answer to an older search must not overwrite a newer one.
        if (mine === request) set({ records: result.records, total: result.total, totals, loading: false });
      } catch (error) {
        if (mine === request) set({ loading: false, error: error instanceof Error ? error.message : String(error) });
      }
    },
  }));
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
