import fs from 'node:fs';
import path from 'node:path';
import { Mutex } from 'async-mutex';
import lockfile from 'proper-lockfile';

export interface ClaimLockOptions {
  /** The lock's file name in the data dir, without `.lock` (default `purchase`). */
  name?: string;
  /** A lock older than this is taken to belong to a dead process and is broken. */
  staleMs?: number;
  /** Give up after waiting this long for a live holder (it holds the lock for milliseconds). */
  maxWaitMs?: number;
  onCompromised?: (error: Error) => void;
}

/**
 * The cross-process lock of a data dir: proper-lockfile (an atomic mkdir, with stale-lock
 * recovery) behind an in-process mutex, because proper-lockfile treats a second lock from
 * the same process as contention and would make it poll. Hold it only to check and claim,
 * never across network I/O.
 */
export class ClaimLock {
  private readonly inProcess = new Mutex();
  private readonly target: string;
  private readonly options: Required<Omit<ClaimLockOptions, 'onCompromised' | 'name'>> & Pick<ClaimLockOptions, 'onCompromised'>;

  constructor(dataDir: string, options: ClaimLockOptions = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.target = path.join(dataDir, options.name ?? 'purchase');
    this.options = { staleMs: 5_000, maxWaitMs: 20_000, ...options };
  }

  get lockPath(): string {
    return `${this.target}.lock`;
  }

  async withLock<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.inProcess.runExclusive(async () => {
      const release = await this.acquire();
      try {
        return await fn();
      } finally {
        await release().catch(() => undefined);
      }
    });
  }

  /**
   * Polls with short jittered sleeps that stay short: the holder keeps the lock for about a
   * millisecond, and a poll that backs off far loses every race to a busy neighbour. (Our
   * own loop rather than proper-lockfile's `retries`: the `retry` module precomputes every
   * timeout up front, which costs more than the lock itself at this many retries.)
   */
  private async acquire(): Promise<() => Promise<void>> {
    const deadline = Date.now() + this.options.maxWaitMs;
    for (;;) {
      try {
        return await lockfile.lock(this.target, {
          realpath: false,
          lockfilePath: this.lockPath,
          stale: this.options.staleMs,
          onCompromised: (error) => this.options.onCompromised?.(error),
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 2));
      }
    }
  }
}
