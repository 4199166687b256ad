import { createStore } from 'zustand/vanilla';
import type { EventPayload } from '../../../shared/contract.js';
import type { Position, PositionTotals } from '../../../shared/positions.js';
import type { Client } from '../client/client.js';

/** The most the console asks for; the `positions` event carries whatever the engine holds. */
export const positionsLimit = 5_000;

export interface PositionsState {
  /** Open positions and those closed lately, as the engine last said; null until the first answer. */
  positions: Position[] | null;
  totals: PositionTotals | null;
  loading: boolean;
  /** Why the last `positions.list` failed; cleared by the next list or event. */
  error: string | null;
  /** The view's filters: closed positions shown or not, and a search on symbol, mint or module. */
  showClosed: boolean;
  search: string;
  /** Every `positions` event replaces the list: it is the whole list each time. */
  apply(payload: EventPayload<'positions'>): void;
  /** Asks the engine: after a snapshot without positions (the ledger could not be used), and on "Try again". */
  load(): Promise<void>;
  setShowClosed(showClosed: boolean): void;
  setSearch(search: string): void;
}

export function createPositionsStore(client: Client) {
  // An answer to a list asked before the last event is older than that event: it is dropped.
  let version = 0;
  return createStore<PositionsState>()((set) => ({
    positions: null,
    totals: null,
    loading: false,
    error: null,
    showClosed: false,
    search: '',
    apply(payload) {
      version++;
      set({ positions: payload.positions, totals: payload.totals, error: null, loading: false });
    },
    async load() {
      const mine = ++version;
      set({ loading: true });
      try {
        const answer = await client.call('positions.list', { includeClosed: true, limit: positionsLimit });
        if (mine === version) set({ positions: answer.positions, totals: answer.totals, error: null, loading: false });
      } catch (error) {
        if (mine === version) set({ loading: false, error: error instanceof Error ? error.message : String(error) });
      }
    },
    setShowClosed: (showClosed) => set({ showClosed }),
    setSearch: (search) => set({ search }),
  }));
}

export type PositionsStore = ReturnType<typeof createPositionsStore>;
