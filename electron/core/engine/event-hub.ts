import type { AttemptUpdate } from '../../../shared/domain.js';
import type { EventName, EventPayload } from '../../../shared/contract.js';
import type { EventListener } from '../engine-port.js';

/** Fans engine events out to every subscriber and keeps the latest attempts for a new client. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly recent: AttemptUpdate[] = [];

  constructor(private readonly keepAttempts = 5_000) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    if (name === 'attempt') this.remember(payload as AttemptUpdate);
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // A broken subscriber (a closed window) must not stop the engine or the others.
      }
    }
  }

  /** Newest last; a finished attempt replaces its earlier steps. */
  recentAttempts(limit: number): AttemptUpdate[] {
    return this.recent.slice(-limit);
  }

  private remember(update: AttemptUpdate): void {
    const last = this.recent[this.recent.length - 1];
    if (last?.attemptId === update.attemptId) this.recent[this.recent.length - 1] = update;
    else this.recent.push(update);
    if (this.recent.length > this.keepAttempts * 1.2) this.recent.splice(0, this.recent.length - this.keepAttempts);
  }
}
