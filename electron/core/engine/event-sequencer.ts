import type { EventName, EventPayload } from '../../../shared/contract.js';
import type { PushedEvent } from '../../../shared/wire.js';
import type { PushedEventListener } from '../engine-port.js';

/**
 * Numbers every engine event (1, 2, 3, ... in emit order, the same for every client) and
 * keeps the latest ones in a fixed ring, so a client that lost its connection can fetch
 * what it missed instead of reloading everything. Hand-written: a ring over a fixed array
 * is a dozen lines, and the lookup by seq is plain index arithmetic because seqs are dense.
 */
export class EventSequencer {
  private readonly ring: (PushedEvent | undefined)[];
  private readonly listeners = new Set<PushedEventListener>();
  private seq = 0;

  constructor(readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('the event ring needs a capacity of at least 1');
    this.ring = new Array<PushedEvent | undefined>(capacity);
  }

  /** The seq of the latest event; 0 before the first. */
  get lastSeq(): number {
    return this.seq;
  }

  subscribe(listener: PushedEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Shaped as an EventHub listener: stamps the event, keeps it, hands it to every subscriber. */
  readonly record = <N extends EventName>(name: N, payload: EventPayload<N>): void => {
    this.seq += 1;
    const event = { seq: this.seq, name, payload } as PushedEvent;
    this.ring[this.seq % this.capacity] = event;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed window) must not stop the engine or the others.
      }
    }
  };

  /**
   * The events after `afterSeq`, oldest first, or null when some of them are no longer
   * held (or `afterSeq` is ahead of this engine: the client saw another engine's numbers).
   */
  since(afterSeq: number): PushedEvent[] | null {
    if (!Number.isInteger(afterSeq) || afterSeq < 0 || afterSeq > this.seq) return null;
    const oldestHeld = Math.max(1, this.seq - this.capacity + 1);
    if (afterSeq + 1 < oldestHeld) return null;
    const events: PushedEvent[] = [];
    for (let seq = afterSeq + 1; seq <= this.seq; seq++) events.push(this.ring[seq % this.capacity]!);
    return events;
  }
}
