import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { describe, expect, it } from 'vitest';
import { ClaimLock } from '../../../../electron/core/store/claim-lock.js';
import { tempDataDir } from '../../../support/engine-fixture.js';
import { waitUntil } from '../../../support/wait-until.js';

/** Runs fn under the lock and records how many holders were inside at once. */
function exclusiveProbe() {
  let inside = 0;
  let maxInside = 0;
  let entered = 0;
  return {
    async body(): Promise<void> {
      inside += 1;
      entered += 1;
      maxInside = Math.max(maxInside, inside);
      // Yield both to microtasks and to the event loop, where a second holder could slip in.
      await Promise.resolve();
      await new Promise((r) => setImmediate(r));
      inside -= 1;
    },
    get maxInside() {
      return maxInside;
    },
    get entered() {
      return entered;
    },
  };
}

describe('ClaimLock', () => {
  it('breaks a stale lock left by a dead process and takes it', async () => {
    const dataDir = tempDataDir();
    const lock = new ClaimLock(dataDir, { staleMs: 5_000, maxWaitMs: 1_000 });
    expect(lock.lockPath).toBe(path.join(dataDir, 'purchase.lock'));
    fs.mkdirSync(lock.lockPath);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock.lockPath, old, old);
    const started = Date.now();
    expect(await lock.withLock(() => 'claimed')).toBe('claimed');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fs.existsSync(lock.lockPath)).toBe(false);
  });

  it('waits for a live holder on the same data dir, then gets the lock', async () => {
    const dataDir = tempDataDir();
    const holder = new ClaimLock(dataDir);
    const waiter = new ClaimLock(dataDir);
    let releaseHolder: () => void = () => undefined;
    const held = holder.withLock(() => new Promise<void>((r) => (releaseHolder = r)));
    await waitUntil(() => fs.existsSync(holder.lockPath), 'the holder to take the lock');
    let waiterRan = false;
    const waiting = waiter.withLock(() => {
      waiterRan = true;
      return fs.existsSync(waiter.lockPath);
    });
    // Bounded negative check: several of proper-lockfile's retries pass without the waiter entering.
    await new Promise((r) => setTimeout(r, 80));
    expect(waiterRan).toBe(false);
    releaseHolder();
    await held;
    expect(await waiting).toBe(true);
    expect(waiterRan).toBe(true);
  });

  it('gives up with ELOCKED after maxWaitMs when another process keeps the lock', async () => {
    const dataDir = tempDataDir();
    const lock = new ClaimLock(dataDir, { maxWaitMs: 100 });
    const release = await lockfile.lock(path.join(dataDir, 'purchase'), { realpath: false, lockfilePath: lock.lockPath, stale: 10_000 });
    try {
      await expect(lock.withLock(() => 'never')).rejects.toMatchObject({ code: 'ELOCKED' });
    } finally {
      await release();
    }
    expect(await lock.withLock(() => 'after')).toBe('after');
  });

  it('50 concurrent holders in one process never overlap', async () => {
    const lock = new ClaimLock(tempDataDir());
    const probe = exclusiveProbe();
    await Promise.all(Array.from({ length: 50 }, () => lock.withLock(() => probe.body())));
    expect(probe.entered).toBe(50);
    expect(probe.maxInside).toBe(1);
  });

  it('two lock objects on one data dir (two instances) never overlap either', async () => {
    const dataDir = tempDataDir();
    const [a, b] = [new ClaimLock(dataDir), new ClaimLock(dataDir)];
    const probe = exclusiveProbe();
    await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).withLock(() => probe.body())));
    expect(probe.entered).toBe(50);
    expect(probe.maxInside).toBe(1);
  });

  it('an error inside the critical section releases the lock', async () => {
    const lock = new ClaimLock(tempDataDir(), { maxWaitMs: 200 });
    await expect(lock.withLock(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(fs.existsSync(lock.lockPath)).toBe(false);
    expect(await lock.withLock(() => 1)).toBe(1);
  });
});
