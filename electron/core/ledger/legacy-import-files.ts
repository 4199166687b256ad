import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { moduleIds, overrideSchema, platforms, platformSchema, purchaseRecordSchema, requesterSchema, type Platform, type PurchaseRecord, type Requester } from '../../../shared/domain.js';

/**
 * Base58 text of a Solana address's length. Not the full 32-byte decode of mintSchema: at
 * 100k records that decode is most of an import (~40 µs each here), and an entry that
 * passes this but is no real address can never match a real mint, so it blocks nothing.
 */
const BASE58_ADDRESS = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;
const isAddressText = (text: string) => BASE58_ADDRESS.test(text);
const PLATFORMS: ReadonlySet<string> = new Set(platforms);
const REQUESTERS: ReadonlySet<string> = new Set([...moduleIds, 'manual']);
const importRecordSchema = purchaseRecordSchema.extend({ mint: z.string().regex(BASE58_ADDRESS, 'not a Solana address') });

/**
 * The files earlier versions kept their history and claims in, read without changing them:
 * - `purchase-history-XX.json` shards and any other `purchase-history*.json`:
 *   `{"purchases": {mint: [PurchaseRecord]}}` (the JSON store before the ledger);
 * - the original bot's one file, `purchased_tokens_history.json` (or the same content under
 *   `purchase-history.json`): `{"purchased_tokens": {mint: {symbol, bot_name, platform,
 *   price, amount, timestamp}}}`; a bare `{mint: {...}}` object or an array of purchases
 *   `[{mint, ...}]` is taken too (hand-made and older copies of it exist);
 * - `in-flight-intents.jsonl`: the journal of claims, replayed to the intents still open.
 */
export const LEGACY_HISTORY_FILE = /^(purchase-history.*|purchased_tokens_history)\.json$/;
export const LEGACY_JOURNAL = 'in-flight-intents.jsonl';
/** Written into an imported record without a signature of its own. */
export const IMPORTED_SIGNATURE = 'imported-from-an-earlier-version';
const IMPORTED_INSTANCE = 'legacy-import';

/** A legacy file that cannot be understood: nothing is imported from any file, buying is refused. */
export class LegacyFileError extends Error {
  override name = 'LegacyFileError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${path.basename(file)} (from an earlier version) cannot be imported: ${reason}`);
  }
}

export interface LegacyHistory {
  purchases: PurchaseRecord[];
  /** Entries whose key or mint is not a Solana address: they can never block a real mint. */
  skipped: number;
  /** Entries whose platform was not pump.fun or bonk.fun (the original bot also knew others). */
  platformGuessed: number;
}

export interface LegacyIntent {
  attemptId: string;
  mint: string;
  symbol: string;
  platform: Platform;
  module: Requester;
  solAmount: number;
  instanceId: string;
  at: number;
  status: 'in-flight' | 'unknown';
  signature?: string;
  detail?: string;
  override?: z.infer<typeof overrideSchema>;
}

export function findLegacyFiles(dataDir: string): { histories: string[]; journal: string | undefined } {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { histories: [], journal: undefined };
    throw error;
  }
  return {
    histories: names.filter((n) => LEGACY_HISTORY_FILE.test(n)).sort().map((n) => path.join(dataDir, n)),
    journal: names.includes(LEGACY_JOURNAL) ? path.join(dataDir, LEGACY_JOURNAL) : undefined,
  };
}

export function sha256(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Reads one history file of any earlier shape; throws LegacyFileError when it cannot be understood. */
export function readLegacyHistory(file: string, bytes: Buffer = fs.readFileSync(file)): LegacyHistory {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new LegacyFileError(file, 'not valid JSON (truncated or corrupt)');
  }
  const fallbackAt = Math.trunc(fs.statSync(file).mtimeMs);
  if (isObject(raw) && 'purchases' in raw) return readShardShape(file, raw.purchases);
  const entries = originalBotEntries(raw);
  if (!entries) throw new LegacyFileError(file, 'neither {"purchases": {...}} nor the original bot\'s {"purchased_tokens": {...}} nor a list of purchases');
  const out: LegacyHistory = { purchases: [], skipped: 0, platformGuessed: 0 };
  for (const [key, value] of entries) {
    const mint = typeof value.mint === 'string' ? value.mint : key;
    if (mint === undefined || !isAddressText(mint)) {
      out.skipped += 1;
      continue;
    }
    const platform = platformOf(value.platform, mint);
    if (!platform.known) out.platformGuessed += 1;
    const at = timeOf(value.timestamp ?? value.at ?? value.time) ?? fallbackAt;
    const amount = finiteOr(value.amount ?? value.tokens, 0);
    const price = finiteOr(value.price, 0);
    const solSpent = finiteOr(value.solSpent ?? value.sol_amount ?? value.sol, price * amount);
    out.purchases.push({
      mint,
      symbol: typeof value.symbol === 'string' ? value.symbol.slice(0, 32) : '',
      platform: platform.value,
      module: moduleOf(value.module ?? value.bot_name),
      signature: typeof value.signature === 'string' && value.signature !== '' ? value.signature : IMPORTED_SIGNATURE,
      solSpent: Math.max(0, solSpent),
      tokens: Math.max(0, amount),
      at,
      instanceId: IMPORTED_INSTANCE,
      // Derived from the content, so the same purchase imported twice (or found in two files) is one.
      attemptId: `legacy:${mint}:${at}`,
    });
  }
  return out;
}

/** The format of the JSON store before the ledger: every record checked as it was then. */
function readShardShape(file: string, purchases: unknown): LegacyHistory {
  if (!isObject(purchases)) throw new LegacyFileError(file, '"purchases" is not an object of mints');
  const out: LegacyHistory = { purchases: [], skipped: 0, platformGuessed: 0 };
  for (const [mint, list] of Object.entries(purchases)) {
    if (!Array.isArray(list)) throw new LegacyFileError(file, `purchases of ${mint.slice(0, 44)} is not a list`);
    for (const [i, item] of list.entries()) {
      const parsed = importRecordSchema.safeParse(item);
      if (!parsed.success) throw new LegacyFileError(file, `purchase ${i} of ${mint.slice(0, 44)}: ${z.prettifyError(parsed.error)}`);
      if (parsed.data.mint !== mint) throw new LegacyFileError(file, `a record under ${mint.slice(0, 44)} names another mint`);
      const record = parsed.data;
      out.purchases.push({ ...record, attemptId: record.attemptId ?? `legacy:${record.mint}:${record.signature}:${record.at}` });
    }
  }
  return out;
}

type Entry = [string | undefined, Record<string, unknown>];

function originalBotEntries(raw: unknown): Entry[] | undefined {
  const body = isObject(raw) && 'purchased_tokens' in raw ? raw.purchased_tokens : raw;
  if (Array.isArray(body)) return body.filter(isObject).map((v) => [undefined, v]);
  if (!isObject(body)) return undefined;
  return Object.entries(body).map(([k, v]) => [k, isObject(v) ? v : {}]);
}

function platformOf(value: unknown, mint: string): { value: Platform; known: boolean } {
  const text = typeof value === 'string' ? value.toLowerCase() : '';
  // Set lookups, not safeParse: a failed zod parse builds an error, per entry, at 100k entries.
  if (PLATFORMS.has(text)) return { value: text as Platform, known: true };
  if (/pump/.test(text)) return { value: 'pump.fun', known: true };
  if (/bonk|launchlab|raydium/.test(text)) return { value: 'bonk.fun', known: true };
  // Kept as bought either way: the platform only labels it.
  return { value: mint.endsWith('bonk') ? 'bonk.fun' : 'pump.fun', known: false };
}

function moduleOf(value: unknown): Requester {
  const text = typeof value === 'string' ? value.toLowerCase() : '';
  if (REQUESTERS.has(text)) return text as Requester;
  // The bot's names: "bot-sniper-0-pump", "volume-sniper", "whale-copy": the most specific word wins.
  if (text.includes('whale')) return 'whale-copy';
  if (text.includes('volume')) return 'volume';
  if (text.includes('trend')) return 'trending';
  if (text.includes('snip')) return 'sniper';
  return 'manual';
}

/** ISO text (the original bot wrote UTC without a zone), seconds or milliseconds since 1970. */
function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.trunc(value < 1e11 ? value * 1_000 : value);
  if (typeof value !== 'string' || value === '') return undefined;
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : undefined;
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const journalIntentSchema = z.object({
  attemptId: z.string().min(1),
  mint: z.string().regex(BASE58_ADDRESS, 'not a Solana address'),
  symbol: z.string(),
  platform: platformSchema,
  module: requesterSchema,
  solAmount: z.number().positive(),
  instanceId: z.string().min(1),
  at: z.number(),
  status: z.enum(['in-flight', 'unknown']),
  signature: z.string().optional(),
  detail: z.string().optional(),
  override: overrideSchema.optional(),
});

const journalEntrySchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), intent: journalIntentSchema.loose() }),
  z.object({ op: z.literal('drop'), mint: z.string() }),
  z.object({ op: z.literal('torn') }),
]);

const TORN = '{"op":"torn"}';

/**
 * Replays the old intents journal to the claims still open, as its readers did: a line
 * followed by a "torn" marker was cut short by a crash and never acted on; bytes after the
 * last newline likewise. Any other line that is not an entry: LegacyFileError.
 */
export function readLegacyJournal(file: string, bytes: Buffer = fs.readFileSync(file)): LegacyIntent[] {
  const text = bytes.toString('utf8');
  const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n').slice(0, -1);
  const open = new Map<string, LegacyIntent>();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i + 1] === TORN || lines[i]!.trim() === '') continue;
    let entry: z.infer<typeof journalEntrySchema>;
    try {
      entry = journalEntrySchema.parse(JSON.parse(lines[i]!));
    } catch {
      throw new LegacyFileError(file, `line ${i + 1} is not a journal entry`);
    }
    if (entry.op === 'put') {
      const { attemptId, mint, symbol, platform, module, solAmount, instanceId, at, status, signature, detail, override } = entry.intent;
      open.set(mint, { attemptId, mint, symbol, platform, module, solAmount, instanceId, at, status, ...(signature ? { signature } : {}), ...(detail ? { detail } : {}), ...(override ? { override } : {}) });
    } else if (entry.op === 'drop') {
      open.delete(entry.mint);
    }
  }
  return [...open.values()];
}
