import type { BlockReason } from '../../../shared/block-reasons.js';
import type { Override, PurchaseRecord } from '../../../shared/domain.js';
import type { ClaimLock } from '../store/claim-lock.js';
import { shardOf, type HistoryStore } from '../store/history-store.js';
import type { Intent, IntentStore } from '../store/intent-store.js';

export interface Liveness {
  isAlive(instanceId: string): boolean;
}

export type ClaimResult = { ok: true } | { ok: false; reason: BlockReason; orphaned?: boolean };

/**
 * Everything that must be decided together by all instances on a data dir: the check
 * against history and live intents, and the write of our intent, under one file lock.
 * Each method holds the lock for one short critical section and does no network I/O.
 */
export class DataDirClaims {
  private readonly shardLocks = new Map<string, ClaimLock>();

  constructor(
    private readonly instanceId: string,
    private readonly lock: ClaimLock,
    private readonly lockNamed: (name: string) => ClaimLock,
    private readonly history: HistoryStore,
    private readonly intents: IntentStore,
    private readonly instances: Liveness,
  ) {}

  /** Claims the mint for this instance by writing the intent, or says who holds it. */
  claim(intent: Intent, override: Override | undefined): Promise<ClaimResult> {
    return this.lock.withLock(() => {
      this.history.refreshShardOf(intent.mint);
      if (override !== 'buy-again' && this.history.has(intent.mint)) return blocked({ code: 'already-bought' });
      this.intents.refresh();
      const existing = this.intents.get(intent.mint);
      if (existing) return this.heldBy(existing);
      this.intents.put(intent);
      return { ok: true as const };
    });
  }

  /**
   * Success: the purchase record first, then the intent goes; a crash between leaves a
   * record a reconcile recognises. The shard is written under a lock of its own, so the
   * claim lock is never held across a history write: a claim meanwhile still sees the intent.
   */
  async recordSuccess(intent: Intent, record: PurchaseRecord): Promise<boolean> {
    await this.shardLock(record.mint).withLock(() => this.history.append(record));
    return this.lock.withLock(() => this.dropIntent(intent));
  }

  /**
   * A definite failure (or a reconcile that found nothing landed): no record, the mint is
   * free again. False if the intent was no longer ours to drop (resolved meanwhile).
   */
  release(intent: Intent): Promise<boolean> {
    return this.lock.withLock(() => this.dropIntent(intent));
  }

  /** Whether this attempt's intent is still on disk, held by this instance. */
  holds(intent: Intent): Promise<boolean> {
    return this.lock.withLock(() => {
      this.intents.refresh();
      const current = this.intents.get(intent.mint);
      return current?.attemptId === intent.attemptId && current.instanceId === this.instanceId;
    });
  }

  /**
   * The outcome is unknown: the intent stays, as `unknown`, and keeps the mint blocked
   * everywhere. False when another attempt holds the mint now (we were presumed dead and
   * our claim was resolved by someone else): that claim must not be overwritten.
   */
  markUnknown(intent: Intent): Promise<boolean> {
    return this.lock.withLock(() => {
      this.intents.refresh();
      const current = this.intents.get(intent.mint);
      if (current && current.attemptId !== intent.attemptId) return false;
      this.intents.put({ ...intent, status: 'unknown' });
      return true;
    });
  }

  /**
   * Takes over the intents of dead instances (as unknown: whether they bought is not
   * known), and returns every unknown intent this instance must reconcile.
   */
  adoptOrphans(): Promise<Intent[]> {
    return this.lock.withLock(() => {
      this.intents.refresh();
      for (const intent of this.intents.all()) {
        if (intent.instanceId === this.instanceId || this.instances.isAlive(intent.instanceId)) continue;
        this.intents.put({ ...intent, instanceId: this.instanceId, status: 'unknown', adoptedFrom: intent.instanceId });
      }
      return this.intents.all().filter((i) => i.instanceId === this.instanceId && i.status === 'unknown');
    });
  }

  /** Whether the history already holds this attempt's purchase (a crash after the record, before the intent went). */
  isRecorded(intent: Intent): boolean {
    // Shards are replaced by rename: a read without a lock sees one whole version.
    this.history.refreshShardOf(intent.mint);
    return this.history.hasAttempt(intent.mint, intent.attemptId);
  }

  /** Unknown intents of any instance, for the blocked-tokens view. */
  unknownIntents(): Promise<Intent[]> {
    return this.lock.withLock(() => {
      this.intents.refresh();
      return this.intents.all().filter((i) => i.status === 'unknown' || !this.instances.isAlive(i.instanceId));
    });
  }

  private shardLock(mint: string): ClaimLock {
    const name = shardOf(mint);
    let lock = this.shardLocks.get(name);
    if (!lock) this.shardLocks.set(name, (lock = this.lockNamed(name)));
    return lock;
  }

  private heldBy(existing: Intent): ClaimResult {
    if (existing.status === 'unknown') return blocked({ code: 'unknown-outcome' });
    if (existing.instanceId === this.instanceId) return blocked({ code: 'in-flight-here' });
    if (this.instances.isAlive(existing.instanceId)) return blocked({ code: 'in-flight-elsewhere', instanceId: existing.instanceId });
    // Its owner died mid-buy: it may have landed. Blocked until a reconcile adopts it.
    return { ok: false, reason: { code: 'unknown-outcome' }, orphaned: true };
  }

  private dropIntent(intent: Intent): boolean {
    this.intents.refresh();
    // Only our own claim: another instance may have resolved and re-claimed the mint meanwhile.
    if (this.intents.get(intent.mint)?.attemptId !== intent.attemptId) return false;
    this.intents.remove(intent.mint);
    return true;
  }
}

function blocked(reason: BlockReason): ClaimResult {
  return { ok: false, reason };
}
