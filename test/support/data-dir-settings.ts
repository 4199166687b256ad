import fs from 'node:fs';
import path from 'node:path';
import { defaultSettings, type ExitRules, type Limits } from '../../shared/settings.js';
import { moduleIds } from '../../shared/domain.js';

/**
 * A data dir prepared before its first instance starts, as a trader would have set it up:
 * limits and every module's SOL per buy and daily budget (0 = no budget). The multi-process
 * tests race on mints, not on budgets, unless they say otherwise.
 */
export function prepareSettings(
  dataDir: string,
  options: { limits?: Partial<Limits>; solAmount?: number; moduleBudgetSol?: number; exits?: ExitRules } = {},
): void {
  const settings = defaultSettings();
  settings.limits = { ...settings.limits, dailySpendCapSol: 0, maxConcurrentBuys: 64, ...options.limits };
  for (const id of moduleIds) {
    settings.modules[id] = {
      ...settings.modules[id],
      enabled: true,
      solAmount: options.solAmount ?? 0.1,
      dailyBudgetSol: options.moduleBudgetSol ?? 0,
      ...(options.exits ? { exits: { ...options.exits } } : {}),
    };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(settings, null, 2));
}
