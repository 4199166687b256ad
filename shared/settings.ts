import { z } from 'zod';
import { addressSchema } from './mint.js';
import { moduleIdSchema, moduleIds, type ModuleId } from './domain.js';

const sol = z.number().finite().nonnegative().max(10_000);

/** What every module has; each module's own filters live beside it under `filters`. */
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
});
export type ModuleSettings = z.infer<typeof moduleSettingsSchema>;

export const limitsSchema = z.object({
  maxSolPerBuy: z.number().finite().positive().max(1_000),
  /** SOL all modules together may spend in any rolling 24 hours (0 = no cap). */
  dailySpendCapSol: sol,
  maxConcurrentBuys: z.number().int().positive().max(1_000),
});
export type Limits = z.infer<typeof limitsSchema>;

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
});
export type Settings = z.infer<typeof settingsSchema>;

export type TradingMode = 'paper' | 'live';

const defaultModule = (enabled: boolean, solAmount: number, dailyBudgetSol: number): ModuleSettings => ({
  enabled,
  solAmount,
  dailyBudgetSol,
  requireApproval: false,
  filters: {},
});

/**
 * What a data dir starts with. Live (real money, and the fallback when the mode is not
 * known): the sniper alone, 0.1 SOL a buy, 5 SOL a module and 20 SOL in all per 24 hours.
 * Paper: every module on so the first minute shows what each does, small amounts, and caps
 * that last hours at the simulator's default pace: the sniper buys at most once per launch,
 * and 600 SOL at 0.05 SOL is 12 000 buys, over three hours of launches at 1 per second.
 */
export function defaultSettings(mode: TradingMode = 'live'): Settings {
  const paper = mode === 'paper';
  const modules = Object.fromEntries(
    moduleIds.map((id) => {
      if (!paper) return [id, defaultModule(id === 'sniper', 0.1, 5)];
      return [id, id === 'sniper' ? defaultModule(true, 0.05, 600) : defaultModule(true, 0.1, 50)];
    }),
  ) as Record<ModuleId, ModuleSettings>;
  return {
    revision: 0,
    killSwitch: false,
    limits: { maxSolPerBuy: 1, dailySpendCapSol: paper ? 750 : 20, maxConcurrentBuys: 8 },
    blocklist: [],
    modules,
  };
}
