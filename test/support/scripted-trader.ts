import type {
  BuyOrder,
  BuyResult,
  ReconcileQuery,
  ReconcileResult,
  SellOrder,
  SellReconcileQuery,
  SellReconcileResult,
  SellResult,
  SendGate,
  Trader,
} from '../../electron/core/traders/trader.js';

/** A trader whose every answer the test decides: per-mint outcomes and gates that hold a buy or a sell open. */
export class ScriptedTrader implements Trader {
  readonly mode = 'paper' as const;
  readonly orders: BuyOrder[] = [];
  readonly sellOrders: SellOrder[] = [];
  /** Sell reconcile questions, in the order asked. */
  readonly sellQueries: SellReconcileQuery[] = [];
  private readonly outcomes = new Map<string, BuyResult[]>();
  private readonly sellOutcomes = new Map<string, SellResult[]>();
  private readonly gates = new Map<string, Promise<void>>();
  private readonly openGates = new Map<string, () => void>();
  readonly reconcileAnswers = new Map<string, ReconcileResult>();
  /** What reconcileSell answers, by mint (default: still unknown). */
  readonly sellReconcileAnswers = new Map<string, SellReconcileResult>();
  /** SOL a sell gets per token when no outcome is queued. */
  sellPriceSol = 0.0002;

  /** Queue the results of the next buys of `mint` (default: success). */
  willReturn(mint: string, ...results: BuyResult[]): this {
    this.outcomes.set(mint, [...(this.outcomes.get(mint) ?? []), ...results]);
    return this;
  }

  /** Queue the results of the next sells of `mint` (default: every token sold at `sellPriceSol`). */
  willSell(mint: string, ...results: SellResult[]): this {
    this.sellOutcomes.set(mint, [...(this.sellOutcomes.get(mint) ?? []), ...results]);
    return this;
  }

  /** Buys and sells of `mint` wait until `open(mint)` is called. */
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

  sellsOf(mint: string): SellOrder[] {
    return this.sellOrders.filter((o) => o.mint === mint);
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

  /** Goes through the gate like a real trader (a refused fence is not sent), then answers as scripted. */
  async sell(order: SellOrder, gate?: SendGate): Promise<SellResult> {
    if (gate && !(await gate({ signature: `sig-${order.sellId}`, blockhash: 'scripted', lastValidBlockHeight: 0 }))) {
      return { kind: 'not-sent', error: 'the gate refused the fence' };
    }
    this.sellOrders.push(order);
    const held = this.gates.get(order.mint);
    if (held) await held;
    const next = this.sellOutcomes.get(order.mint)?.shift();
    return next ?? { kind: 'success', signature: `sig-${order.sellId}`, solReceived: order.tokens * this.sellPriceSol, tokensSold: order.tokens };
  }

  async reconcileSell(query: SellReconcileQuery): Promise<SellReconcileResult> {
    this.sellQueries.push(query);
    return this.sellReconcileAnswers.get(query.mint) ?? { kind: 'still-unknown', detail: 'no answer scripted' };
  }
}
