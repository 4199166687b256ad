import type { PositionRecord } from '../ledger/positions-ledger.js';
import type { PositionsList } from '../engine/positions-publisher.js';
import { orderPositions } from '../engine/positions-publisher.js';
import { toPosition, totalsOf, type PriceMark } from './pnl.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Open positions (at the freshest price known here) and closed ones, newest first, at most
 * `limit`; totals over every one of them, not only the page.
 */
export function listPositions(open: readonly PositionRecord[], closed: readonly PositionRecord[], markOf: (positionId: number) => PriceMark | undefined, limit: number): PositionsList {
  const all = orderPositions([...open.map((record) => toPosition(record, markOf(record.id))), ...closed.map((record) => toPosition(record))]);
  return { positions: all.slice(0, limit), totals: totalsOf(all) };
}
