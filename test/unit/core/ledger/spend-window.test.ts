import { describe, expect, it } from 'vitest';
import { solToLamports, SpendWindow } from '../../../../electron/core/ledger/spend-window.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

const HOUR = 3_600_000;
const SOL = 1_000_000_000;

describe('SpendWindow: a rolling 24 hours', () => {
  it('forgets a spend once it is 24 hours old', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('sniper', 0.5 * SOL, clock.now());
    clock.advance(23 * HOUR);
    expect(spend.dayLamports()).toBe(0.5 * SOL);
    clock.advance(HOUR);
    expect(spend.dayLamports()).toBe(0);
  });

  it('counts per requester and in total, in whole lamports (0.1 + 0.2 is exactly 0.3)', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('volume', solToLamports(0.1), clock.now());
    spend.add('sniper', solToLamports(0.2), clock.now());
    expect(spend.dayLamports('volume')).toBe(100_000_000);
    expect(spend.dayLamports('sniper')).toBe(200_000_000);
    expect(spend.dayLamports()).toBe(solToLamports(0.3));
  });

  it('ignores a spend already older than a day', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('sniper', SOL, clock.now() - 25 * HOUR);
    expect(spend.dayLamports()).toBe(0);
    expect(spend.hourLamports()).toBe(0);
  });

  it('a spend handed over after a newer one still leaves the window on time', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('sniper', 0.5 * SOL, clock.now() - HOUR);
    spend.add('sniper', 0.5 * SOL, clock.now() - 23 * HOUR);
    expect(spend.dayLamports()).toBe(SOL);
    clock.advance(HOUR);
    expect(spend.dayLamports()).toBe(0.5 * SOL);
    clock.advance(22 * HOUR);
    expect(spend.dayLamports()).toBe(0);
  });
});

describe('SpendWindow: a rolling hour', () => {
  it('counts a spend for one hour, then only in the day', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('sniper', 3, clock.now());
    clock.advance(HOUR - 1);
    expect(spend.hourLamports()).toBe(3);
    clock.advance(1);
    expect(spend.hourLamports()).toBe(0);
    expect(spend.dayLamports()).toBe(3);
  });

  it('a late-arriving spend older than the hour never counts in it; a recent one does', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    spend.add('sniper', 1, clock.now() - 10 * 60_000);
    clock.advance(HOUR);
    expect(spend.hourLamports()).toBe(0); // the first left the hour
    spend.add('sniper', 2, clock.now() - 2 * HOUR); // older than anything: inserted before the hour boundary
    spend.add('sniper', 4, clock.now() - 30 * 60_000);
    spend.add('volume', 8, clock.now() - 5 * 60_000);
    expect(spend.hourLamports()).toBe(12);
    expect(spend.dayLamports()).toBe(15);
    clock.advance(31 * 60_000);
    expect(spend.hourLamports()).toBe(8);
  });

  it('keeps both sums right across the compaction of a long history', () => {
    const clock = new ManualClock();
    const spend = new SpendWindow(() => clock.now());
    // 3 000 spends one minute apart: the day window drops the oldest and compacts its queue.
    for (let i = 0; i < 3_000; i++) {
      spend.add('sniper', 1, clock.now());
      clock.advance(60_000);
      if (i % 100 === 0) spend.dayLamports();
    }
    // Spends at minutes 0..2999, now minute 3000: a spend exactly an hour (a day) old has left,
    // so minutes 2941..2999 are in the hour and 1561..2999 in the day.
    expect(spend.hourLamports()).toBe(59);
    expect(spend.dayLamports()).toBe(1_439);
  });
});
