import type { Clock } from '../time/clock.js';

export interface RateLimit {
  requests: number;
  perMs: number;
  /** Requests that may go back to back; the default of 1 keeps any window within the limit. */
  burst?: number;
}

/** Published limits: docs.dexscreener.com/api/reference. */
export const DEXSCREENER_BOOSTS_LIMIT: RateLimit = { requests: 60, perMs: 60_000 };
export const DEXSCREENER_PAIRS_LIMIT: RateLimit = { requests: 300, perMs: 60_000 };
/** pump.fun publishes no limit for its frontend API; stay well below what a browser tab does. */
export const PUMPFUN_FRONTEND_LIMIT: RateLimit = { requests: 30, perMs: 60_000 };

/**
 * A token bucket on the injected clock, plus a pause for a service's `Retry-After`: while
 * paused no request goes, whatever tokens are left.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(
    limit: RateLimit,
    private readonly clock: Clock,
  ) {
    this.capacity = Math.max(1, limit.burst ?? 1);
    this.perMs = limit.requests / limit.perMs;
    this.tokens = this.capacity;
    this.updatedAt = clock.now();
  }

  /** Takes a token and returns 0, or returns how long to wait before asking again. */
  tryTake(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
    if (now < this.pausedUntil) return this.pausedUntil - now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.perMs);
  }

  /** Resolves when a request may go; `isCancelled` lets a stopped poller abandon the wait. */
  async take(isCancelled: () => boolean = () => false): Promise<boolean> {
    for (;;) {
      if (isCancelled()) return false;
      const wait = this.tryTake();
      if (wait === 0) return true;
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, wait));
    }
  }

  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  get resumesAt(): number {
    return this.pausedUntil;
  }
}
