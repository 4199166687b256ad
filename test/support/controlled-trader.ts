import type { BuyOrder, BuyResult, ReconcileQuery, ReconcileResult, SellResult, SellReconcileResult, Trader } from '../../electron/core/traders/trader.js';

export type HeldOutcome = 'success' | 'failure' | 'unknown';
export type ReconcileAnswer = 'landed' | 'not-landed' | 'still-unknown';

export interface OpenBuy {
  order: BuyOrder;
  trader: ControlledTrader;
}

/**
 * The "chain" as every trader on one data dir sees it. It checks the exactly-once rules at
 * the only place that matters — the moment a trader is asked to buy — and records any breach
 * instead of throwing, so the engine under test carries on and the property reports it.
 */
export class ChainWitness {
  /** Buys that reached a trader and are held open, in the order they arrived. */
  readonly open: OpenBuy[] = [];
  /** mint -> attemptId of a buy whose outcome is unknown and not reconciled yet. */
  readonly unresolved = new Map<string, string>();
  /** mint -> attemptId of the buy that landed (success, or reconciled as landed). */
  readonly landed = new Map<string, string>();
  readonly violations: string[] = [];

  /** An engine reported the reconcile of a mint's unknown buy. */
  resolved(mint: string, attemptId: string, landed: boolean): void {
    if (this.unresolved.get(mint) !== attemptId) this.violations.push(`reconcile of ${mint}/${attemptId}, which is not the unresolved buy`);
    this.unresolved.delete(mint);
    if (landed) this.landed.set(mint, attemptId);
  }

  checkBuy(order: BuyOrder): void {
    const { mint } = order;
    if (this.open.some((o) => o.order.mint === mint)) this.violations.push(`${order.attemptId}: a second buy of ${mint} while one is in flight`);
    if (this.unresolved.has(mint)) this.violations.push(`${order.attemptId}: a buy of ${mint} while its unknown buy is unresolved`);
    if (this.landed.has(mint)) this.violations.push(`${order.attemptId}: a buy of ${mint}, which is already bought`);
  }
}

/** A trader that holds every buy open until the test settles it with a chosen outcome. */
export class ControlledTrader implements Trader {
  readonly mode = 'paper' as const;
  /** What reconcile answers, by mint; unset means still unknown. */
  readonly answers = new Map<string, ReconcileAnswer>();
  readonly orders: BuyOrder[] = [];
  private readonly settlers = new Map<string, (outcome: HeldOutcome) => void>();

  constructor(readonly witness: ChainWitness) {}

  buy(order: BuyOrder): Promise<BuyResult> {
    this.witness.checkBuy(order);
    this.orders.push(order);
    return new Promise((resolve) => {
      const entry: OpenBuy = { order, trader: this };
      this.witness.open.push(entry);
      this.settlers.set(order.attemptId, (outcome) => {
        this.witness.open.splice(this.witness.open.indexOf(entry), 1);
        resolve(this.resultOf(order, outcome));
      });
    });
  }

  /** Ends an open buy; the result reaches the coordinator on the next microtask. */
  settle(attemptId: string, outcome: HeldOutcome): void {
    const settle = this.settlers.get(attemptId);
    if (!settle) throw new Error(`no open buy ${attemptId}`);
    this.settlers.delete(attemptId);
    settle(outcome);
  }

  async reconcile(query: ReconcileQuery): Promise<ReconcileResult> {
    const answer = this.answers.get(query.mint) ?? 'still-unknown';
    switch (answer) {
      case 'landed':
        return { kind: 'landed', signature: `sig-${query.attemptId}`, solSpent: query.solAmount, tokens: 1 };
      case 'not-landed':
        return { kind: 'not-landed', detail: 'scripted: not landed' };
      case 'still-unknown':
        return { kind: 'still-unknown', detail: 'scripted: cannot tell yet' };
      default: {
        const never: never = answer;
        throw new Error(`unhandled answer ${String(never)}`);
      }
    }
  }

  /** The interleaving tests are about buys: a sell is refused, plainly, and never sent. */
  async sell(): Promise<SellResult> {
    return { kind: 'failure', error: 'this test trader does not sell' };
  }

  async reconcileSell(): Promise<SellReconcileResult> {
    return { kind: 'not-landed', detail: 'this test trader never sends a sell' };
  }

  private resultOf(order: BuyOrder, outcome: HeldOutcome): BuyResult {
    const { mint, attemptId } = order;
    switch (outcome) {
      case 'success':
        this.witness.landed.set(mint, attemptId);
        return { kind: 'success', signature: `sig-${attemptId}`, solSpent: order.solAmount, tokens: 1 };
      case 'failure':
        return { kind: 'failure', error: 'scripted failure' };
      case 'unknown':
        this.witness.unresolved.set(mint, attemptId);
        return { kind: 'unknown', error: 'scripted timeout', signature: `sig-${attemptId}` };
      default: {
        const never: never = outcome;
        throw new Error(`unhandled outcome ${String(never)}`);
      }
    }
  }
}
