import fs from 'node:fs';
import path from 'node:path';
import { historyFileSchema, type PurchaseRecord } from '../../../shared/domain.js';
import { sameStamp, stampOf, type FileStamp } from './file-stamp.js';
import type { JsonFileStore, StoreFactory } from './json-file-store.js';
import { describeReadError, keepAside, UnreadableStoreError } from './unreadable-store.js';

/**
 * Shards keep each file small: one 32 MB file at 100k purchases costs most of a second of
 * blocked event loop per write (DESIGN.md); 256 shards keep a write at 100k purchases to a
 * ~150 KB file. The count is fixed because every instance must agree where a mint lives.
 */
export const HISTORY_SHARDS = 256;
const HISTORY_FILE = /^purchase-history.*\.json$/;
const SHARD_NAME = /^purchase-history-[0-9a-f]{2}$/;

interface ShardFile {
  store: JsonFileStore;
  stamp: FileStamp | undefined;
  purchases: Map<string, PurchaseRecord[]>;
}

/** FNV-1a: stable across processes and versions, cheap on a 44-character mint. */
export function shardOf(mint: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < mint.length; i++) hash = Math.imul(hash ^ mint.charCodeAt(i), 0x01000193);
  return `purchase-history-${((hash >>> 0) % HISTORY_SHARDS).toString(16).padStart(2, '0')}`;
}

/**
 * The purchase history: every confirmed, successful buy. Held in memory so a check is a
 * map lookup; a shard is re-read only when another instance has replaced its file.
 * Writes and refreshes must happen under the claim lock.
 */
export class HistoryStore {
  private readonly files = new Map<string, ShardFile>();
  private readonly unsharded = new Set<string>();
  private total = 0;

  constructor(
    private readonly dataDir: string,
    private readonly storeFactory: StoreFactory,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads every history file; throws UnreadableStoreError (after keeping a copy) on the first bad one. */
  load(): void {
    fs.mkdirSync(this.dataDir, { recursive: true });
    for (const name of fs.readdirSync(this.dataDir).filter((n) => HISTORY_FILE.test(n)).sort()) {
      this.reload(name.slice(0, -'.json'.length));
    }
  }

  has(mint: string): boolean {
    for (const file of this.filesHolding(mint)) if (file.purchases.has(mint)) return true;
    return false;
  }

  records(mint: string): PurchaseRecord[] {
    const out: PurchaseRecord[] = [];
    for (const file of this.filesHolding(mint)) out.push(...(file.purchases.get(mint) ?? []));
    return out;
  }

  hasAttempt(mint: string, attemptId: string): boolean {
    return this.records(mint).some((r) => r.attemptId === attemptId);
  }

  count(): number {
    return this.total;
  }

  *all(): Iterable<PurchaseRecord> {
    for (const file of this.files.values()) for (const list of file.purchases.values()) yield* list;
  }

  /** Re-reads the mint's shard if another instance replaced it since we last looked. */
  refreshShardOf(mint: string): void {
    const name = shardOf(mint);
    const file = this.files.get(name);
    const current = stampOf(path.join(this.dataDir, `${name}.json`));
    if (file ? !sameStamp(file.stamp, current) : current !== undefined) this.reload(name);
  }

  /**
   * Adds a record to the mint's shard: refresh, then one atomic write of that shard. An
   * attempt already recorded (by a reconcile that took it over while its buyer was
   * presumed dead) is not recorded twice: false then.
   */
  append(record: PurchaseRecord): boolean {
    this.refreshShardOf(record.mint);
    if (record.attemptId !== undefined && this.hasAttempt(record.mint, record.attemptId)) return false;
    const name = shardOf(record.mint);
    const file = this.files.get(name) ?? this.open(name);
    const next = new Map(file.purchases);
    next.set(record.mint, [...(next.get(record.mint) ?? []), record]);
    file.store.write({ purchases: Object.fromEntries(next) });
    file.purchases = next;
    file.stamp = stampOf(file.store.path);
    this.total += 1;
    return true;
  }

  private filesHolding(mint: string): ShardFile[] {
    const name = shardOf(mint);
    const shard = this.files.get(name);
    if (this.unsharded.size === 0) return shard ? [shard] : [];
    // Files that are not proper shards (a single file written by hand, an older version) may hold any mint.
    const others = [...this.unsharded].filter((n) => n !== name).map((n) => this.files.get(n)).filter((f): f is ShardFile => f !== undefined);
    return shard ? [shard, ...others] : others;
  }

  private open(name: string): ShardFile {
    const file: ShardFile = {
      store: this.storeFactory({ cwd: this.dataDir, configName: name }),
      stamp: undefined,
      purchases: new Map(),
    };
    this.files.set(name, file);
    return file;
  }

  private reload(name: string): void {
    const fullPath = path.join(this.dataDir, `${name}.json`);
    let purchases: Map<string, PurchaseRecord[]>;
    let store: JsonFileStore;
    let stamp: FileStamp | undefined;
    try {
      stamp = stampOf(fullPath);
      store = this.files.get(name)?.store ?? this.storeFactory({ cwd: this.dataDir, configName: name });
      purchases = parseHistory(store.read(), this.files.get(name)?.purchases);
    } catch (error) {
      throw new UnreadableStoreError(fullPath, describeReadError(error), keepAside(fullPath, this.dataDir, this.now()));
    }
    this.total += countOf(purchases) - countOf(this.files.get(name)?.purchases);
    this.files.set(name, { store, stamp, purchases });
    // A shard file holding mints of other shards (merged by hand, another version) is
    // searched for every mint, like a single legacy file, so no purchase in it is missed.
    const misplaced = [...purchases.keys()].some((mint) => shardOf(mint) !== name);
    if (!SHARD_NAME.test(name) || misplaced) this.unsharded.add(name);
  }
}

function countOf(purchases: Map<string, PurchaseRecord[]> | undefined): number {
  let n = 0;
  for (const list of purchases?.values() ?? []) n += list.length;
  return n;
}

/**
 * Validates a history file. Records already validated in `known` (same mint, same place
 * in its list) are taken from there, so a shard another instance extended is re-checked
 * only for what it added: a refresh under the claim lock stays cheap at 100k purchases.
 */
function parseHistory(raw: unknown, known: Map<string, PurchaseRecord[]> | undefined): Map<string, PurchaseRecord[]> {
  // A file another version created without the key yet is empty, not corrupt.
  if (raw && typeof raw === 'object' && Object.keys(raw).length === 0) return new Map();
  const purchases = (raw as { purchases?: unknown } | null)?.purchases;
  if (!purchases || typeof purchases !== 'object' || Array.isArray(purchases)) {
    return validated(raw); // throws with zod's description of what is wrong
  }
  const out = new Map<string, PurchaseRecord[]>();
  const fresh: Record<string, unknown> = {};
  for (const [mint, list] of Object.entries(purchases as Record<string, unknown>)) {
    const old = known?.get(mint);
    if (old && Array.isArray(list) && list.length >= old.length) {
      out.set(mint, old);
      if (list.length > old.length) fresh[mint] = list.slice(old.length);
    } else {
      fresh[mint] = list;
    }
  }
  for (const [mint, added] of validated({ purchases: fresh })) out.set(mint, [...(out.get(mint) ?? []), ...added]);
  return out;
}

function validated(raw: unknown): Map<string, PurchaseRecord[]> {
  const parsed = historyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`wrong shape at ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  for (const [mint, list] of Object.entries(parsed.data.purchases)) {
    if (list.some((r) => r.mint !== mint)) throw new Error(`record under ${mint} names another mint`);
  }
  return new Map(Object.entries(parsed.data.purchases));
}
