import { describe, expect, it } from 'vitest';
import { AttemptRing } from '../../../../renderer/src/state/attempt-ring.js';
import { attempt } from '../fakes.js';

describe('AttemptRing', () => {
  it('keeps at most its capacity, dropping the oldest, and forgets their ids', () => {
    const ring = new AttemptRing(3);
    for (let i = 0; i < 5; i++) ring.upsert(attempt(i));
    expect(ring.size).toBe(3);
    expect([ring.start, ring.end]).toEqual([2, 5]);
    expect(ring.at(1)).toBeUndefined();
    expect(ring.at(2)?.attemptId).toBe('a2');
    expect(ring.posOf('a1')).toBeUndefined();
    // An evicted attempt's later step is a new row, not a write into someone else's slot.
    expect(ring.upsert(attempt(1, { outcome: 'failed' })).kind).toBe('added');
    expect(ring.at(2)).toBeUndefined();
    expect(ring.at(3)?.attemptId).toBe('a3');
  });

  it('replaces a kept attempt in place with its later step, never with an earlier one', () => {
    const ring = new AttemptRing(10);
    ring.upsert(attempt(1, { stage: 'claimed', outcome: undefined }));
    ring.upsert(attempt(2));
    const later = ring.upsert(attempt(1, { stage: 'done', outcome: 'bought' }));
    expect(later.kind).toBe('updated');
    expect(ring.at(0)?.outcome).toBe('bought');
    expect(ring.upsert(attempt(1, { stage: 'claimed', outcome: undefined })).kind).toBe('stale');
    expect(ring.at(0)?.outcome).toBe('bought');
    expect(ring.end).toBe(2);
  });
});
