import { z } from 'zod';
import { platformSchema, requesterSchema } from './domain.js';
import { mintSchema } from './mint.js';

export const exitReasonSchema = z.enum(['take-profit', 'stop-loss', 'trailing-stop', 'max-hold', 'manual']);

/**
 * The sell of a position that is in the air (`in-flight`; on a retry, `lastError` says why
 * the try before failed), whose outcome is not known (`unknown`: it is reconciled from the
 * chain before the position can be sold again), or that failed and waits for its retry
 * (`retrying`, at `nextTryAt`: 2 s after the first failure, doubling, at most 60 s apart;
 * never given up).
 */
export const positionSellSchema = z.object({
  sellId: z.string(),
  reason: exitReasonSchema,
  tokens: z.number().finite().nonnegative(),
  status: z.enum(['in-flight', 'unknown', 'retrying']),
  attempt: z.number().int().positive(),
  nextTryAt: z.number().optional(),
  lastError: z.string().optional(),
  signature: z.string().optional(),
});

/**
 * A purchase as it is held: what it cost (fees included), what is left, what selling
 * brought, and its P&L at the last price seen. Paper and live alike; a buy again is a
 * position of its own.
 *
 * P&L, in SOL:
 * - entry price = cost / tokens bought (fees included);
 * - realized = the sum over its sells of (SOL received − entry price × tokens sold), the
 *   sell's fees already out of what was received;
 * - unrealized = tokens held × last price − entry price × tokens held (the cost still in
 *   them); the last price is the market's spot price (curve or pool reserves, else the last
 *   trade), before the sell's fee and price impact; absent until a price was seen, 0 once closed.
 */
export const positionSchema = z.object({
  id: z.string(),
  mint: mintSchema,
  symbol: z.string(),
  platform: platformSchema,
  module: requesterSchema,
  openedAt: z.number(),
  status: z.enum(['open', 'closed']),
  tokensBought: z.number().finite().nonnegative(),
  tokensHeld: z.number().finite().nonnegative(),
  costSol: z.number().finite().nonnegative(),
  /** cost / tokens bought, SOL per token. */
  entryPriceSol: z.number().finite().nonnegative(),
  lastPriceSol: z.number().finite().nonnegative().optional(),
  lastPriceAt: z.number().optional(),
  peakPriceSol: z.number().finite().nonnegative().optional(),
  realizedSol: z.number().finite(),
  /** Held tokens at the last price, minus the cost still in them; absent without a price. */
  unrealizedSol: z.number().finite().optional(),
  sell: positionSellSchema.optional(),
  closedAt: z.number().optional(),
  closeReason: z.string().optional(),
});
export type Position = z.infer<typeof positionSchema>;

/** Over the positions listed (open, and closed in the last 24 hours); positions without a price add 0 unrealized. */
export const positionTotalsSchema = z.object({
  open: z.number().int().nonnegative(),
  realizedSol: z.number().finite(),
  unrealizedSol: z.number().finite(),
});
export type PositionTotals = z.infer<typeof positionTotalsSchema>;

/** The wallet a live run trades with, as the console may see it: never a secret. */
export const walletStatusSchema = z.object({
  publicKey: z.string(),
  balanceSol: z.number().finite().nonnegative().optional(),
  balanceAt: z.number().optional(),
  /** How the key is kept at rest: the OS keychain (safeStorage), a passphrase, or a 0600 file. */
  keptBy: z.enum(['safe-storage', 'passphrase', 'file']),
});
export type WalletStatus = z.infer<typeof walletStatusSchema>;
