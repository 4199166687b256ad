import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { overrideSchema, platformSchema, requesterSchema } from '../../../shared/domain.js';
import { mintSchema } from '../../../shared/mint.js';
import { nodeJournalIo, type JournalIo } from './intent-journal-io.js';
import { keepAside, UnreadableStoreError } from './unreadable-store.js';

export const INTENTS_FILE = 'in-flight-intents.jsonl';

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

const entrySchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), intent: intentSchema }),
  z.object({ op: z.literal('drop'), mint: mintSchema }),
  // Written after a line that a crashed writer left unfinished, so every reader skips it.
  z.object({ op: z.literal('torn') }),
]);
type Entry = z.infer<typeof entrySchema>;

const TORN = '{"op":"torn"}';

/** Past this size the journal is rewritten with only the open intents. */
const COMPACT_AT_BYTES = 64 * 1024;

/**
 * The in-flight and unknown buys of every instance on a data dir, as an append-only
 * journal (in-flight-intents.jsonl). Hand-written rather than a conf file because the
 * claim path can afford one durable write: conf rewrites the whole file through a temp
 * file, fsync and rename (p99 4.4 ms here), an append with fdatasync costs p99 0.45 ms.
 * Readers apply only the bytes added since their last look; a compaction (a new inode)
 * makes them read it afresh. Every method must be called under the claim lock.
 */
export class IntentStore {
  readonly path: string;
  private intents = new Map<string, Intent>();
  private ino: number | undefined;
  private offset = 0;
  private fd: number | undefined;
  private readOk = false;

  constructor(
    private readonly dataDir: string,
    private readonly io: JournalIo = nodeJournalIo,
    private readonly now: () => number = Date.now,
  ) {
    this.path = path.join(dataDir, INTENTS_FILE);
  }

  /** Applies what other instances appended since the last look (or everything after a compaction). */
  refresh(): void {
    this.readOk = false;
    const stat = statOrUndefined(this.path);
    if (!stat || stat.ino !== this.ino || stat.size < this.offset) this.reset(stat?.ino);
    if (stat && stat.size > this.offset) this.applyNewBytes(stat.size);
    this.readOk = true;
  }

  get(mint: string): Intent | undefined {
    return this.intents.get(mint);
  }

  all(): Intent[] {
    return [...this.intents.values()];
  }

  put(intent: Intent): void {
    this.append({ op: 'put', intent });
    this.intents.set(intent.mint, intent);
  }

  remove(mint: string): void {
    if (!this.intents.has(mint)) return;
    this.append({ op: 'drop', mint });
    this.intents.delete(mint);
    if (this.offset > COMPACT_AT_BYTES) this.compact();
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private append(entry: Entry): void {
    // A blind write after a failed read could bury other instances' claims.
    if (!this.readOk) throw new Error('intents written before they were read');
    this.write(`${JSON.stringify(entry)}\n`);
  }

  private write(text: string): void {
    this.fd ??= fs.openSync(this.path, 'a', 0o600);
    this.io.appendDurably(this.fd, text);
    this.offset += Buffer.byteLength(text);
    this.ino ??= fs.fstatSync(this.fd).ino;
  }

  private compact(): void {
    const text = this.all().map((intent) => `${JSON.stringify({ op: 'put', intent })}\n`).join('');
    this.io.replaceDurably(this.path, text);
    this.close();
    const stat = fs.statSync(this.path);
    this.ino = stat.ino;
    this.offset = stat.size;
  }

  private reset(ino: number | undefined): void {
    this.close();
    this.intents = new Map();
    this.ino = ino;
    this.offset = 0;
  }

  private applyNewBytes(size: number): void {
    const bytes = Buffer.alloc(size - this.offset);
    const fd = fs.openSync(this.path, 'r');
    try {
      fs.readSync(fd, bytes, 0, bytes.length, this.offset);
    } finally {
      fs.closeSync(fd);
    }
    const complete = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
    const lines = complete.toString('utf8').split('\n').slice(0, -1);
    for (let i = 0; i < lines.length; i++) {
      if (lines[i + 1] === TORN) continue;
      const entry = parseEntry(lines[i]!);
      if (!entry) throw this.unreadable(`the line after byte ${this.offset} is not a journal entry`);
      this.apply(entry);
    }
    this.offset += complete.length;
    if (complete.length < bytes.length) this.terminateTornTail();
  }

  /**
   * Bytes after the last newline were left by a writer that crashed mid-append (writers
   * hold the lock, as we do now). It never got its fdatasync back, so it never acted on
   * that line: end it and mark it torn, so every reader skips it alike.
   */
  private terminateTornTail(): void {
    const fragmentAt = this.offset;
    this.write(`\n${TORN}\n`);
    this.offset = fragmentAt;
    this.applyNewBytes(fs.statSync(this.path).size);
  }

  private apply(entry: Entry): void {
    if (entry.op === 'put') this.intents.set(entry.intent.mint, entry.intent);
    else if (entry.op === 'drop') this.intents.delete(entry.mint);
  }

  private unreadable(reason: string): UnreadableStoreError {
    this.readOk = false;
    return new UnreadableStoreError(this.path, reason, keepAside(this.path, this.dataDir, this.now()));
  }
}

function parseEntry(line: string): Entry | undefined {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
