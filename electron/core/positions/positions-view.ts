import type { PositionsLedger } from '../ledger/positions-ledger.js';
import type { PositionsList } from '../engine/positions-publisher.js';
import { orderPositions } from '../engine/positions-publisher.js';
import { toPosition, totalsOf, type PriceMark } from './pnl.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ListOptions {
  /** With the positions closed in the last 24 hours. */
  includeClosed: boolean;
  limit: number;
}

/**
 * Open positions (at the freshest price known here) and, if asked, those closed in the last
 * 24 h, newest first, at most `limit`; totals over every one of them, not only the page.
 */
export function listPositions(positions: PositionsLedger, markOf: (positionId: number) => PriceMark | undefined, now: number, options: ListOptions): PositionsList {
  const open = positions.openPositions().map((record) => toPosition(record, markOf(record.id)));
  const closed = options.includeClosed ? positions.closedSince(now - DAY_MS, options.limit).map((record) => toPosition(record)) : [];
  const all = orderPositions([...open, ...closed]);
  return { positions: all.slice(0, options.limit), totals: totalsOf(all) };
}
