import type { FeedAlert } from '../feeds/feed.js';

export type AlertLevel = 'info' | 'warning' | 'error';

export interface CollectedAlert {
  level: AlertLevel;
  source: string;
  message: string;
  at: number;
}

export type AlertSink = (level: AlertLevel, source: string, message: string) => void;

/**
 * The bridge between the feeds' `alert` callbacks and whoever shows alerts. Feeds are
 * built before the engine, and the engine takes no alert hook from outside yet, so alerts
 * are collected here (the newest `keep`), handed to `onAlert` at once (serve prints them),
 * and forwarded to a sink attached later — the engine's own `alert`, once it offers one;
 * what was raised before that is replayed into it, so "API key required" is never lost.
 */
export class FeedAlerts {
  private readonly kept: CollectedAlert[] = [];
  private sink: AlertSink | undefined;

  constructor(
    private readonly now: () => number,
    private readonly onAlert: (alert: CollectedAlert) => void = () => undefined,
    private readonly keep = 200,
  ) {}

  /** The `alert` option for one feed. */
  for(source: string): FeedAlert {
    return (level, message) => this.raise(level, source, message);
  }

  raise(level: AlertLevel, source: string, message: string): void {
    const alert = { level, source, message, at: this.now() };
    this.kept.push(alert);
    if (this.kept.length > this.keep) this.kept.shift();
    this.onAlert(alert);
    this.sink?.(level, source, message);
  }

  attach(sink: AlertSink): void {
    this.sink = sink;
    for (const a of this.kept) sink(a.level, a.source, a.message);
  }

  all(): CollectedAlert[] {
    return [...this.kept];
  }
}
