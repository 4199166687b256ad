import type { AttemptUpdate } from '../../../shared/domain.js';

/**
 * The feed's rows: the latest update of each attempt, oldest first, at most `capacity`
 * of them. Hand-written rather than an array because appending to a bounded array is
 * O(n) (shift) and copying 50k rows per event batch would stall the page: here an append,
 * an in-place update and an eviction are each O(1).
 *
 * Rows are addressed by their absolute position `pos` (0 for the first row ever added),
 * which never changes while the row is kept, so a paused view stays where it is while
 * new rows arrive and old ones fall off.
 */
export class AttemptRing {
  private readonly slots: (AttemptUpdate | undefined)[];
  private readonly byId = new Map<string, number>();
  private added = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.slots = new Array<AttemptUpdate | undefined>(capacity);
  }

  /** Rows ever added; the next row's pos. */
  get end(): number {
    return this.added;
  }

  /** pos of the oldest row still kept. */
  get start(): number {
    return Math.max(0, this.added - this.capacity);
  }

  get size(): number {
    return this.added - this.start;
  }

  at(pos: number): AttemptUpdate | undefined {
    if (pos < this.start || pos >= this.added) return undefined;
    return this.slots[pos % this.capacity];
  }

  /**
   * A new attempt becomes a row; a later step of a kept attempt replaces its row in place
   * (the counters need the step it replaced).
   */
  upsert(update: AttemptUpdate): UpsertResult {
    const pos = this.byId.get(update.attemptId);
    if (pos !== undefined) {
      const slot = pos % this.capacity;
      const previous = this.slots[slot]!;
      // A snapshot after a reconnect may repeat an older step; a row never goes back.
      if (stageRank(previous) > stageRank(update)) return { kind: 'stale' };
      this.slots[slot] = update;
      return { kind: 'updated', previous };
    }
    const slot = this.added % this.capacity;
    const evicted = this.slots[slot];
    if (evicted && this.added >= this.capacity) this.byId.delete(evicted.attemptId);
    this.slots[slot] = update;
    this.byId.set(update.attemptId, this.added);
    this.added++;
    return { kind: 'added' };
  }

  posOf(attemptId: string): number | undefined {
    return this.byId.get(attemptId);
  }
}

export type UpsertResult = { kind: 'added' } | { kind: 'updated'; previous: AttemptUpdate } | { kind: 'stale' };

const stageRank = (update: AttemptUpdate): number => (update.stage === 'done' ? 2 : update.stage === 'claimed' ? 1 : 0);
