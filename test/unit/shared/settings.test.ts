import { describe, expect, it } from 'vitest';
import { defaultSimFeed } from '../../../electron/core/runtime/run-options.js';
import { moduleIds } from '../../../shared/domain.js';
import { defaultExecution, defaultSettings, executionSchema, settingsSchema } from '../../../shared/settings.js';
import { commands } from '../../../shared/contract.js';

/** Launches per second of the simulator when `--sim-rate` is not given. */
const defaultSimRate = defaultSimFeed().launchesPerSecond;

describe('defaultSettings', () => {
  it('live (and no mode): the sniper alone, small amounts, tight caps', () => {
    const live = defaultSettings('live');
    expect(defaultSettings()).toEqual(live);
    expect(settingsSchema.parse(live)).toEqual(live);
    expect(moduleIds.filter((id) => live.modules[id].enabled)).toEqual(['sniper']);
    for (const id of moduleIds) {
      expect(live.modules[id].solAmount).toBeLessThanOrEqual(0.1);
      expect(live.modules[id].dailyBudgetSol).toBeLessThanOrEqual(5);
    }
    expect(live.limits).toEqual({ maxSolPerBuy: 1, dailySpendCapSol: 20, maxConcurrentBuys: 8, maxSolPerHour: 5, maxOpenPositions: 20, solReserveSol: 0.05 });
    expect(live.killSwitch).toBe(false);
  });

  it('paper: every module on, at most 0.1 SOL a buy, no approval needed', () => {
    const paper = defaultSettings('paper');
    expect(settingsSchema.parse(paper)).toEqual(paper);
    for (const id of moduleIds) {
      expect(paper.modules[id].enabled, id).toBe(true);
      expect(paper.modules[id].solAmount, id).toBeLessThanOrEqual(0.1);
      expect(paper.modules[id].requireApproval, id).toBe(false);
      expect(paper.modules[id].solAmount).toBeLessThanOrEqual(paper.limits.maxSolPerBuy);
    }
  });

  it('paper: the sniper budget and the overall cap outlast three hours of launches at the default pace', () => {
    const paper = defaultSettings('paper');
    // The sniper buys each launch at most once, so this is an upper bound on its spend.
    const launchesIn3h = 3 * 3_600 * defaultSimRate;
    const sniper = paper.modules.sniper;
    expect(sniper.dailyBudgetSol / sniper.solAmount).toBeGreaterThanOrEqual(launchesIn3h);
    // The overall cap is never what stops a module before its own budget does.
    const budgets = moduleIds.reduce((sum, id) => sum + paper.modules[id].dailyBudgetSol, 0);
    expect(paper.limits.dailySpendCapSol).toBeGreaterThanOrEqual(budgets);
  });
});

describe('executionSchema', () => {
  it('slippage in 0.1% steps (the pump.fun SDK keeps whole tenths): 2.5 and 0.3 pass, 2.55 is refused, not rounded', () => {
    for (const slippagePct of [0, 0.1, 0.3, 0.7, 2.5, 10, 99.9, 100]) {
      expect(executionSchema.safeParse({ ...defaultExecution, slippagePct }).success).toBe(true);
    }
    const refused = executionSchema.safeParse({ ...defaultExecution, slippagePct: 2.55 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('slippage is set in 0.1% steps');
  });
});

describe('module and limits patches (module.update, limits.update)', () => {
  it('name only what they change: a key left out keeps its value instead of taking its default', () => {
    const moduleInput = commands['module.update'].input.parse({ module: 'sniper', patch: { enabled: false } });
    expect(moduleInput.patch).toEqual({ enabled: false });
    const limitsInput = commands['limits.update'].input.parse({ maxSolPerBuy: 2 });
    expect(limitsInput).toEqual({ maxSolPerBuy: 2 });
  });

  it('still check what they name', () => {
    expect(commands['module.update'].input.safeParse({ module: 'sniper', patch: { exits: { takeProfitPct: 10, stopLossPct: 150, trailingStopPct: 0, maxHoldMinutes: 0 } } }).success).toBe(false);
    expect(commands['limits.update'].input.safeParse({ solReserveSol: -1 }).success).toBe(false);
    expect(commands['limits.update'].input.safeParse({ maxOpenPositions: 1.5 }).success).toBe(false);
    expect(commands['module.update'].input.safeParse({ module: 'sniper', patch: { exits: { takeProfitPct: 10 } } }).success).toBe(false);
  });
});
