import type { EventPayload } from '../../../shared/contract.js';
import type { Position } from '../../../shared/positions.js';
import type { Clock } from '../time/clock.js';
import { CoalescedTask } from './coalesced-task.js';

export type PositionsList = EventPayload<'positions'>;

export interface PositionsPublisherOptions {
  clock: Clock;
  /** The list as the console shows it: open positions and those closed in the last 24 h, with totals. */
  list: () => PositionsList;
  emit: (list: PositionsList) => void;
  /** At most one `positions` event per this long (default 500 ms: prices move many times a second). */
  minIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/** Sends the positions when they changed (a buy, a sell, a price), coalesced to at most ~2 a second. */
export class PositionsPublisher {
  private last: PositionsList = { positions: [], totals: { open: 0, realizedSol: 0, unrealizedSol: 0 } };
  private lastSent = '';
  private readonly task: CoalescedTask;

  constructor(private readonly options: PositionsPublisherOptions) {
    this.task = new CoalescedTask(options.clock, options.minIntervalMs ?? 500, () => void this.refresh(), options.onError);
  }

  current(): PositionsList {
    return this.last;
  }

  poke(): void {
    this.task.poke();
  }

  /** Computes the list now and sends it if it changed. Throws when the ledger cannot be read. */
  refresh(): PositionsList {
    const list = this.options.list();
    const text = JSON.stringify(list);
    this.last = list;
    if (text !== this.lastSent) {
      this.lastSent = text;
      this.options.emit(list);
    }
    return list;
  }

  stop(): void {
    this.task.stop();
  }
}

/** Open positions first (newest first), then closed ones (most recently closed first). */
export function orderPositions(positions: Position[]): Position[] {
  const open = positions.filter((p) => p.status === 'open').sort((a, b) => b.openedAt - a.openedAt || Number(b.id) - Number(a.id));
  const closed = positions.filter((p) => p.status === 'closed').sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0));
  return [...open, ...closed];
}
