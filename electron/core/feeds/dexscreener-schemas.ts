import { z } from 'zod';

/**
 * DexScreener public API responses (docs.dexscreener.com/api/reference), reduced to the
 * fields the trending module uses.
 */
export const boostSchema = z.object({
  chainId: z.string().max(64),
  tokenAddress: z.string().max(128),
  amount: z.number().finite().optional(),
  totalAmount: z.number().finite().optional(),
});
export type Boost = z.infer<typeof boostSchema>;

const optionalNumber = z.number().finite().optional().catch(undefined);

export const pairSchema = z.object({
  chainId: z.string().max(64),
  dexId: z.string().max(64).optional(),
  baseToken: z.object({ address: z.string().max(128), symbol: z.string().max(200).optional() }),
  quoteToken: z.object({ address: z.string().max(128) }).optional().catch(undefined),
  /** The price in the quote token, as a decimal string. */
  priceNative: z.string().max(64).optional().catch(undefined),
  marketCap: optionalNumber,
  fdv: optionalNumber,
  /** `base`/`quote`: the pool's token and quote amounts. */
  liquidity: z.object({ usd: optionalNumber, base: optionalNumber, quote: optionalNumber }).optional().catch(undefined),
  volume: z.object({ m5: optionalNumber }).optional().catch(undefined),
  priceChange: z.object({ m5: optionalNumber }).optional().catch(undefined),
});
export type Pair = z.infer<typeof pairSchema>;
