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
  killSwitch: z.boolean(),
  limits: limitsSchema,
  /** Mints and creators that are never bought. */
  blocklist: z.array(addressSchema).max(10_000),
  modules: z.record(moduleIdSchema, moduleSettingsSchema),
});
export type Settings = z.infer<typeof settingsSchema>;

const defaultModule = (enabled: boolean, solAmount: number): ModuleSettings => ({
  enabled,
  solAmount,
  dailyBudgetSol: 5,
  requireApproval: false,
  filters: {},
});

export function defaultSettings(): Settings {
  const modules = Object.fromEntries(moduleIds.map((id) => [id, defaultModule(id === 'sniper', 0.1)])) as Record<
    ModuleId,
    ModuleSettings
  >;
  return {
    killSwitch: false,
    limits: { maxSolPerBuy: 1, dailySpendCapSol: 20, maxConcurrentBuys: 8 },
    blocklist: [],
    modules,
  };
}
