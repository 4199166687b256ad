import type { Reconciler } from '../coordinator/reconciler.js';
import type { Clock } from '../time/clock.js';

/**
 * Runs reconcile passes: one at a time, every `intervalMs`, and soon after a claim met the
 * intent of a dead instance (debounced, so a burst of such claims costs one pass).
 */
export class ReconcileLoop {
  private timer: unknown;
  private soonTimer: unknown;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly reconciler: Reconciler,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly report: { log: (line: string) => void; error: (message: string) => void },
  ) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** One pass now (or the one already running), then every interval. */
  async start(): Promise<void> {
    await this.runOnce();
    this.schedule();
  }

  soon(): void {
    if (this.stopped) return;
    this.soonTimer ??= this.clock.setTimeout(() => {
      this.soonTimer = undefined;
      void this.runOnce();
    }, 250);
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    if (this.soonTimer) this.clock.clearTimeout(this.soonTimer);
  }

  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.reconciler
      .reconcileNow()
      .then(({ resolved, pending }) => {
        if (resolved || pending) this.report.log(`reconcile: ${resolved} resolved, ${pending} still unknown`);
      })
      .catch((error: unknown) => this.report.error(error instanceof Error ? error.message : String(error)))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => void this.runOnce().then(() => this.schedule()), this.intervalMs);
  }
}
