import { describe, expect, it } from 'vitest';
import { CoalescedTask } from '../../../../electron/core/engine/coalesced-task.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

const flush = () => new Promise((r) => setImmediate(r));

describe('CoalescedTask', () => {
  it('runs once for many pokes, at most once per interval, with a trailing run', async () => {
    const clock = new ManualClock();
    const runs: number[] = [];
    const task = new CoalescedTask(clock, 250, () => void runs.push(clock.now()));
    const t0 = clock.now();
    for (let i = 0; i < 100; i++) task.poke();
    clock.advance(0);
    await flush();
    expect(runs).toEqual([t0]);
    // Pokes during the next 250 ms fold into one run at t0 + 250.
    for (let ms = 0; ms < 1_000; ms += 10) {
      task.poke();
      clock.advance(10);
      await flush();
    }
    const gaps = runs.slice(1).map((t, i) => t - runs[i]!);
    expect(gaps.every((g) => g >= 250)).toBe(true);
    expect(runs.length).toBeLessThanOrEqual(1 + 1_000 / 250);
    expect(runs.length).toBeGreaterThanOrEqual(4);
  });

  it('never runs twice at once; a poke during a slow run gives exactly one more run', async () => {
    const clock = new ManualClock();
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release!: () => void;
    const task = new CoalescedTask(clock, 0, async () => {
      active++;
      runs++;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((r) => (release = r));
      active--;
    });
    task.poke();
    clock.advance(0);
    await flush();
    task.poke();
    task.poke();
    clock.advance(100);
    await flush();
    expect(runs).toBe(1);
    release();
    await flush();
    clock.advance(0);
    await flush();
    expect(runs).toBe(2);
    release();
    await flush();
    expect(maxActive).toBe(1);
  });

  it('reports a failing run and keeps working; nothing runs after stop', async () => {
    const clock = new ManualClock();
    const errors: unknown[] = [];
    let calls = 0;
    const task = new CoalescedTask(
      clock,
      10,
      () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
      (e) => errors.push(e),
    );
    task.poke();
    clock.advance(0);
    await flush();
    task.poke();
    clock.advance(10);
    await flush();
    expect(calls).toBe(2);
    expect(String(errors[0])).toMatch(/boom/);
    task.poke();
    task.stop();
    clock.advance(1_000);
    await flush();
    expect(calls).toBe(2);
  });
});
