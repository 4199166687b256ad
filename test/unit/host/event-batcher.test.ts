import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/time/clock.js';
import { EventSequencer } from '../../../electron/core/engine/event-sequencer.js';
import { EventBatcher } from '../../../electron/host/event-batcher.js';
import type { PushedEvent } from '../../../shared/wire.js';
import { sampleAttempt, sampleStatus } from './fake-engine.js';

function setup(options: { intervalMs?: number; maxBatch?: number } = {}) {
  const clock = new ManualClock();
  const batches: PushedEvent[][] = [];
  const batcher = new EventBatcher({ clock, flush: (events) => batches.push(events), ...options });
  // Numbered as the engine numbers them, so the tests see what a client sees.
  const sequencer = new EventSequencer(100);
  sequencer.subscribe(batcher.push);
  return { clock, batches, batcher, push: sequencer.record };
}

const label = (event: PushedEvent): string =>
  event.name === 'attempt' ? event.payload.attemptId : event.name === 'status' ? `status:${event.payload.purchases}` : 'alert';

describe('EventBatcher', () => {
  it('sends nothing until the interval passes, then everything in one batch, in order', () => {
    const { clock, batches, push } = setup({ intervalMs: 50 });
    for (let i = 0; i < 100; i++) push('attempt', sampleAttempt(`a${i}`));
    clock.advance(49);
    expect(batches).toEqual([]);
    clock.advance(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map(label)).toEqual(Array.from({ length: 100 }, (_, i) => `a${i}`));
  });

  it('bounds the wait from the first event of a batch, not the last', () => {
    const { clock, batches, push } = setup({ intervalMs: 50 });
    for (let t = 0; t < 50; t += 10) {
      push('attempt', sampleAttempt(`a${t}`));
      clock.advance(10);
    }
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(5);
  });

  it('delivers every event, statuses included, so the seqs a client sees have no holes', () => {
    const { clock, batches, push } = setup();
    push('status', sampleStatus({ purchases: 1 }));
    push('attempt', sampleAttempt('a1'));
    push('status', sampleStatus({ purchases: 2 }));
    push('attempt', sampleAttempt('a2'));
    push('status', sampleStatus({ purchases: 3 }));
    push('alert', { level: 'warning', source: 'feed', message: 'x', at: 0 });
    clock.advance(50);
    expect(batches.map((b) => b.map(label))).toEqual([['status:1', 'a1', 'status:2', 'a2', 'status:3', 'alert']]);
    expect(batches[0]!.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('flushes at once when a batch reaches maxBatch', () => {
    const { clock, batches, push } = setup({ maxBatch: 10 });
    for (let i = 0; i < 25; i++) push('attempt', sampleAttempt(`a${i}`));
    expect(batches.map((b) => b.length)).toEqual([10, 10]);
    clock.advance(50);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
  });

  it('sends one message per interval however many events arrive', () => {
    const { clock, batches, push } = setup({ intervalMs: 50, maxBatch: 1_000_000 });
    for (let ms = 0; ms < 1_000; ms++) {
      for (let i = 0; i < 10; i++) push('attempt', sampleAttempt(`a${ms}-${i}`));
      push('status', sampleStatus({ purchases: ms }));
      clock.advance(1);
    }
    expect(batches).toHaveLength(20);
    expect(batches.reduce((n, b) => n + b.length, 0)).toBe(10_000 + 1_000);
  });

  it('stop() sends what waits and then accepts nothing; no empty batches', () => {
    const { clock, batches, batcher, push } = setup();
    batcher.flush();
    push('attempt', sampleAttempt('a1'));
    batcher.stop();
    push('attempt', sampleAttempt('a2'));
    clock.advance(1_000);
    expect(batches.map((b) => b.map(label))).toEqual([['a1']]);
  });
});
