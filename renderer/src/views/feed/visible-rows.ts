import type { AttemptRing } from '../../state/attempt-ring.js';
import { matchesFilters, type AttemptsState } from '../../state/attempts.js';

/**
 * Which rows the feed shows, newest first, as a function from display index to ring pos.
 * Without a filter that is arithmetic (nothing is copied for 50k rows); with one, the
 * matching positions are collected once per batch — a plain loop over at most 50k rows.
 */
export interface VisibleRows {
  count: number;
  posAt(index: number): number;
}

export function visibleRows(
  ring: AttemptRing,
  end: number,
  moduleFilter: AttemptsState['moduleFilter'],
  outcomeFilter: AttemptsState['outcomeFilter'],
): VisibleRows {
  const start = ring.start;
  const last = Math.min(end, ring.end);
  if (moduleFilter === 'all' && outcomeFilter === 'all') {
    const count = Math.max(0, last - start);
    return { count, posAt: (index) => last - 1 - index };
  }
  const matches: number[] = [];
  for (let pos = last - 1; pos >= start; pos--) {
    const update = ring.at(pos);
    if (update && matchesFilters(update, moduleFilter, outcomeFilter)) matches.push(pos);
  }
  return { count: matches.length, posAt: (index) => matches[index] ?? -1 };
}
