import { describe, expect, it } from 'vitest';
import { BlockhashCache } from '../../../../electron/core/live/blockhash-cache.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

function counter() {
  let reads = 0;
  let fail = false;
  const rpc = {
    getLatestBlockhash: async () => {
      reads += 1;
      if (fail) throw new Error('rpc down');
      return { blockhash: `bh-${reads}`, lastValidBlockHeight: 100 + reads };
    },
  };
  return { rpc, reads: () => reads, failNext: (value: boolean) => (fail = value) };
}

describe('BlockhashCache', () => {
  it('reads at most once per max age, and concurrent gets share one read', async () => {
    const clock = new ManualClock();
    const c = counter();
    const cache = new BlockhashCache(c.rpc, clock, 2_000);
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toEqual({ blockhash: 'bh-1', lastValidBlockHeight: 101 });
    expect(b).toBe(a);
    clock.advance(1_999);
    expect((await cache.get()).blockhash).toBe('bh-1');
    clock.advance(1);
    expect((await cache.get()).blockhash).toBe('bh-2');
    expect(c.reads()).toBe(2);
  });

  it('a failed read is the caller\'s error and is not cached', async () => {
    const clock = new ManualClock();
    const c = counter();
    const cache = new BlockhashCache(c.rpc, clock, 2_000);
    c.failNext(true);
    await expect(cache.get()).rejects.toThrow('rpc down');
    c.failNext(false);
    expect((await cache.get()).blockhash).toBe('bh-2');
  });

  it('kept warm in the background: a get after a refresh does not read', async () => {
    const clock = new ManualClock();
    const c = counter();
    const cache = new BlockhashCache(c.rpc, clock, 2_000);
    cache.refreshEvery(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const reads = c.reads();
    expect(reads).toBe(6);
    expect((await cache.get()).blockhash).toBe('bh-6');
    expect(c.reads()).toBe(reads);
    cache.stop();
    clock.advance(10_000);
    expect(c.reads()).toBe(reads);
  });
});
