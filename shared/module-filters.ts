import { z } from 'zod';
import { platformSchema, platforms, type ModuleId } from './domain.js';
import { trendingEventSchema } from './feed-events.js';
import { addressSchema } from './mint.js';

/**
 * Each module's `filters` schema. The engine parses a module's settings with these before
 * anything is saved, and the console validates its settings forms with the very same
 * schemas as the trader types, so a value the form accepts is a value the engine accepts.
 */

/** A bound that may be switched off: `null` means "no bound", which JSON can say plainly. */
export const optionalBound = (base: z.ZodNumber) => base.nullable().default(null);

/** A regex typed by the trader: checked at configure time so a typo is refused, not silently unmatched. */
export const regexText = z
  .string()
  .max(200)
  .refine(
    (text) => {
      try {
        new RegExp(text, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

const solBound = z.number().finite().nonnegative().max(1_000_000);

/** Strict, so a misspelt filter name is refused instead of silently doing nothing. */
export const sniperFiltersSchema = z.strictObject({
  platforms: z.array(platformSchema).max(platforms.length).default(() => [...platforms]),
  /** Case-insensitive regex the name or the symbol must match; '' = any. */
  nameInclude: regexText.default(''),
  /** Case-insensitive regex neither the name nor the symbol may match; '' = none. */
  nameExclude: regexText.default(''),
  /** When not empty, only these creators. */
  creatorAllow: z.array(addressSchema).max(10_000).default(() => []),
  creatorDeny: z.array(addressSchema).max(10_000).default(() => []),
  minInitialBuySol: solBound.default(0),
  maxInitialBuySol: optionalBound(solBound),
  minMarketCapSol: solBound.default(0),
  maxMarketCapSol: optionalBound(solBound),
  /** A launch older than this (feed lag, tape replayed late) is stale: the early price is gone. */
  maxAgeSeconds: z.number().finite().positive().max(86_400).default(15),
});
export type SniperFilters = z.output<typeof sniperFiltersSchema>;
export const sniperFilterDefaults: SniperFilters = sniperFiltersSchema.parse({});

export const watchedWalletSchema = z.strictObject({
  address: addressSchema,
  label: z.string().max(40).default(''),
  /** Overrides the module's `minSol` for this wallet. */
  minSol: solBound.optional(),
  /** Overrides the module's `solAmount` for buys copied from this wallet. */
  solAmount: z.number().finite().positive().max(1_000).optional(),
  /** A disabled wallet is not watched: its buys yield nothing (not even a block). */
  enabled: z.boolean().default(true),
});
export type WatchedWallet = z.output<typeof watchedWalletSchema>;

export const whaleCopyFiltersSchema = z
  .strictObject({
    wallets: z.array(watchedWalletSchema).max(5_000).default(() => []),
    /** Smallest whale buy worth copying, for wallets without their own `minSol`. */
    minSol: solBound.default(1),
    /** Skip tokens already this big: the whale's edge is early entries. null = no cap. */
    maxMarketCapSol: optionalBound(solBound),
  })
  .superRefine((filters, ctx) => {
    const seen = new Set<string>();
    filters.wallets.forEach((wallet, index) => {
      if (seen.has(wallet.address)) {
        ctx.addIssue({ code: 'custom', path: ['wallets', index, 'address'], message: `wallet ${wallet.address} is listed twice` });
      }
      seen.add(wallet.address);
    });
  });
export type WhaleCopyFilters = z.output<typeof whaleCopyFiltersSchema>;
export const whaleCopyFilterDefaults: WhaleCopyFilters = whaleCopyFiltersSchema.parse({});

const trendingSources = trendingEventSchema.shape.source.options;
const usd = z.number().finite().nonnegative().max(1e13);
const pct = z.number().finite().min(-100).max(1e6);

export const trendingFiltersSchema = z.strictObject({
  sources: z.array(z.enum(trendingSources)).max(trendingSources.length).default(() => [...trendingSources]),
  /** A token absent from a source's list this long counts as entering it again. */
  reentryAfterSeconds: z.number().finite().positive().max(7 * 86_400).default(1_800),
  minMarketCapUsd: usd.default(0),
  maxMarketCapUsd: optionalBound(usd),
  minLiquidityUsd: usd.default(0),
  minVolume5mUsd: usd.default(0),
  /** Percent; null = no bound. Negative values allowed (a dip-buying setup). */
  minPriceChange5mPct: optionalBound(pct),
  maxPriceChange5mPct: optionalBound(pct),
});
export type TrendingFilters = z.output<typeof trendingFiltersSchema>;
export const trendingFilterDefaults: TrendingFilters = trendingFiltersSchema.parse({});

const count = z.number().int().nonnegative().max(1_000_000);

export const volumeFiltersSchema = z.strictObject({
  windowSeconds: z.number().finite().min(1).max(3_600).default(60),
  /** SOL traded (buys + sells) in the current window. */
  minVolumeSol: solBound.default(10),
  minTrades: count.default(20),
  minUniqueBuyers: count.default(10),
  /** Current window volume >= ratio x previous window volume; 0 = no ratio check. */
  spikeRatio: z.number().finite().nonnegative().max(1_000).default(3),
  /** After a signal for a mint, no new signal for it for this long. */
  cooldownSeconds: z.number().finite().nonnegative().max(7 * 86_400).default(600),
  /** Skip tokens already this big (SOL, from the latest trade). null = no cap. */
  maxMarketCapSol: optionalBound(solBound),
});
export type VolumeFilters = z.output<typeof volumeFiltersSchema>;
export const volumeFilterDefaults: VolumeFilters = volumeFiltersSchema.parse({});

/** Each module's filter schema, for the settings command and the settings UI. */
export const moduleFilterSchemas = {
  sniper: sniperFiltersSchema,
  'whale-copy': whaleCopyFiltersSchema,
  trending: trendingFiltersSchema,
  volume: volumeFiltersSchema,
} as const satisfies Record<ModuleId, z.ZodType>;

/** Every filter with its default value, per module (what `filters: {}` means). */
export const defaultModuleFilters = {
  sniper: sniperFilterDefaults,
  'whale-copy': whaleCopyFilterDefaults,
  trending: trendingFilterDefaults,
  volume: volumeFilterDefaults,
} as const satisfies Record<ModuleId, Record<string, unknown>>;
