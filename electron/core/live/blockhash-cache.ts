import type { Clock } from '../time/clock.js';
import type { LatestBlockhash } from './solana-rpc.js';

/**
 * The latest blockhash, read at most once per `maxAgeMs`, so a buy does not wait a round trip
 * for it. A cached blockhash is as good as a fresh one for `maxAgeMs` less of its ~60 s life;
 * its lastValidBlockHeight is the node's, so the fence and the expiry stay exact. Concurrent
 * trades share one read. `refreshEvery` keeps it warm in the background (the live runtime
 * starts it; a failed background read is retried at the next tick and never throws).
 */
export class BlockhashCache {
  private cached: { value: LatestBlockhash; at: number } | undefined;
  private pending: Promise<LatestBlockhash> | undefined;
  private timer: unknown;

  constructor(
    private readonly rpc: { getLatestBlockhash(): Promise<LatestBlockhash> },
    private readonly clock: Clock,
    private readonly maxAgeMs = 2_000,
  ) {}

  async get(): Promise<LatestBlockhash> {
    if (this.cached && this.clock.now() - this.cached.at < this.maxAgeMs) return this.cached.value;
    return this.read();
  }

  refreshEvery(ms: number): void {
    this.stop();
    const tick = () => {
      void this.read().catch(() => undefined);
      this.timer = this.clock.setTimeout(tick, ms);
    };
    tick();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private read(): Promise<LatestBlockhash> {
    this.pending ??= this.rpc
      .getLatestBlockhash()
      .then((value) => {
        this.cached = { value, at: this.clock.now() };
        return value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
