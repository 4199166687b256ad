import type { ManualClock } from '../../../electron/core/time/clock.js';

/**
 * Moves a ManualClock forward in small steps, yielding to real I/O between steps, until a
 * condition holds. For code that mixes fake timers (rate limits, backoff) with real sockets.
 */
export async function driveClockUntil(
  clock: ManualClock,
  condition: () => boolean,
  what: string,
  options: { stepMs?: number; maxMs?: number; realTimeoutMs?: number } = {},
): Promise<void> {
  const stepMs = options.stepMs ?? 100;
  const maxMs = options.maxMs ?? 600_000;
  const realDeadline = Date.now() + (options.realTimeoutMs ?? 5_000);
  let moved = 0;
  while (!condition()) {
    if (moved > maxMs || Date.now() > realDeadline) throw new Error(`clock driven ${moved} ms without ${what}`);
    clock.advance(stepMs);
    moved += stepMs;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
