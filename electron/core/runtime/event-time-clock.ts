import type { FeedEvent } from '../../../shared/feed-events.js';
import type { Clock } from '../time/clock.js';

/**
 * The engine's clock for a fast tape replay: "now" is the time of the latest event
 * replayed, so a module judges a token's age and its volume window in the tape's own time.
 * On the wall clock a fast replay squeezes an hour of market into a second, and yesterday's
 * launches would all fail the sniper's age filter. Timers (paper latency, reconcile) still
 * run on the base clock: they are about this process, not about the market.
 */
export class EventTimeClock implements Clock {
  private latest: number | undefined;

  constructor(private readonly base: Clock) {}

  observe(event: FeedEvent): void {
    // Never backwards: a tape of several merged sources may be slightly out of order.
    if (this.latest === undefined || event.at > this.latest) this.latest = event.at;
  }

  now(): number {
    return this.latest ?? this.base.now();
  }

  setTimeout(fn: () => void, ms: number): unknown {
    return this.base.setTimeout(fn, ms);
  }

  clearTimeout(handle: unknown): void {
    this.base.clearTimeout(handle);
  }
}
