import { describe, expect, it } from 'vitest';
import { EventTimeClock } from '../../../../electron/core/runtime/event-time-clock.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

describe('EventTimeClock', () => {
  it('reads the base clock until an event arrives, then the latest event time, never going back', () => {
    const base = new ManualClock(5_000);
    const clock = new EventTimeClock(base);
    expect(clock.now()).toBe(5_000);
    clock.observe({ kind: 'migration', at: 1_000, mint: '11111111111111111111111111111111' });
    expect(clock.now()).toBe(1_000);
    clock.observe({ kind: 'migration', at: 900, mint: '11111111111111111111111111111111' });
    expect(clock.now()).toBe(1_000);
  });

  it('runs timers on the base clock', () => {
    const base = new ManualClock(0);
    const clock = new EventTimeClock(base);
    let fired = 0;
    clock.setTimeout(() => fired++, 10);
    const cancelled = clock.setTimeout(() => fired++, 10);
    clock.clearTimeout(cancelled);
    base.advance(10);
    expect(fired).toBe(1);
  });
});
