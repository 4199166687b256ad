import type { FeedEvent } from '../../../shared/feed-events.js';

export interface FeedCounters {
  name: string;
  connected: boolean;
  /** Messages that parsed into events. */
  received: number;
  /** Messages dropped as malformed, oversized or of the wrong shape. */
  dropped: number;
  lastError?: string;
  /** Well-formed items that are not for us (another launchpad, a quote mint), by reason. */
  skipped?: SkippedCounts;
}

export interface SkippedCounts {
  count: number;
  reasons: Record<string, number>;
}

/**
 * A source of market events. Input from outside is untrusted: an adapter parses every
 * message with the schemas in shared/feed-events.ts, drops and counts what does not parse,
 * reconnects with backoff, and never throws into the engine.
 */
export interface Feed {
  readonly name: string;
  start(emit: (event: FeedEvent) => void): Promise<void>;
  stop(): Promise<void>;
  counters(): FeedCounters;
}

/** A problem the trader should see (a feed that needs an API key, a rate limit, ...). */
export type FeedAlert = (level: 'info' | 'warning' | 'error', message: string) => void;
