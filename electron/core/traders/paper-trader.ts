import bs58 from 'bs58';
import { systemClock, type Clock } from '../time/clock.js';
import { Rng } from '../time/rng.js';
import type { PaperLedger } from './paper-ledger.js';
import type { BuyOrder, BuyResult, ReconcileQuery, ReconcileResult, Trader } from './trader.js';

export interface PaperTraderOptions {
  ledger: PaperLedger;
  instanceId: string;
  /** Seed of the injected faults, so a failing run can be replayed. */
  faultSeed?: number;
  latencyMs?: { min: number; max: number };
  /** Share of buys that fail definitely (nothing lands). */
  failRate?: number;
  /** Share of buys that time out: the outcome is unknown to the caller. */
  unknownRate?: number;
  /** Of the unknown buys, the share that did land behind the timeout. */
  unknownLandedRate?: number;
  /** Tokens received for `solAmount` at the current price; undefined = no market for the mint. */
  quote?: (mint: string, solAmount: number) => number | undefined;
  clock?: Clock;
}

/** pump.fun's initial virtual reserves, for mints the price source does not know. */
const VIRTUAL_SOL = 30;
const VIRTUAL_TOKENS = 1_073_000_000;

function defaultQuote(_mint: string, solAmount: number): number {
  return (VIRTUAL_TOKENS * solAmount * 0.99) / (VIRTUAL_SOL + solAmount * 0.99);
}

/**
 * Fills against the simulator's (or the live feed's) bonding curve without touching a
 * chain. Latency, failures and timeouts are drawn from a seeded RNG so every path of the
 * coordinator can be driven, and fills go to the ledger before the answer, like a chain.
 */
export class PaperTrader implements Trader {
  readonly mode = 'paper' as const;
  private readonly rng: Rng;
  private readonly clock: Clock;

  constructor(private readonly options: PaperTraderOptions) {
    this.rng = new Rng(options.faultSeed ?? 1);
    this.clock = options.clock ?? systemClock;
  }

  async buy(order: BuyOrder): Promise<BuyResult> {
    // Draw every random number up front so the sequence does not depend on timing.
    const latency = this.rng.between(this.options.latencyMs?.min ?? 0, this.options.latencyMs?.max ?? 0);
    const roll = this.rng.next();
    const landsAnyway = this.rng.chance(this.options.unknownLandedRate ?? 0.5);
    const signature = `paper-${bs58.encode(this.rng.bytes(48))}`;
    await new Promise<void>((resolve) => this.clock.setTimeout(resolve, latency));

    const failRate = this.options.failRate ?? 0;
    const unknownRate = this.options.unknownRate ?? 0;
    if (roll < failRate) return { kind: 'failure', error: 'simulated failure: transaction rejected', signature };
    const tokens = (this.options.quote ?? defaultQuote)(order.mint, order.solAmount);
    if (tokens === undefined || !(tokens > 0)) return { kind: 'failure', error: 'no market for this mint' };
    if (roll < failRate + unknownRate) {
      if (landsAnyway) this.fill(order, signature, tokens);
      return { kind: 'unknown', error: 'simulated timeout waiting for confirmation', signature };
    }
    this.fill(order, signature, tokens);
    return { kind: 'success', signature, solSpent: order.solAmount, tokens };
  }

  async reconcile(query: ReconcileQuery): Promise<ReconcileResult> {
    const fill = this.options.ledger.findFill(query.attemptId);
    if (fill) return { kind: 'landed', signature: fill.signature, solSpent: fill.solSpent, tokens: fill.tokens };
    // A paper buy that is not in the ledger by now never will be: nothing is pending.
    return { kind: 'not-landed', detail: 'no fill in the paper ledger' };
  }

  private fill(order: BuyOrder, signature: string, tokens: number): void {
    this.options.ledger.append({
      attemptId: order.attemptId,
      mint: order.mint,
      signature,
      solSpent: order.solAmount,
      tokens,
      at: this.clock.now(),
      instanceId: this.options.instanceId,
    });
  }
}
