import type { BuyOrder, BuyResult, ReconcileQuery, ReconcileResult, Trader } from '../../electron/core/traders/trader.js';

/** A trader whose every answer the test decides: per-mint outcomes and gates that hold a buy open. */
export class ScriptedTrader implements Trader {
  readonly mode = 'paper' as const;
  readonly orders: BuyOrder[] = [];
  private readonly outcomes = new Map<string, BuyResult[]>();
  private readonly gates = new Map<string, Promise<void>>();
  private readonly openGates = new Map<string, () => void>();
  readonly reconcileAnswers = new Map<string, ReconcileResult>();

  /** Queue the results of the next buys of `mint` (default: success). */
  willReturn(mint: string, ...results: BuyResult[]): this {
    this.outcomes.set(mint, [...(this.outcomes.get(mint) ?? []), ...results]);
    return this;
  }

  /** Buys of `mint` wait until `open(mint)` is called. */
  hold(mint: string): this {
    this.gates.set(mint, new Promise((resolve) => this.openGates.set(mint, resolve)));
    return this;
  }

  open(mint: string): void {
    this.openGates.get(mint)?.();
    this.gates.delete(mint);
  }

  buysOf(mint: string): number {
    return this.orders.filter((o) => o.mint === mint).length;
  }

  async buy(order: BuyOrder): Promise<BuyResult> {
    this.orders.push(order);
    const gate = this.gates.get(order.mint);
    if (gate) await gate;
    const next = this.outcomes.get(order.mint)?.shift();
    return next ?? { kind: 'success', signature: `sig-${order.attemptId}`, solSpent: order.solAmount, tokens: 1_000 };
  }

  async reconcile(query: ReconcileQuery): Promise<ReconcileResult> {
    return this.reconcileAnswers.get(query.mint) ?? { kind: 'still-unknown', detail: 'no answer scripted' };
  }
}
