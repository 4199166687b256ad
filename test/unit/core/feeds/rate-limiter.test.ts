import { describe, expect, it } from 'vitest';
import { DEXSCREENER_BOOSTS_LIMIT, PUMPFUN_FRONTEND_LIMIT, TokenBucket } from '../../../../electron/core/feeds/rate-limiter.js';
import { parseRetryAfter } from '../../../../electron/core/feeds/http-json.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

/** Greedy client: takes whenever allowed, stepping the clock 10 ms at a time. */
function grantsOver(bucket: TokenBucket, clock: ManualClock, windowMs: number): number[] {
  const grants: number[] = [];
  const end = clock.now() + windowMs;
  while (clock.now() < end) {
    if (bucket.tryTake() === 0) grants.push(clock.now());
    else clock.advance(10);
  }
  return grants;
}

describe('TokenBucket', () => {
  it('never lets more than the published limit through in any one-minute window', () => {
    for (const limit of [DEXSCREENER_BOOSTS_LIMIT, PUMPFUN_FRONTEND_LIMIT]) {
      const clock = new ManualClock(0);
      const grants = grantsOver(new TokenBucket(limit, clock), clock, 5 * 60_000);
      for (let i = 0; i < grants.length; i++) {
        const inWindow = grants.filter((t) => t >= (grants[i] ?? 0) && t < (grants[i] ?? 0) + 60_000).length;
        expect(inWindow).toBeLessThanOrEqual(limit.requests);
      }
      // ... and uses most of it.
      expect(grants.length).toBeGreaterThanOrEqual(limit.requests * 5 - 1);
    }
  });

  it('says how long to wait, and holds every request while paused for Retry-After', () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket({ requests: 60, perMs: 60_000 }, clock);
    expect(bucket.tryTake()).toBe(0);
    expect(bucket.tryTake()).toBe(1_000);
    clock.advance(5_000);
    bucket.pauseUntil(clock.now() + 30_000);
    expect(bucket.tryTake()).toBe(30_000);
    clock.advance(29_999);
    expect(bucket.tryTake()).toBe(1);
    clock.advance(1);
    expect(bucket.tryTake()).toBe(0);
  });

  it('take() resolves on the injected clock', async () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket({ requests: 2, perMs: 1_000 }, clock);
    await bucket.take();
    let done = false;
    void bucket.take().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(500);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores junk, caps absurd values', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('999999', now)).toBe(15 * 60_000);
  });
});
