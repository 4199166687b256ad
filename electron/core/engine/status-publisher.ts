import type { EngineStatus } from '../../../shared/contract.js';
import type { Clock } from '../time/clock.js';
import { CoalescedTask } from './coalesced-task.js';

export interface StatusPublisherOptions {
  clock: Clock;
  status: () => EngineStatus;
  emit: (status: EngineStatus) => void;
  /** At most one `status` event per this long (250 ms: ~4/s). */
  minIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Sends `status` when it changed: asked after every engine event and command, and on a
 * timer for what changes without an event (feed counters, a feed reconnecting). Busy
 * feeds change the status constantly, so sends are coalesced to at most ~4 per second.
 */
export class StatusPublisher {
  private lastSent: string | null = null;
  private readonly task: CoalescedTask;

  constructor(private readonly options: StatusPublisherOptions) {
    this.task = new CoalescedTask(options.clock, options.minIntervalMs ?? 250, () => this.publishIfChanged(), options.onError);
  }

  /** Asks for a look soon (coalesced). */
  poke(): void {
    this.task.poke();
  }

  /** Looks now and sends the status if it differs from the last one sent. */
  publishIfChanged(): void {
    const status = this.options.status();
    const text = JSON.stringify(status);
    if (text === this.lastSent) return;
    this.lastSent = text;
    this.options.emit(status);
  }

  stop(): void {
    this.task.stop();
  }
}
