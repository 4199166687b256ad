import type { Clock } from '../time/clock.js';

/**
 * Runs a task soon after it is asked for, but never more often than once per
 * `minIntervalMs`, and never two runs at once: asks that arrive while it waits or runs
 * are folded into one more run. Used to publish snapshots (status, blocked list) that may
 * change many times a second without sending each change.
 */
export class CoalescedTask {
  private timer: unknown = null;
  private running = false;
  private again = false;
  private lastRunAt = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly minIntervalMs: number,
    private readonly task: () => void | Promise<void>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Asks for a run; returns at once. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastRunAt + this.minIntervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, wait);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    this.running = true;
    this.lastRunAt = this.clock.now();
    try {
      await this.task();
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      this.poke();
    }
  }
}
