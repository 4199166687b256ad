import { z } from 'zod';
import {
  attemptUpdateSchema,
  moduleIdSchema,
  platformSchema,
  purchaseRecordSchema,
  requesterSchema,
} from './domain.js';
import { addressSchema, mintSchema } from './mint.js';
import { limitsSchema, moduleSettingsSchema, settingsSchema } from './settings.js';

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
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;

/** A mint the console lists under "blocked tokens", with what the trader can do about it. */
export const blockedEntrySchema = z.object({
  kind: z.enum(['unknown-outcome', 'pending-approval']),
  mint: mintSchema,
  symbol: z.string(),
  module: requesterSchema,
  platform: platformSchema,
  attemptId: z.string(),
  since: z.number(),
  signature: z.string().optional(),
  ownerInstanceId: z.string().optional(),
});
export type BlockedEntry = z.infer<typeof blockedEntrySchema>;

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const commands = {
  'status.get': { input: empty, output: engineStatusSchema },
  'settings.get': { input: empty, output: settingsSchema },
  'killSwitch.set': { input: z.object({ on: z.boolean() }).strict(), output: ok },
  'module.update': {
    input: z.object({ module: moduleIdSchema, patch: moduleSettingsSchema.partial() }).strict(),
    output: moduleSettingsSchema,
  },
  'limits.update': { input: limitsSchema.partial().strict(), output: limitsSchema },
  'blocklist.add': { input: z.object({ address: addressSchema }).strict(), output: ok },
  'blocklist.remove': { input: z.object({ address: addressSchema }).strict(), output: ok },
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
} as const;

export type CommandName = keyof typeof commands;
export type CommandInput<N extends CommandName> = z.input<(typeof commands)[N]['input']>;
export type CommandParsedInput<N extends CommandName> = z.output<(typeof commands)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<(typeof commands)[N]['output']>;

export const events = {
  attempt: attemptUpdateSchema,
  status: engineStatusSchema,
  /** A problem the trader must see: unreadable store, feed that needs an API key, ... */
  alert: z.object({ level: z.enum(['info', 'warning', 'error']), source: z.string(), message: z.string(), at: z.number() }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;

/** What every transport answers to a command: the output, or an error a person can read. */
export type CommandResult<N extends CommandName> =
  | { ok: true; value: CommandOutput<N> }
  | { ok: false; error: { code: 'bad-request' | 'unknown-command' | 'failed'; message: string } };

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}
