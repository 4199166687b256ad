/** How long a failed sell waits before it is tried again. */
export interface RetryPolicy {
  /** After the first failure (default 2 s); doubled after each further one. */
  baseMs: number;
  /** Never longer than this (default 60 s): a position is never given up on, only tried less often. */
  maxMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseMs: 2_000, maxMs: 60_000 };

/** The wait after the `attempt`-th try failed: base × 2^(attempt − 1), capped. */
export function retryDelayMs(attempt: number, policy: RetryPolicy = defaultRetryPolicy): number {
  const doublings = Math.min(Math.max(0, attempt - 1), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** doublings);
}
