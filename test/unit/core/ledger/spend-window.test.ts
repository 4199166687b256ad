import { describe, expect, it } from 'vitest';
import { SpendWindow } from '../../../../electron/core/ledger/spend-window.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

const HOUR = 3_600_000;

describe('SpendWindow: a rolling 24 hours', () => {
  it('forgets a spend once it is 24 hours old', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('sniper', 0.5, clock.now());
    clock.advance(23 * HOUR);
    expect(spend.spentInDay()).toBe(0.5);
    clock.advance(HOUR);
    expect(spend.spentInDay()).toBe(0);
  });

  it('counts per requester and in total', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('volume', 0.3, clock.now());
    spend.add('sniper', 0.2, clock.now());
    expect(spend.spentInDay('volume')).toBe(0.3);
    expect(spend.spentInDay('sniper')).toBe(0.2);
    expect(spend.spentInDay()).toBeCloseTo(0.5, 9);
  });

  it('ignores a spend already older than a day', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('sniper', 1, clock.now() - 25 * HOUR);
    expect(spend.spentInDay()).toBe(0);
  });

  it('a spend handed over after a newer one still leaves the window on time', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('sniper', 0.5, clock.now() - HOUR);
    spend.add('sniper', 0.5, clock.now() - 23 * HOUR);
    expect(spend.spentInDay()).toBe(1);
    clock.advance(HOUR);
    expect(spend.spentInDay()).toBe(0.5);
    clock.advance(22 * HOUR);
    expect(spend.spentInDay()).toBe(0);
  });
});
