import crypto from 'node:crypto';
import bs58 from 'bs58';
import { systemClock, type Clock } from '../time/clock.js';
import { Rng } from '../time/rng.js';
import { PAPER_BLOCK_MS, PAPER_BLOCKHASH_VALID_BLOCKS, type PaperFill, type PaperLedger, type Settlement } from './paper-ledger.js';
import type {
  BuyOrder,
  BuyResult,
  Fence,
  ReconcileQuery,
  ReconcileResult,
  SellOrder,
  SellReconcileQuery,
  SellReconcileResult,
  SellResult,
  SendGate,
  Trader,
} from './trader.js';

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
  /** How long a signed transaction can land (default: 150 blocks of 400 ms, a Solana blockhash's minute). */
  validForMs?: number;
  /** Tokens received for `solAmount` at the current price; undefined = no market for the mint. */
  quote?: (mint: string, solAmount: number) => number | undefined;
  /** SOL received (fees deducted) for selling `tokens` at the current price, from the same source as `quote`; undefined = no market. */
  quoteSell?: (mint: string, tokens: number) => number | undefined;
  clock?: Clock;
}

/** pump.fun's initial virtual reserves, for mints the price source does not know. */
const VIRTUAL_SOL = 30;
const VIRTUAL_TOKENS = 1_073_000_000;

function defaultQuote(_mint: string, solAmount: number): number {
  return (VIRTUAL_TOKENS * solAmount * 0.99) / (VIRTUAL_SOL + solAmount * 0.99);
}

function defaultQuoteSell(_mint: string, tokens: number): number {
  return ((VIRTUAL_SOL * tokens) / (VIRTUAL_TOKENS + tokens)) * 0.99;
}

/**
 * Fills against the simulator's (or the live feed's) bonding curve on the paper chain.
 * Latency, failures and timeouts are drawn from a seeded RNG so every path of the
 * coordinator can be driven. It behaves as the live trader will: it "signs" a transaction
 * with a recent blockhash and a last valid block height, hands that fence to the gate
 * (which records it in the ledger while the intent is still ours) and sends only if the
 * gate agrees; the paper chain refuses a transaction that arrives past its expiry.
 */
export class PaperTrader implements Trader {
  readonly mode = 'paper' as const;
  readonly fencesBeforeSend = true;
  private readonly rng: Rng;
  /** Sells draw from a stream of their own, so a run's buys replay the same with or without sells. */
  private readonly sellRng: Rng;
  private readonly clock: Clock;

  constructor(private readonly options: PaperTraderOptions) {
    this.rng = new Rng(options.faultSeed ?? 1);
    this.sellRng = new Rng(options.faultSeed ?? 1).fork('sells');
    this.clock = options.clock ?? systemClock;
  }

  async buy(order: BuyOrder, gate?: SendGate): Promise<BuyResult> {
    // Draw every random number up front so the sequence does not depend on timing.
    const latency = this.rng.between(this.options.latencyMs?.min ?? 0, this.options.latencyMs?.max ?? 0);
    const roll = this.rng.next();
    const landsAnyway = this.rng.chance(this.options.unknownLandedRate ?? 0.5);
    // Seeded bytes for replayable runs, hashed with the attempt id (which names the instance)
    // so two instances with the same fault seed never sign the same "transaction".
    const signature = `paper-${bs58.encode(crypto.createHash('sha512').update(this.rng.bytes(48)).update(order.attemptId).digest().subarray(0, 48))}`;
    const tokens = (this.options.quote ?? defaultQuote)(order.mint, order.solAmount);
    if (tokens === undefined || !(tokens > 0)) return { kind: 'failure', error: 'no market for this mint' };

    const fence = this.sign({ id: order.attemptId, mint: order.mint, amount: { solAmount: order.solAmount } }, signature);
    if (gate && !(await gate(fence))) {
      return { kind: 'not-sent', error: 'not sent: another instance took this buy over before it was sent' };
    }
    await new Promise<void>((resolve) => this.clock.setTimeout(resolve, latency));

    const failRate = this.options.failRate ?? 0;
    const unknownRate = this.options.unknownRate ?? 0;
    if (roll < failRate) return { kind: 'failure', error: 'simulated failure: transaction rejected', signature };
    if (roll < failRate + unknownRate) {
      if (landsAnyway) this.land(order, fence, tokens);
      return { kind: 'unknown', error: 'simulated timeout waiting for confirmation', signature };
    }
    if (!this.land(order, fence, tokens)) {
      // Sent too late (the process was frozen past the blockhash's validity): the chain refused it.
      return { kind: 'failure', error: `block height exceeded: the transaction expired at block ${fence.lastValidBlockHeight}`, signature };
    }
    return { kind: 'success', signature, solSpent: order.solAmount, tokens };
  }

  /**
   * With a fence: landed, or not landed only once the chain is past its last valid block
   * height (and the paper chain has recorded it expired, so it can never land later);
   * before that, still unknown. Without one (a buy from before fences): its fill or nothing.
   */
  async reconcile(query: ReconcileQuery): Promise<ReconcileResult> {
    const { ledger } = this.options;
    if (!query.fence) {
      const fill = ledger.findFill(query.attemptId);
      if (fill) return { kind: 'landed', signature: fill.signature, solSpent: fill.solSpent, tokens: fill.tokens };
      return { kind: 'not-landed', detail: 'no fill on the paper chain' };
    }
    const settled = ledger.settle(query.attemptId, query.fence.signature, query.fence.lastValidBlockHeight);
    return verdictOf(settled, query.fence.lastValidBlockHeight, (fill) => ({ kind: 'landed', signature: fill.signature, solSpent: fill.solSpent, tokens: fill.tokens }));
  }

  /**
   * Sells on the paper chain against the same price source as the buys, with the same
   * discipline (fence through the gate before the send, expiry) and the same injected
   * faults: a share fails, a share times out (and of those, a share landed anyway).
   */
  async sell(order: SellOrder, gate?: SendGate): Promise<SellResult> {
    const rng = this.sellRng;
    const latency = rng.between(this.options.latencyMs?.min ?? 0, this.options.latencyMs?.max ?? 0);
    const roll = rng.next();
    const landsAnyway = rng.chance(this.options.unknownLandedRate ?? 0.5);
    const signature = `paper-sell-${bs58.encode(crypto.createHash('sha512').update(rng.bytes(48)).update(order.sellId).digest().subarray(0, 48))}`;
    if (!(order.tokens > 0)) return { kind: 'failure', error: 'nothing to sell' };
    const solReceived = (this.options.quoteSell ?? defaultQuoteSell)(order.mint, order.tokens);
    if (solReceived === undefined || !(solReceived > 0)) return { kind: 'failure', error: 'no market to sell this mint into' };

    const fence = this.sign({ id: order.sellId, mint: order.mint, amount: { tokens: order.tokens } }, signature);
    if (gate && !(await gate(fence))) {
      return { kind: 'not-sent', error: 'not sent: another instance took this sell over before it was sent' };
    }
    await new Promise<void>((resolve) => this.clock.setTimeout(resolve, latency));

    const fill = { attemptId: order.sellId, mint: order.mint, signature, solSpent: solReceived, tokens: order.tokens, at: this.clock.now() };
    const failRate = this.options.failRate ?? 0;
    const unknownRate = this.options.unknownRate ?? 0;
    if (roll < failRate) return { kind: 'failure', error: 'simulated failure: sell rejected', signature };
    if (roll < failRate + unknownRate) {
      if (landsAnyway) this.options.ledger.land(fill, fence.lastValidBlockHeight, 'sell');
      return { kind: 'unknown', error: 'simulated timeout waiting for the sell to confirm', signature };
    }
    if (!this.options.ledger.land(fill, fence.lastValidBlockHeight, 'sell')) {
      return { kind: 'failure', error: `block height exceeded: the sell expired at block ${fence.lastValidBlockHeight}`, signature };
    }
    return { kind: 'success', signature, solReceived, tokensSold: order.tokens };
  }

  /** As `reconcile`, on the paper chain's sells. */
  async reconcileSell(query: SellReconcileQuery): Promise<SellReconcileResult> {
    const { ledger } = this.options;
    if (!query.fence) {
      const fill = ledger.findFill(query.sellId, 'sell');
      if (fill) return { kind: 'landed', signature: fill.signature, solReceived: fill.solSpent, tokensSold: fill.tokens };
      return { kind: 'not-landed', detail: 'no sell on the paper chain' };
    }
    const settled = ledger.settle(query.sellId, query.fence.signature, query.fence.lastValidBlockHeight, 'sell');
    return verdictOf(settled, query.fence.lastValidBlockHeight, (fill) => ({ kind: 'landed', signature: fill.signature, solReceived: fill.solSpent, tokensSold: fill.tokens }));
  }

  /** The paper transaction: what a signed Solana transaction fixes before it is sent. */
  private sign(order: { id: string; mint: string; amount: Record<string, number> }, signature: string): Fence {
    const height = this.options.ledger.height();
    const blockhash = `paper-bh-${height}`;
    const signedBytes = Buffer.from(JSON.stringify({ id: order.id, mint: order.mint, ...order.amount, blockhash, signature })).toString('base64');
    const validBlocks = this.options.validForMs !== undefined ? Math.ceil(this.options.validForMs / PAPER_BLOCK_MS) : PAPER_BLOCKHASH_VALID_BLOCKS;
    return { signature, signedBytes, blockhash, lastValidBlockHeight: height + validBlocks };
  }

  private land(order: BuyOrder, fence: Fence, tokens: number): boolean {
    return this.options.ledger.land(
      { attemptId: order.attemptId, mint: order.mint, signature: fence.signature, solSpent: order.solAmount, tokens, at: this.clock.now() },
      fence.lastValidBlockHeight,
    );
  }
}

/** What the paper chain says of a fenced buy or sell: landed (as the caller words it), expired, or still able to land. */
function verdictOf<Landed>(
  settled: Settlement,
  lastValidBlockHeight: number,
  landed: (fill: PaperFill) => Landed,
): Landed | { kind: 'not-landed'; detail: string } | { kind: 'still-unknown'; detail: string } {
  switch (settled.kind) {
    case 'landed':
      return landed(settled.fill);
    case 'expired':
      return { kind: 'not-landed', detail: `expired: the paper chain is at block ${settled.height}, past its last valid block ${lastValidBlockHeight}` };
    case 'pending':
      return { kind: 'still-unknown', detail: `not landed yet; it can land until block ${lastValidBlockHeight} (now ${settled.height})` };
    default: {
      const never: never = settled;
      throw new Error(`unhandled settlement ${JSON.stringify(never)}`);
    }
  }
}
