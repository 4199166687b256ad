import { z } from 'zod';
import { addressSchema } from './mint.js';
import { moduleIdSchema, moduleIds, type ModuleId } from './domain.js';

const sol = z.number().finite().nonnegative().max(10_000);

/** What every module has; each module's own filters live beside it under `filters`. */
const pct = z.number().finite().nonnegative().max(10_000);

/**
 * When a position is sold, each rule off at 0. Take profit and stop loss compare the price
 * with the entry price (cost with fees per token); the trailing stop with the highest price
 * seen since the buy; max hold sells whatever the price after that many minutes.
 */
export const exitRulesSchema = z.object({
  takeProfitPct: pct,
  stopLossPct: pct.max(100),
  trailingStopPct: pct.max(100),
  maxHoldMinutes: z.number().finite().nonnegative().max(60 * 24 * 365),
});
export type ExitRules = z.infer<typeof exitRulesSchema>;
const noExits: ExitRules = { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 };
/**
 * Paper's exits, so the simulator shows positions closing within two minutes: out at +50 %,
 * at −15 %, 20 % below the best price since the buy, or after 2 minutes whatever the price.
 * Live starts with none: a live sell moves real money on prices read from the feed, so each
 * module's exits are the trader's own choice (sell by hand is always there).
 */
export const paperExits: ExitRules = { takeProfitPct: 50, stopLossPct: 15, trailingStopPct: 20, maxHoldMinutes: 2 };

export const moduleSettingsSchema = z.object({
  enabled: z.boolean(),
  /** SOL spent per buy. */
  solAmount: z.number().finite().positive().max(1_000),
  /** SOL this module may spend in any rolling 24 hours (0 = no cap). */
  dailyBudgetSol: sol,
  /** When true every signal of this module waits for the trader's approval. */
  requireApproval: z.boolean(),
  /** Module-specific filter settings; each module parses its own with its own schema. */
  filters: z.record(z.string(), z.unknown()).default({}),
  /** When this module's positions are sold; paper and live alike. */
  exits: exitRulesSchema.default(noExits),
});
export type ModuleSettings = z.infer<typeof moduleSettingsSchema>;

/**
 * A change to a module: only the keys it names. Built without the defaults on purpose: zod
 * applies a default inside `.partial()`, so `moduleSettingsSchema.partial()` turned a patch
 * of `{enabled: false}` into one that also set `filters: {}` and every exit rule to 0.
 */
export const moduleSettingsPatchSchema = moduleSettingsSchema.extend({ filters: z.record(z.string(), z.unknown()), exits: exitRulesSchema }).partial();

export const limitsSchema = z.object({
  maxSolPerBuy: z.number().finite().positive().max(1_000),
  /** SOL all modules together may spend in any rolling 24 hours (0 = no cap). */
  dailySpendCapSol: sol,
  maxConcurrentBuys: z.number().int().positive().max(1_000),
  /** SOL all modules together may spend in any rolling hour (0 = no cap). */
  maxSolPerHour: sol.default(0),
  /** Positions open at once; a buy that would open one more is refused (0 = no cap). */
  maxOpenPositions: z.number().int().nonnegative().max(100_000).default(0),
  /** Live: SOL the wallet never goes below; a buy whose maximum cost would cross it is refused. */
  solReserveSol: sol.default(0),
});
export type Limits = z.infer<typeof limitsSchema>;

/**
 * A change to the limits: only the keys it names. Without the defaults, for the reason above:
 * `limitsSchema.partial()` set the hourly cap, max open positions and the wallet reserve to 0
 * whenever a change left them out.
 */
export const limitsPatchSchema = limitsSchema
  .extend({ maxSolPerHour: sol, maxOpenPositions: z.number().int().nonnegative().max(100_000), solReserveSol: sol })
  .partial();

/**
 * How live transactions are built. Slippage is a percent in 0.1 steps (the pump.fun SDK's
 * unit); a buy may spend up to amount × (1 + slippage), and that maximum is what the limits
 * reserve. The priority fee is fixed, or the recent fees' percentile capped by `capMicroLamports`.
 */
export const executionSchema = z.object({
  // The pump.fun SDK keeps floor(pct × 10) tenths: 2.55 would trade at 2.5, so it is refused here, not rounded there.
  slippagePct: z.number().finite().min(0).max(100).multipleOf(0.1, 'slippage is set in 0.1% steps'),
  priorityFee: z.object({
    mode: z.enum(['fixed', 'dynamic']),
    microLamports: z.number().int().nonnegative().max(50_000_000),
    capMicroLamports: z.number().int().nonnegative().max(50_000_000),
  }),
  computeUnitLimit: z.number().int().min(10_000).max(1_400_000),
});
export type Execution = z.infer<typeof executionSchema>;
export const defaultExecution: Execution = {
  slippagePct: 10,
  priorityFee: { mode: 'dynamic', microLamports: 100_000, capMicroLamports: 2_000_000 },
  computeUnitLimit: 200_000,
};

export const settingsSchema = z.object({
  /**
   * Counts every change of the settings, in any instance on the data dir. A change sent with
   * the revision it was made against is refused when another change came first.
   */
  revision: z.number().int().nonnegative(),
  killSwitch: z.boolean(),
  limits: limitsSchema,
  /** Mints and creators that are never bought. */
  blocklist: z.array(addressSchema).max(10_000),
  modules: z.record(moduleIdSchema, moduleSettingsSchema),
  execution: executionSchema.default(defaultExecution),
});
export type Settings = z.infer<typeof settingsSchema>;

export type TradingMode = 'paper' | 'live';

const defaultModule = (enabled: boolean, solAmount: number, dailyBudgetSol: number): ModuleSettings => ({
  enabled,
  solAmount,
  dailyBudgetSol,
  requireApproval: false,
  filters: {},
  exits: { ...noExits },
});

/**
 * What a data dir starts with. Live (real money, and the fallback when the mode is not
 * known): the sniper alone, 0.1 SOL a buy, 5 SOL a module and 20 SOL in all per 24 hours.
 * Paper: every module on so the first minute shows what each does, small amounts, and caps
 * that last hours at the simulator's default pace: the sniper buys at most once per launch,
 * and 600 SOL at 0.05 SOL is 12 000 buys, over three hours of launches at 1 per second.
 * Exits: `paperExits` on paper, none on live.
 */
export function defaultSettings(mode: TradingMode = 'live'): Settings {
  const paper = mode === 'paper';
  const modules = Object.fromEntries(
    moduleIds.map((id) => {
      if (!paper) return [id, defaultModule(id === 'sniper', 0.1, 5)];
      const module = id === 'sniper' ? defaultModule(true, 0.05, 600) : defaultModule(true, 0.1, 50);
      return [id, { ...module, exits: { ...paperExits } }];
    }),
  ) as Record<ModuleId, ModuleSettings>;
  return {
    revision: 0,
    killSwitch: false,
    limits: {
      maxSolPerBuy: 1,
      dailySpendCapSol: paper ? 750 : 20,
      maxConcurrentBuys: 8,
      maxSolPerHour: paper ? 0 : 5,
      maxOpenPositions: paper ? 0 : 20,
      solReserveSol: paper ? 0 : 0.05,
    },
    blocklist: [],
    modules,
    execution: { ...defaultExecution, priorityFee: { ...defaultExecution.priorityFee } },
  };
}
