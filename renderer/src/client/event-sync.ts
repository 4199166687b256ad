import type { Client } from './client.js';
import type { PushedEvent, SessionSnapshot } from './wire-types.js';

export type ResyncNotice = { kind: 'replayed'; count: number } | { kind: 'snapshot' };

/** Where the synced state goes: the zustand slices in the app, a recorder in tests. */
export interface SyncTarget {
  applySnapshot(snapshot: SessionSnapshot): void;
  /** Events in seq order, each applied exactly once. */
  applyEvents(events: PushedEvent[]): void;
  /** After a reconnect or a gap was repaired; not after the first load. */
  resynced(notice: ResyncNotice): void;
  syncFailed(message: string): void;
}

/** A resync that keeps finding new gaps stops after this many rounds and waits for the next batch. */
const maxRounds = 4;
/** Held events beyond this are dropped and a snapshot taken instead: memory stays bounded. */
const maxHeld = 50_000;
/** After a failed resync, the next batch retries no sooner than this. */
const retryAfterMs = 2_000;

/**
 * Keeps the console equal to the engine. On connect: a snapshot. Then events in seq order;
 * an event whose seq skips one means something was lost, so the missed ones are asked for
 * (`events.since`) — or, if the engine no longer has them all, a fresh snapshot. A
 * reconnect does the same from the last seq seen. Events that arrive while a resync is
 * running are held and applied after it, those already covered skipped: one code path for
 * the first load and every repair.
 */
export class EventSync {
  private lastSeq = 0;
  private instanceId = '';
  private loaded = false;
  private held: PushedEvent[] = [];
  private running: Promise<void> | null = null;
  private failedAt = -Infinity;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly client: Client,
    private readonly target: SyncTarget,
  ) {}

  start(): void {
    const { transport } = this.client;
    this.unsubscribe.push(transport.onEvents((batch) => this.receive(batch)));
    this.unsubscribe.push(
      transport.onConnection((state) => {
        if (state.connected) void this.resync();
      }),
    );
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  get seq(): number {
    return this.lastSeq;
  }

  /** Resolves when no resync is running (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private receive(batch: PushedEvent[]): void {
    if (this.running || !this.loaded) {
      this.hold(batch);
      if (!this.running && Date.now() - this.failedAt >= retryAfterMs) void this.resync();
      return;
    }
    if (!this.applyInOrder(batch) && Date.now() - this.failedAt >= retryAfterMs) void this.resync();
  }

  private hold(events: PushedEvent[]): void {
    if (this.held.length + events.length > maxHeld) {
      this.held = [];
      this.loaded = false;
      return;
    }
    this.held.push(...events);
  }

  /** Applies what follows lastSeq without a hole; false (rest held) at the first hole. */
  private applyInOrder(batch: PushedEvent[]): boolean {
    const next: PushedEvent[] = [];
    let ok = true;
    for (let i = 0; i < batch.length; i++) {
      const event = batch[i]!;
      if (typeof event?.seq !== 'number' || event.seq <= this.lastSeq) continue;
      if (event.seq !== this.lastSeq + 1) {
        this.hold(batch.slice(i));
        ok = false;
        break;
      }
      next.push(event);
      this.lastSeq = event.seq;
    }
    if (next.length > 0) this.target.applyEvents(next);
    return ok;
  }

  private resync(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const first = !this.loaded;
    let replayed = 0;
    let fromSnapshot = false;
    try {
      for (let round = 0; round < maxRounds; round++) {
        if (!this.loaded) {
          this.adopt(await this.client.snapshot());
          fromSnapshot = true;
        } else {
          const since = await this.client.eventsSince(this.lastSeq, this.instanceId);
          if ('gap' in since) {
            this.adopt(await this.client.snapshot());
            fromSnapshot = true;
          } else {
            const before = this.lastSeq;
            this.applyInOrder(since.events);
            replayed += this.lastSeq - before;
          }
        }
        const held = this.held.splice(0);
        if (this.applyInOrder(held)) {
          if (!first) this.target.resynced(fromSnapshot ? { kind: 'snapshot' } : { kind: 'replayed', count: replayed });
          return;
        }
      }
      this.failedAt = Date.now();
      this.target.syncFailed('the console could not catch up with the engine; it retries on the next update');
    } catch (error) {
      this.failedAt = Date.now();
      this.target.syncFailed(error instanceof Error ? error.message : String(error));
    }
  }

  private adopt(snapshot: SessionSnapshot): void {
    this.target.applySnapshot(snapshot);
    this.lastSeq = snapshot.seq;
    this.instanceId = snapshot.status.instanceId;
    this.loaded = true;
  }
}
