import { createStore } from 'zustand/vanilla';
import type { AttemptOutcome, AttemptUpdate, Requester } from '../../../shared/domain.js';
import { AttemptRing } from './attempt-ring.js';

/** The feed keeps this many rows; older ones fall off (the history keeps every purchase). */
export const feedCapacity = 50_000;

export interface ModuleCounter {
  attempts: number;
  bought: number;
  blocked: number;
  failed: number;
  unknown: number;
  /** SOL of the bought attempts. */
  sol: number;
}

export type OutcomeFilter = AttemptOutcome | 'in-progress' | 'all';

export interface AttemptsState {
  /** Mutated in place (see AttemptRing); `version` changes with every batch so views re-render. */
  ring: AttemptRing;
  version: number;
  /** Since this console loaded, by requester; kept when rows fall off the feed. */
  counters: Partial<Record<Requester, ModuleCounter>>;
  moduleFilter: Requester | 'all';
  outcomeFilter: OutcomeFilter;
  /** While paused, the feed shows rows up to this pos and does not move. */
  pausedAt: number | null;
  apply(updates: readonly AttemptUpdate[]): void;
  setModuleFilter(module: Requester | 'all'): void;
  setOutcomeFilter(outcome: OutcomeFilter): void;
  setPaused(paused: boolean): void;
}

const emptyCounter = (): ModuleCounter => ({ attempts: 0, bought: 0, blocked: 0, failed: 0, unknown: 0, sol: 0 });

type Bucket = Exclude<keyof ModuleCounter, 'attempts' | 'sol'> | null;

function bucketOf(outcome: AttemptOutcome | undefined): Bucket {
  switch (outcome) {
    case undefined:
    case 'reconciled-not-bought':
      return null;
    case 'bought':
    case 'reconciled-bought':
      return 'bought';
    case 'blocked':
      return 'blocked';
    case 'failed':
      return 'failed';
    case 'unknown':
      return 'unknown';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

function count(counter: ModuleCounter, update: AttemptUpdate, sign: 1 | -1): void {
  const bucket = bucketOf(update.outcome);
  if (bucket === null) return;
  counter[bucket] += sign;
  if (bucket === 'bought') counter.sol += sign * update.solAmount;
}

export function createAttemptsStore(capacity = feedCapacity) {
  return createStore<AttemptsState>()((set, get) => ({
    ring: new AttemptRing(capacity),
    version: 0,
    counters: {},
    moduleFilter: 'all',
    outcomeFilter: 'all',
    pausedAt: null,
    apply(updates) {
      if (updates.length === 0) return;
      const { ring } = get();
      const counters = { ...get().counters };
      for (const update of updates) {
        const result = ring.upsert(update);
        if (result.kind === 'stale') continue;
        const counter = (counters[update.module] = { ...(counters[update.module] ?? emptyCounter()) });
        if (result.kind === 'updated') count(counter, result.previous, -1);
        else counter.attempts++;
        count(counter, update, 1);
      }
      set({ version: get().version + 1, counters });
    },
    setModuleFilter: (moduleFilter) => set({ moduleFilter }),
    setOutcomeFilter: (outcomeFilter) => set({ outcomeFilter }),
    setPaused: (paused) => set({ pausedAt: paused ? get().ring.end : null }),
  }));
}

export type AttemptsStore = ReturnType<typeof createAttemptsStore>;

/** Whether a row passes the feed's filters. */
export function matchesFilters(update: AttemptUpdate, module: AttemptsState['moduleFilter'], outcome: OutcomeFilter): boolean {
  if (module !== 'all' && update.module !== module) return false;
  if (outcome === 'all') return true;
  if (outcome === 'in-progress') return update.outcome === undefined;
  return update.outcome === outcome;
}
