import type { Rng } from '../time/rng.js';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor?: number;
}

export const defaultReconnectBackoff: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2 };

/**
 * Exponential backoff with "equal jitter": each delay lies in [cap/2, cap]. The random half
 * spreads many clients apart after a shared outage; the fixed half keeps one client from
 * hammering a service that is still down.
 */
export class ExponentialBackoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly rng: Rng,
  ) {}

  nextDelayMs(): number {
    const factor = this.options.factor ?? 2;
    const cap = Math.min(this.options.maxMs, this.options.initialMs * factor ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 64);
    return Math.round(cap / 2 + (this.rng.next() * cap) / 2);
  }

  /** Called once the service has proven healthy again, so the next failure starts small. */
  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
