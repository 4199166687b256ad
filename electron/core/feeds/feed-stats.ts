import { feedEventSchema, type FeedEvent } from '../../../shared/feed-events.js';
import type { FeedAlert, FeedCounters } from './feed.js';

/** Distinct skip reasons kept; a service inventing new ones cannot grow the status without bound. */
const MAX_SKIP_REASONS = 16;
const OTHER_REASON = 'other';

/**
 * The mutable side of `FeedCounters`, plus the one gate every adapter emits through:
 * an event is validated against the shared schema first, so a mapping bug in an adapter
 * shows up as a dropped count instead of a malformed event inside the engine.
 */
export class FeedStats {
  connected = false;
  received = 0;
  dropped = 0;
  lastError: string | undefined;
  skipped = 0;
  private readonly skipReasons = new Map<string, number>();
  private readonly alerted = new Set<string>();

  constructor(
    readonly name: string,
    private readonly alert: FeedAlert | undefined,
  ) {}

  snapshot(): FeedCounters {
    const counters: FeedCounters = {
      name: this.name,
      connected: this.connected,
      received: this.received,
      dropped: this.dropped,
    };
    if (this.lastError !== undefined) counters.lastError = this.lastError;
    if (this.skipped > 0) counters.skipped = { count: this.skipped, reasons: Object.fromEntries(this.skipReasons) };
    return counters;
  }

  /** Counts a well-formed item that is not for us: neither an error nor something a module should see. */
  skip(reason: string): void {
    this.skipped++;
    const key = this.skipReasons.has(reason) || this.skipReasons.size < MAX_SKIP_REASONS - 1 ? reason : OTHER_REASON;
    this.skipReasons.set(key, (this.skipReasons.get(key) ?? 0) + 1);
  }

  drop(reason?: string): void {
    this.dropped++;
    if (reason !== undefined) this.lastError = reason;
  }

  /** Validates and emits; an engine callback that throws must not take the socket down. */
  emitValidated(emit: (event: FeedEvent) => void, candidate: unknown): boolean {
    const parsed = feedEventSchema.safeParse(candidate);
    if (!parsed.success) {
      this.drop(`${this.name}: event failed validation: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return false;
    }
    this.received++;
    try {
      emit(parsed.data);
    } catch (error) {
      this.lastError = `${this.name}: event handler threw: ${errorText(error)}`;
    }
    return true;
  }

  /**
   * Alerts the trader once per distinct message: a service that repeats the same refusal
   * on every reconnect should not flood the console.
   */
  alertOnce(level: 'info' | 'warning' | 'error', message: string): void {
    if (level !== 'info') this.lastError = message;
    if (this.alerted.has(message)) return;
    this.alerted.add(message);
    try {
      this.alert?.(level, message);
    } catch {
      // An alert sink that throws is the host's bug; the feed keeps running.
    }
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
