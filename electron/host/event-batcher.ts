import type { PushedEventListener } from '../core/engine-port.js';
import type { Clock } from '../core/time/clock.js';
import type { PushedEvent } from '../../shared/wire.js';

export interface EventBatcherOptions {
  clock: Clock;
  /** Receives each batch, in order; never an empty one. */
  flush: (events: PushedEvent[]) => void;
  /** Longest an event waits before it is sent. */
  intervalMs?: number;
  /** A batch this long is sent at once instead of waiting. */
  maxBatch?: number;
}

/**
 * Collects engine events and hands them on in batches, so the UI gets one message per
 * ~50 ms instead of one per event when a feed is busy. Every event is delivered, in seq
 * order: dropping one (even a superseded status) would look like a gap to the client and
 * make it resync for nothing. The engine already coalesces status and the blocked list.
 */
export class EventBatcher {
  private readonly clock: Clock;
  private readonly send: (events: PushedEvent[]) => void;
  private readonly intervalMs: number;
  private readonly maxBatch: number;
  private pending: PushedEvent[] = [];
  private timer: unknown = null;
  private stopped = false;

  constructor(options: EventBatcherOptions) {
    this.clock = options.clock;
    this.send = options.flush;
    this.intervalMs = options.intervalMs ?? 50;
    this.maxBatch = Math.max(1, options.maxBatch ?? 500);
  }

  /** Shaped as an EnginePort listener, so it can be passed to `subscribe` directly. */
  readonly push: PushedEventListener = (event) => {
    if (this.stopped) return;
    this.pending.push(event);
    if (this.pending.length >= this.maxBatch) this.flush();
    else if (this.timer === null) this.timer = this.clock.setTimeout(() => this.flush(), this.intervalMs);
  };

  /** Sends whatever is waiting now. */
  flush(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.send(batch);
  }

  /** Sends what is waiting and accepts nothing more. */
  stop(): void {
    this.flush();
    this.stopped = true;
  }
}
