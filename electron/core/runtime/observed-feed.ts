import type { FeedEvent } from '../../../shared/feed-events.js';
import type { Feed, FeedCounters } from '../feeds/feed.js';

/**
 * A feed whose events are shown to an observer (the live curve book) before the engine
 * sees them, so a quote taken for a signal already knows the event that caused it.
 * Transparent otherwise: same name, same counters.
 */
export class ObservedFeed implements Feed {
  readonly name: string;

  constructor(
    readonly inner: Feed,
    private readonly observe: (event: FeedEvent) => void,
  ) {
    this.name = inner.name;
  }

  start(emit: (event: FeedEvent) => void): Promise<void> {
    return this.inner.start((event) => {
      this.observe(event);
      emit(event);
    });
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  counters(): FeedCounters {
    return this.inner.counters();
  }
}
