import { z } from 'zod';
import { blockReasonSchema } from './block-reasons.js';
import { addressSchema, mintSchema } from './mint.js';

export const moduleIds = ['sniper', 'whale-copy', 'trending', 'volume'] as const;
export const moduleIdSchema = z.enum(moduleIds);
export type ModuleId = z.infer<typeof moduleIdSchema>;

/** Who asked for the buy: a module, or the trader by hand from the console. */
export const requesterSchema = z.union([moduleIdSchema, z.literal('manual')]);
export type Requester = z.infer<typeof requesterSchema>;

export const platforms = ['pump.fun', 'bonk.fun'] as const;
export const platformSchema = z.enum(platforms);
export type Platform = z.infer<typeof platformSchema>;

const solAmount = z.number().finite().positive().max(1_000);

/** The result of one of a module's filters, carried on the signal so a block can name it. */
export const filterResultSchema = z.object({
  filter: z.string().min(1).max(64),
  passed: z.boolean(),
  detail: z.string().max(300),
});
export type FilterResult = z.infer<typeof filterResultSchema>;

/** What a module hands to the coordinator: buy this mint, for this reason. */
export const buySignalSchema = z.object({
  module: requesterSchema,
  mint: mintSchema,
  platform: platformSchema,
  symbol: z.string().max(32).default(''),
  creator: addressSchema.optional(),
  solAmount,
  reason: z.string().min(1).max(300),
  metrics: z.record(z.string(), z.number().finite()).default({}),
  filters: z.array(filterResultSchema).max(32).default([]),
});
export type BuySignal = z.output<typeof buySignalSchema>;
export type BuySignalInput = z.input<typeof buySignalSchema>;

/** Manual decisions that relax a check; never the exactly-once checks except `buy-again`. */
export const overrideSchema = z.enum(['approved-once', 'buy-again']);
export type Override = z.infer<typeof overrideSchema>;

/** One line of `purchases[mint]` in purchase-history*.json: a confirmed, successful buy. */
export const purchaseRecordSchema = z.object({
  mint: mintSchema,
  symbol: z.string(),
  platform: platformSchema,
  module: requesterSchema,
  signature: z.string().min(1),
  solSpent: z.number().finite().nonnegative(),
  tokens: z.number().finite().nonnegative(),
  at: z.number().int().nonnegative(),
  instanceId: z.string().min(1),
  attemptId: z.string().min(1).optional(),
  override: overrideSchema.optional(),
});
export type PurchaseRecord = z.infer<typeof purchaseRecordSchema>;

export const historyFileSchema = z.object({
  purchases: z.record(z.string(), z.array(purchaseRecordSchema)),
});

export const attemptOutcomes = [
  'bought',
  'failed',
  'blocked',
  'unknown',
  'reconciled-bought',
  'reconciled-not-bought',
] as const;
export const attemptOutcomeSchema = z.enum(attemptOutcomes);
export type AttemptOutcome = z.infer<typeof attemptOutcomeSchema>;

/** One line of audit/<instanceId>.jsonl. */
export const auditLineSchema = z.object({
  ts: z.number(),
  instanceId: z.string(),
  attemptId: z.string().optional(),
  module: requesterSchema,
  mint: mintSchema,
  outcome: attemptOutcomeSchema,
  reason: blockReasonSchema.optional(),
  detail: z.string().optional(),
  signature: z.string().optional(),
  override: overrideSchema.optional(),
});
export type AuditLine = z.infer<typeof auditLineSchema>;

export const attemptStages = ['received', 'claimed', 'done'] as const;

/** What the console shows for a buy attempt; re-sent with each step. */
export const attemptUpdateSchema = z.object({
  attemptId: z.string(),
  stage: z.enum(attemptStages),
  at: z.number(),
  mint: mintSchema,
  symbol: z.string(),
  platform: platformSchema,
  module: requesterSchema,
  solAmount: z.number(),
  signalReason: z.string(),
  outcome: attemptOutcomeSchema.optional(),
  reason: blockReasonSchema.optional(),
  reasonText: z.string().optional(),
  detail: z.string().optional(),
  signature: z.string().optional(),
  override: overrideSchema.optional(),
  /** From receiving the signal to this step. */
  latencyMs: z.number().optional(),
});
export type AttemptUpdate = z.infer<typeof attemptUpdateSchema>;
