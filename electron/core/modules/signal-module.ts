import type { BuySignalInput, ModuleId } from '../../../shared/domain.js';
import type { FeedEvent } from '../../../shared/feed-events.js';
import type { ModuleSettings } from '../../../shared/settings.js';

/**
 * Turns market events into buy signals. A module decides *what* looks worth buying and
 * says why; it never decides whether a buy may happen: the coordinator does that, so a
 * module never checks history, in-flight buys or limits itself.
 *
 * Filters that fail still produce a signal with the failed filter in `filters`, so the
 * coordinator records a visible "filter failed" block instead of a silent drop — unless
 * the event is simply not the kind the module looks at.
 */
export interface SignalModule {
  readonly id: ModuleId;
  onEvent(event: FeedEvent, now: number): BuySignalInput[];
  /** Settings can change while running; the module re-parses its own `filters`. */
  configure(settings: ModuleSettings): void;
}
