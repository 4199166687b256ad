import type { FeedEvent } from '../../../shared/feed-events.js';
import type { Clock } from '../time/clock.js';
import type { Rng } from '../time/rng.js';
import { ExponentialBackoff, type BackoffOptions } from './backoff.js';
import type { Feed, FeedAlert, FeedCounters } from './feed.js';
import { FeedStats, errorText } from './feed-stats.js';
import { getJson, type FetchFn } from './http-json.js';
import type { TokenBucket } from './rate-limiter.js';

export interface HttpPollerOptions {
  clock: Clock;
  rng: Rng;
  /** Defaults to Node's global fetch; tests may pass their own. */
  fetch?: FetchFn;
  alert?: FeedAlert;
  intervalMs?: number;
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Delays after a failed cycle (429 without Retry-After, 5xx, timeout, network). */
  backoff?: BackoffOptions;
}

export interface HttpStats {
  requests: number;
  ok: number;
  timeouts: number;
  rateLimited: number;
  serverErrors: number;
  clientErrors: number;
  networkErrors: number;
  badBodies: number;
}

/**
 * The loop shared by the HTTP trending pollers: one cycle at a time, the next one an
 * interval later after success, or after the service's Retry-After / an exponential
 * backoff after a failure. Every request waits for its token bucket first.
 */
export abstract class HttpPoller implements Feed {
  abstract readonly name: string;
  protected abstract readonly service: string;
  protected readonly stats: FeedStats;
  private readonly http: HttpStats = {
    requests: 0, ok: 0, timeouts: 0, rateLimited: 0, serverErrors: 0, clientErrors: 0, networkErrors: 0, badBodies: 0,
  };
  private readonly backoff: ExponentialBackoff;
  private timer: unknown;
  private stopped = true;
  private cycleFailed = false;
  private retryAfterMs: number | undefined;
  private cycles = 0;

  protected constructor(
    name: string,
    protected readonly options: HttpPollerOptions,
    private readonly defaultIntervalMs: number,
  ) {
    this.stats = new FeedStats(name, options.alert);
    this.backoff = new ExponentialBackoff(options.backoff ?? { initialMs: 5_000, maxMs: 300_000 }, options.rng);
  }

  /** One poll: fetch through `request`, emit through `this.stats.emitValidated`. */
  protected abstract cycle(emit: (event: FeedEvent) => void): Promise<void>;

  async start(emit: (event: FeedEvent) => void): Promise<void> {
    this.stopped = false;
    void this.run(emit);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.clock.clearTimeout(this.timer);
  }

  counters(): FeedCounters {
    return this.stats.snapshot();
  }

  httpStats(): HttpStats {
    return { ...this.http };
  }

  /** Completed poll cycles, so callers and tests can wait for one without sleeping. */
  completedCycles(): number {
    return this.cycles;
  }

  private async run(emit: (event: FeedEvent) => void): Promise<void> {
    if (this.stopped) return;
    this.cycleFailed = false;
    this.retryAfterMs = undefined;
    try {
      await this.cycle(emit);
    } catch (error) {
      this.cycleFailed = true;
      this.stats.lastError = `${this.name}: ${errorText(error)}`;
    }
    this.cycles++;
    if (this.stopped) return;
    let delay: number;
    if (this.cycleFailed) {
      this.stats.connected = false;
      delay = this.retryAfterMs ?? this.backoff.nextDelayMs();
    } else {
      this.stats.connected = true;
      this.backoff.reset();
      delay = this.options.intervalMs ?? this.defaultIntervalMs;
    }
    this.timer = this.options.clock.setTimeout(() => void this.run(emit), delay);
  }

  /** The parsed JSON body, or undefined after a failure that has been counted and acted on. */
  protected async request(url: string, bucket: TokenBucket): Promise<unknown> {
    const clock = this.options.clock;
    if (!(await bucket.take(() => this.stopped))) return undefined;
    this.http.requests++;
    const result = await getJson(url, {
      clock,
      fetch: this.options.fetch ?? ((input, init) => fetch(input, init)),
      timeoutMs: this.options.timeoutMs ?? 10_000,
      maxBodyBytes: this.options.maxBodyBytes ?? 2 << 20,
    });
    switch (result.kind) {
      case 'ok':
        this.http.ok++;
        return result.body;
      case 'rate-limited': {
        this.http.rateLimited++;
        const wait = result.retryAfterMs ?? this.backoff.nextDelayMs();
        bucket.pauseUntil(clock.now() + wait);
        this.retryAfterMs = Math.max(this.retryAfterMs ?? 0, wait);
        this.cycleFailed = true;
        this.stats.alertOnce('warning', `${this.service} is rate limiting us (HTTP 429); polling backs off.`);
        return undefined;
      }
      case 'server-error':
        this.http.serverErrors++;
        return this.fail(`HTTP ${result.status}`);
      case 'client-error':
        // A 4xx other than 429 will not heal by retrying sooner; keep the normal interval.
        this.http.clientErrors++;
        this.stats.lastError = `${this.name}: HTTP ${result.status} for ${new URL(url).pathname}`;
        return undefined;
      case 'timeout':
        this.http.timeouts++;
        return this.fail('request timed out');
      case 'network':
        this.http.networkErrors++;
        return this.fail(result.message);
      case 'bad-body':
        this.http.badBodies++;
        this.stats.drop(`${this.name}: ${result.message}`);
        return undefined;
      default: {
        const never: never = result;
        return never;
      }
    }
  }

  private fail(reason: string): undefined {
    this.cycleFailed = true;
    this.stats.lastError = `${this.name}: ${reason}`;
    return undefined;
  }
}
