import path from 'node:path';
import { z } from 'zod';
import { overrideSchema, platformSchema, requesterSchema } from '../../../shared/domain.js';
import { mintSchema } from '../../../shared/mint.js';
import { sameStamp, stampOf, type FileStamp } from './file-stamp.js';
import type { JsonFileStore, StoreFactory } from './json-file-store.js';
import { describeReadError, keepAside, UnreadableStoreError } from './unreadable-store.js';

export const INTENTS_FILE = 'in-flight-intents';

/**
 * A buy that was claimed and not yet resolved. Written before the buy is sent; removed
 * when the outcome is known. One per mint across all instances: that is the claim.
 */
export const intentSchema = z.object({
  attemptId: z.string().min(1),
  mint: mintSchema,
  symbol: z.string(),
  platform: platformSchema,
  module: requesterSchema,
  solAmount: z.number().positive(),
  instanceId: z.string().min(1),
  at: z.number(),
  /** in-flight: the owner is buying now; unknown: sent, outcome not known, never retry blindly. */
  status: z.enum(['in-flight', 'unknown']),
  signature: z.string().optional(),
  /** Block height after which the transaction can no longer land. */
  lastValidBlockHeight: z.number().int().optional(),
  detail: z.string().optional(),
  override: overrideSchema.optional(),
  /** Set when a live instance took over the intent of a dead one to reconcile it. */
  adoptedFrom: z.string().optional(),
});
export type Intent = z.infer<typeof intentSchema>;

const intentsFileSchema = z.object({ intents: z.record(z.string(), intentSchema) });

/**
 * The small file of in-flight and unknown buys shared by every instance on a data dir.
 * Kept apart from the history so a claim reads and writes a few hundred bytes, whatever
 * the size of the history. Every method must be called under the claim lock.
 */
export class IntentStore {
  private store: JsonFileStore | undefined;
  private readonly path: string;
  private stamp: FileStamp | undefined;
  private intents = new Map<string, Intent>();

  constructor(
    private readonly dataDir: string,
    private readonly storeFactory: StoreFactory,
    private readonly now: () => number = Date.now,
  ) {
    this.path = path.join(dataDir, `${INTENTS_FILE}.json`);
  }

  /** Re-reads the file only if another instance replaced it. */
  refresh(): void {
    const current = stampOf(this.path);
    if (this.store && sameStamp(current, this.stamp)) return;
    let raw: Record<string, unknown>;
    try {
      // conf reads the file when it is built, so a corrupt file fails here too.
      this.store ??= this.storeFactory({ cwd: this.dataDir, configName: INTENTS_FILE });
      raw = this.store.read();
    } catch (error) {
      throw this.unreadable(error);
    }
    const parsed = Object.keys(raw).length === 0 ? { success: true as const, data: { intents: {} } } : intentsFileSchema.safeParse(raw);
    if (!parsed.success) throw this.unreadable(new Error(`wrong shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`));
    this.intents = new Map(Object.entries(parsed.data.intents));
    this.stamp = current;
  }

  get(mint: string): Intent | undefined {
    return this.intents.get(mint);
  }

  all(): Intent[] {
    return [...this.intents.values()];
  }

  put(intent: Intent): void {
    const next = new Map(this.intents);
    next.set(intent.mint, intent);
    this.save(next);
  }

  remove(mint: string): void {
    if (!this.intents.has(mint)) return;
    const next = new Map(this.intents);
    next.delete(mint);
    this.save(next);
  }

  private save(next: Map<string, Intent>): void {
    if (!this.store) throw new Error('intents written before they were read');
    this.store.write({ intents: Object.fromEntries(next) });
    this.intents = next;
    this.stamp = stampOf(this.path);
  }

  private unreadable(error: unknown): UnreadableStoreError {
    return new UnreadableStoreError(this.path, describeReadError(error), keepAside(this.path, this.dataDir, this.now()));
  }
}
