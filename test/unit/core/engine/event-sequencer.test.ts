import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventSequencer } from '../../../../electron/core/engine/event-sequencer.js';
import type { PushedEvent } from '../../../../shared/wire.js';

const alert = (n: number) => ({ level: 'info' as const, source: 'test', message: `m${n}`, at: n });

describe('EventSequencer', () => {
  it('numbers events 1, 2, 3 in emit order and gives every subscriber the same events', () => {
    const seq = new EventSequencer(10);
    const a: PushedEvent[] = [];
    const b: PushedEvent[] = [];
    seq.subscribe((e) => a.push(e));
    seq.subscribe((e) => b.push(e));
    expect(seq.lastSeq).toBe(0);
    for (let i = 1; i <= 5; i++) seq.record('alert', alert(i));
    expect(a.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(b).toEqual(a);
    expect(a[2]).toEqual({ seq: 3, name: 'alert', payload: alert(3) });
    expect(seq.lastSeq).toBe(5);
  });

  it('a throwing subscriber does not stop the others or the numbering', () => {
    const seq = new EventSequencer(4);
    const got: number[] = [];
    seq.subscribe(() => {
      throw new Error('closed window');
    });
    seq.subscribe((e) => got.push(e.seq));
    seq.record('alert', alert(1));
    seq.record('alert', alert(2));
    expect(got).toEqual([1, 2]);
  });

  it('since() returns what was missed while it is held, and null (a gap) once it is not', () => {
    const seq = new EventSequencer(3);
    expect(seq.since(0)).toEqual([]);
    for (let i = 1; i <= 5; i++) seq.record('alert', alert(i));
    // Holds 3, 4, 5.
    expect(seq.since(5)).toEqual([]);
    expect(seq.since(4)!.map((e) => e.seq)).toEqual([5]);
    expect(seq.since(2)!.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(seq.since(1)).toBeNull();
    expect(seq.since(0)).toBeNull();
    // Ahead of this engine: the client saw another engine's numbers.
    expect(seq.since(6)).toBeNull();
    expect(seq.since(-1)).toBeNull();
    expect(seq.since(2.5)).toBeNull();
  });

  it('since() is exactly the tail of everything emitted, for any capacity and any point (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 210 }), (capacity, count, after) => {
        const seq = new EventSequencer(capacity);
        const all: PushedEvent[] = [];
        seq.subscribe((e) => all.push(e));
        for (let i = 1; i <= count; i++) seq.record('alert', alert(i));
        const got = seq.since(after);
        const expected = all.filter((e) => e.seq > after);
        if (after > count || count - after > capacity) expect(got).toBeNull();
        else expect(got).toEqual(expected);
      }),
    );
  });

  it('refuses a capacity below 1', () => {
    expect(() => new EventSequencer(0)).toThrow(/capacity/);
  });
});
