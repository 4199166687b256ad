import { z } from 'zod';
import {
  attemptUpdateSchema,
  moduleIdSchema,
  platformSchema,
  purchaseRecordSchema,
  requesterSchema,
} from './domain.js';
import { addressSchema, mintSchema } from './mint.js';
import { positionSchema, positionTotalsSchema, walletStatusSchema } from './positions.js';
import { executionSchema, limitsPatchSchema, limitsSchema, moduleSettingsPatchSchema, moduleSettingsSchema, settingsSchema } from './settings.js';

/**
 * The one contract between the engine and every client (Electron IPC, WebSocket, tests).
 * A command is a name with an input schema and an output schema; an event is a name with
 * a payload schema. Both transports and the renderer's client are typed from these maps,
 * and one dispatch function parses every incoming message with them.
 */

export const feedStatusSchema = z.object({
  name: z.string(),
  connected: z.boolean(),
  received: z.number().int(),
  dropped: z.number().int(),
  lastError: z.string().optional(),
  /** Well-formed items the feed passed over (another launchpad's token, a quote mint), with why. */
  skipped: z.object({ count: z.number().int(), reasons: z.record(z.string(), z.number().int()) }).optional(),
});

export const engineStatusSchema = z.object({
  instanceId: z.string(),
  dataDir: z.string(),
  startedAt: z.number(),
  mode: z.enum(['paper', 'live']),
  killSwitch: z.boolean(),
  storeHealthy: z.boolean(),
  storeProblem: z.string().optional(),
  purchases: z.number().int(),
  inFlight: z.number().int(),
  unknown: z.number().int(),
  pendingApprovals: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  feeds: z.array(feedStatusSchema),
  /** Live runs: the wallet's public key and balance. */
  wallet: walletStatusSchema.optional(),
  /** Open positions and their sells (of every instance on the data dir) by state; absent without a usable ledger. */
  positions: z
    .object({
      open: z.number().int().nonnegative(),
      sellsInFlight: z.number().int().nonnegative(),
      sellsUnknown: z.number().int().nonnegative(),
      sellsRetrying: z.number().int().nonnegative(),
    })
    .optional(),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;

const blockedCommon = {
  mint: mintSchema,
  symbol: z.string(),
  module: requesterSchema,
  platform: platformSchema,
  /** The attempt to pass to `blocked.approveOnce` / `blocked.dismiss`. */
  attemptId: z.string(),
  /** When the signal arrived (pending, filter failed) or the buy was sent (unknown). */
  since: z.number(),
  solAmount: z.number(),
};

/**
 * A mint the console lists under "blocked tokens", with what the trader can do about it:
 * a signal waiting for approval or one a filter refused (approve once, dismiss), or a buy
 * whose outcome is unknown (mark bought / not bought). Bought tokens come from
 * `history.list`, the blocklist from the settings.
 */
export const blockedEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pending-approval'), ...blockedCommon, signalReason: z.string() }),
  z.object({
    kind: z.literal('filter-failed'),
    ...blockedCommon,
    signalReason: z.string(),
    /** The filter that failed and the sentence saying why, with the numbers. */
    filter: z.string(),
    reasonText: z.string(),
  }),
  z.object({
    kind: z.literal('unknown-outcome'),
    ...blockedCommon,
    /** The instance that sent the buy and owns its reconcile. */
    ownerInstanceId: z.string(),
    signature: z.string().optional(),
  }),
]);
export type BlockedEntry = z.infer<typeof blockedEntrySchema>;
export type BlockedKind = BlockedEntry['kind'];

export const alertSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  source: z.string(),
  message: z.string(),
  at: z.number(),
});

export const events = {
  attempt: attemptUpdateSchema,
  /** Sent when the status changed, at most about 4 times a second. */
  status: engineStatusSchema,
  /** A problem the trader must see: unreadable store, feed that needs an API key, ... */
  alert: alertSchema,
  /** The whole settings, each time they changed (here or in another instance on the data dir). */
  settings: settingsSchema,
  /** The whole blocked list, each time it changed (coalesced). */
  blocked: z.array(blockedEntrySchema),
  /** Open positions and those closed in the last 24 hours, each time one changed (coalesced). */
  positions: z.object({ positions: z.array(positionSchema), totals: positionTotalsSchema }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;

const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const pushed = <N extends EventName>(name: N) => z.object({ seq: seqSchema, name: z.literal(name), payload: events[name] });

/** An engine event with its sequence number, as every transport delivers it (see shared/wire.ts). */
export const pushedEventSchema = z.discriminatedUnion('name', [
  pushed('attempt'),
  pushed('status'),
  pushed('alert'),
  pushed('settings'),
  pushed('blocked'),
  pushed('positions'),
]);

/** Most attempts a snapshot carries; the engine keeps at least this many. */
export const snapshotAttemptsMax = 5_000;

const empty = z.object({}).strict();
/** The settings revision the change was made against; when given and stale, the change is refused. */
const revision = z.number().int().nonnegative().optional();
const ok = z.object({ ok: z.literal(true) });

export const commands = {
  'status.get': { input: empty, output: engineStatusSchema },
  'settings.get': { input: empty, output: settingsSchema },
  'killSwitch.set': { input: z.object({ on: z.boolean(), revision }).strict(), output: ok },
  'module.update': {
    input: z.object({ module: moduleIdSchema, patch: moduleSettingsPatchSchema, revision }).strict(),
    output: moduleSettingsSchema,
  },
  'limits.update': { input: limitsPatchSchema.extend({ revision }).strict(), output: limitsSchema },
  'blocklist.add': { input: z.object({ address: addressSchema, revision }).strict(), output: ok },
  'blocklist.remove': { input: z.object({ address: addressSchema, revision }).strict(), output: ok },
  'attempts.recent': {
    input: z.object({ limit: z.number().int().min(1).max(5_000).default(500) }).strict(),
    output: z.array(attemptUpdateSchema),
  },
  'blocked.list': { input: empty, output: z.array(blockedEntrySchema) },
  /** Buy a signal that waits for approval, once; exactly-once checks still apply. */
  'blocked.approveOnce': { input: z.object({ attemptId: z.string().min(1).max(64) }).strict(), output: attemptUpdateSchema },
  /** Drop a signal that waits for approval. */
  'blocked.dismiss': { input: z.object({ attemptId: z.string().min(1).max(64) }).strict(), output: ok },
  /** Buy a mint that is already in the history, on purpose. */
  'blocked.buyAgain': {
    input: z
      .object({ mint: mintSchema, platform: platformSchema, symbol: z.string().max(32).default(''), solAmount: z.number().positive().max(1_000) })
      .strict(),
    output: attemptUpdateSchema,
  },
  /** The trader's verdict on an unknown outcome, after checking the wallet or an explorer. */
  'blocked.markReconciled': {
    input: z
      .object({
        mint: mintSchema,
        outcome: z.enum(['bought', 'not-bought']),
        signature: z.string().min(1).max(128).optional(),
        solSpent: z.number().nonnegative().max(1_000).optional(),
        tokens: z.number().nonnegative().optional(),
      })
      .strict(),
    output: ok,
  },
  /**
   * Everything a client needs to draw the console, as of event `seq`: apply pushed events
   * with a higher seq on top. `attempts` are the most recent, oldest first.
   */
  'session.snapshot': {
    input: empty,
    output: z.object({
      seq: seqSchema,
      status: engineStatusSchema,
      settings: settingsSchema,
      blocked: z.array(blockedEntrySchema),
      attempts: z.array(attemptUpdateSchema).max(snapshotAttemptsMax),
      /** As the `positions` event sends them (open, and closed in the last 24 h); absent when the ledger cannot be used. */
      positions: z.object({ positions: z.array(positionSchema), totals: positionTotalsSchema }).optional(),
    }),
  },
  /**
   * The events after `afterSeq`, oldest first, when the engine still holds all of them;
   * else `{gap: true}` and the client takes a fresh snapshot. `instanceId` (from the
   * snapshot's status) guards against asking a restarted engine, whose seq began again:
   * a different instance always answers with a gap.
   */
  'events.since': {
    input: z.object({ afterSeq: seqSchema, instanceId: z.string().min(1).max(64).optional() }).strict(),
    output: z.union([z.object({ events: z.array(pushedEventSchema) }), z.object({ gap: z.literal(true) })]),
  },
  'execution.update': { input: executionSchema.partial().extend({ revision }).strict(), output: executionSchema },
  'positions.list': {
    input: z.object({ includeClosed: z.boolean().default(false), limit: z.number().int().min(1).max(5_000).default(500) }).strict(),
    output: z.object({ positions: z.array(positionSchema), totals: positionTotalsSchema }),
  },
  /** Sell part or all of an open position now, by hand; the same exactly-once discipline as an exit. */
  'positions.sell': {
    input: z.object({ positionId: z.string().min(1).max(64), percent: z.number().positive().max(100) }).strict(),
    output: z.object({ sellId: z.string() }),
  },
  'history.list': {
    input: z
      .object({
        search: z.string().max(64).default(''),
        limit: z.number().int().min(1).max(1_000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ total: z.number().int(), records: z.array(purchaseRecordSchema) }),
  },
  /** Purchases and SOL per module over the records `history.list` matches for `search`. */
  'history.totals': {
    input: z.object({ search: z.string().max(64).default('') }).strict(),
    output: z.array(z.object({ module: requesterSchema, count: z.number().int().nonnegative(), sol: z.number().finite() })),
  },
} as const;

export type CommandName = keyof typeof commands;
export type CommandInput<N extends CommandName> = z.input<(typeof commands)[N]['input']>;
export type CommandParsedInput<N extends CommandName> = z.output<(typeof commands)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<(typeof commands)[N]['output']>;


/** What every transport answers to a command: the output, or an error a person can read. */
export type CommandResult<N extends CommandName> =
  | { ok: true; value: CommandOutput<N> }
  | { ok: false; error: { code: 'bad-request' | 'unknown-command' | 'failed'; message: string } };

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}
