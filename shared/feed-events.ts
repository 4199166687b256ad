import { z } from 'zod';
import { addressSchema, mintSchema } from './mint.js';
import { platformSchema } from './domain.js';

/**
 * Market data as the modules see it, whatever feed it came from (simulator, PumpPortal,
 * Solana RPC, HTTP pollers, tape). Adapters turn their wire format into these; every
 * field a service may omit is optional here.
 */
const at = z.number().int().nonnegative();
const amount = z.number().finite().nonnegative();

export const launchEventSchema = z.object({
  kind: z.literal('launch'),
  at,
  platform: platformSchema,
  mint: mintSchema,
  creator: addressSchema.optional(),
  name: z.string().max(200).optional(),
  symbol: z.string().max(64).optional(),
  uri: z.string().max(500).optional(),
  /** SOL the creator spent in the create transaction. */
  initialBuySol: amount.optional(),
  marketCapSol: amount.optional(),
  /** Virtual reserves of the bonding curve right after the create, when known. */
  vSol: amount.optional(),
  vTokens: amount.optional(),
  signature: z.string().max(128).optional(),
});

export const tradeEventSchema = z.object({
  kind: z.literal('trade'),
  at,
  platform: platformSchema,
  mint: mintSchema,
  wallet: addressSchema,
  side: z.enum(['buy', 'sell']),
  solAmount: amount,
  tokenAmount: amount,
  marketCapSol: amount.optional(),
  vSol: amount.optional(),
  vTokens: amount.optional(),
  signature: z.string().max(128).optional(),
});

export const migrationEventSchema = z.object({
  kind: z.literal('migration'),
  at,
  mint: mintSchema,
  pool: z.string().max(64).optional(),
  signature: z.string().max(128).optional(),
});

/** A token seen on a trending list (DexScreener boosts/top, pump.fun's coin list, simulator). */
export const trendingEventSchema = z.object({
  kind: z.literal('trending'),
  at,
  source: z.enum(['dexscreener', 'pump.fun', 'sim']),
  mint: mintSchema,
  platform: platformSchema.optional(),
  symbol: z.string().max(64).optional(),
  rank: z.number().int().nonnegative().optional(),
  marketCapUsd: amount.optional(),
  liquidityUsd: amount.optional(),
  volume5mUsd: amount.optional(),
  priceChange5mPct: z.number().finite().optional(),
  /** SOL per token when the source quoted it in SOL (DexScreener's priceNative, pump.fun's curve). */
  priceSol: amount.optional(),
  /** Constant-product reserves behind that price (the curve, or an AMM pool), for fills with price impact. */
  vSol: amount.optional(),
  vTokens: amount.optional(),
});

export const feedEventSchema = z.discriminatedUnion('kind', [
  launchEventSchema,
  tradeEventSchema,
  migrationEventSchema,
  trendingEventSchema,
]);
export type FeedEvent = z.infer<typeof feedEventSchema>;
export type LaunchEvent = z.infer<typeof launchEventSchema>;
export type TradeEvent = z.infer<typeof tradeEventSchema>;
export type MigrationEvent = z.infer<typeof migrationEventSchema>;
export type TrendingEvent = z.infer<typeof trendingEventSchema>;
