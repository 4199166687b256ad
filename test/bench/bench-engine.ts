import { performance } from 'node:perf_hooks';
import { createEngine, type Engine } from '../../electron/core/engine.js';
import type { BuyOrder, BuyResult, ReconcileResult, SellOrder, SellReconcileResult, SellResult, Trader } from '../../electron/core/traders/trader.js';
import { moduleIds } from '../../shared/domain.js';

/** Fills at once and notes when each order reached it, so claim-to-trader time can be read. */
export class InstantTrader implements Trader {
  readonly mode = 'paper' as const;
  reachedAt = 0;
  async buy(order: BuyOrder): Promise<BuyResult> {
    this.reachedAt = performance.now();
    return { kind: 'success', signature: `bench-${order.attemptId}`, solSpent: order.solAmount, tokens: 1 };
  }
  async reconcile(): Promise<ReconcileResult> {
    return { kind: 'not-landed', detail: 'bench' };
  }
  async sell(order: SellOrder): Promise<SellResult> {
    return { kind: 'success', signature: `bench-${order.sellId}`, solReceived: 0, tokensSold: order.tokens };
  }
  async reconcileSell(): Promise<SellReconcileResult> {
    return { kind: 'not-landed', detail: 'bench' };
  }
}

/** A started engine on `dataDir` with no feed, every module on and no money limits in the way. */
export async function startBenchEngine(dataDir: string, trader: Trader): Promise<Engine> {
  const engine = createEngine({ dataDir, trader, reconcileIntervalMs: 3_600_000 });
  await engine.start();
  for (const module of moduleIds) await engine.port.handlers['module.update']({ module, patch: { enabled: true, dailyBudgetSol: 0 } });
  await engine.port.handlers['limits.update']({ maxSolPerBuy: 10, dailySpendCapSol: 0, maxConcurrentBuys: 1_000 });
  return engine;
}
