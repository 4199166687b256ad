import { createStore } from 'zustand/vanilla';
import type { BlockedEntry } from '../../../shared/contract.js';

export interface BlockedState {
  /** The engine's full blocked list, replaced by every `blocked` event. */
  entries: BlockedEntry[];
  setEntries(entries: BlockedEntry[]): void;
}

export function createBlockedStore() {
  return createStore<BlockedState>()((set) => ({
    entries: [],
    setEntries: (entries) => set({ entries }),
  }));
}

export type BlockedStore = ReturnType<typeof createBlockedStore>;
