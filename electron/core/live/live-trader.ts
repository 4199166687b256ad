import { PublicKey, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import type { Execution } from '../../../shared/settings.js';
import type { Platform } from '../../../shared/domain.js';
import { systemClock, type Clock } from '../time/clock.js';
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
} from '../traders/trader.js';
import type { TransactionSigner } from '../wallet/signer.js';
import { walletChange } from './fill.js';
import { lamportsToSol, rawToTokens, solToLamports, tokensToRaw } from './lamports.js';
import { maxCostLamports, maxCostSol, tradeBoundLamports } from './max-cost.js';
import { computeUnitPrice } from './priority-fee.js';
import { describeTransactionError, type ProgramErrorNamer } from './rpc-errors.js';
import { sendAndConfirm, type ConfirmOutcome, type ConfirmRpc, type ConfirmStats, type ConfirmTiming, type SignatureWatch } from './send-and-confirm.js';
import type { LatestBlockhash, SolanaRpc } from './solana-rpc.js';
import { BlockhashCache } from './blockhash-cache.js';
import { batchedStatuses } from './status-batcher.js';
import type { TransactionReply } from './solana-rpc-schemas.js';
import { buildTransaction, programsByInstruction, writableAccounts } from './transaction-builder.js';
import type { TradePlan, Venue, VenueRouter } from './venue.js';

/** The RPC calls the live trader makes. */
export type LiveRpc = Pick<
  SolanaRpc,
  'sendTransaction' | 'getSignatureStatuses' | 'getBlockHeight' | 'getTransaction' | 'getLatestBlockhash' | 'getTokenAccountsByOwner' | 'getRecentPrioritizationFees'
>;

export interface LiveTraderOptions {
  rpc: LiveRpc;
  router: VenueRouter;
  signer: TransactionSigner;
  /** Read at every trade, so a change of the settings applies to the next one. */
  execution: () => Execution;
  clock?: Clock;
  confirm?: ConfirmTiming;
  /** Optional signature subscription that wakes the confirm loop early. */
  watch?: (signature: string) => SignatureWatch;
  /**
   * Names custom errors of programs this process has not traded through yet (a reconcile of a
   * dead instance's buy). Venues used by a buy or sell here are known already.
   */
  programErrors?: (programId: string, code: number) => string | undefined;
  /**
   * Where blockhashes come from: a BlockhashCache shared with the runtime (kept warm in the
   * background), or by default a cache of this trader's own that reads at most every 2 s.
   */
  blockhashes?: { get(): Promise<LatestBlockhash> };
  /** Told the figures of every confirmed trade (sends, status reads, RPC errors, time). */
  onConfirmed?: (stats: ConfirmStats & { signature: string; outcome: ConfirmOutcome['kind'] }) => void;
}

interface Signed {
  fence: Fence & { signedBytes: string };
  namer: ProgramErrorNamer;
}

type Fill = { signature: string; lamportsOut: bigint; tokensInRaw: bigint; decimals: number | undefined };

/** What the chain says of a fence, before it is turned into a buy's or a sell's answer. */
type FenceVerdict =
  | { kind: 'landed'; transaction: TransactionReply }
  | { kind: 'landed-with-error'; detail: string }
  | { kind: 'pending'; detail: string }
  | { kind: 'expired-no-status'; detail: string }
  | { kind: 'rpc-failed'; detail: string };

/**
 * Trades for real over any venue: plans with the venue, adds the compute budget, signs,
 * hands the fence (signature, signed bytes, blockhash, last valid block height) to the gate
 * — which records it in the ledger while the intent is still ours — and only then sends,
 * through send-and-confirm. The outcome is read from the chain: success with the fill from
 * the transaction's meta, failure only on evidence (preflight refusal, landed with an error,
 * expired with no status after a history search), unknown otherwise. Never rebuilt, never
 * re-signed once signed: a later reconcile re-sends the same bytes, nothing else.
 */
export class LiveTrader implements Trader {
  readonly mode = 'live' as const;
  readonly fencesBeforeSend = true;
  private readonly clock: Clock;
  /** Venues seen by this process, by program id, so a reconcile can name their errors. */
  private readonly venues = new Map<string, Venue>();
  private readonly blockhashes: { get(): Promise<LatestBlockhash> };
  /** What the confirm loops ask: status reads of all trades in the air batched, height reads shared. */
  private readonly confirmRpc: ConfirmRpc;

  constructor(private readonly options: LiveTraderOptions) {
    this.clock = options.clock ?? systemClock;
    this.blockhashes = options.blockhashes ?? new BlockhashCache(options.rpc, this.clock);
    const { rpc } = options;
    let height: Promise<number> | undefined;
    this.confirmRpc = {
      sendTransaction: (bytes, sendOptions) => rpc.sendTransaction(bytes, sendOptions),
      getSignatureStatuses: batchedStatuses((signatures, statusOptions) => rpc.getSignatureStatuses(signatures, statusOptions)),
      getBlockHeight: () =>
        (height ??= rpc.getBlockHeight().finally(() => {
          height = undefined;
        })),
      getTransaction: (signature) => rpc.getTransaction(signature),
    };
  }

  /** See max-cost.ts: amount × (1 + slippage) + fee and rent allowance, in SOL. */
  maxCostSol(solAmount: number): number {
    return maxCostSol(solAmount, this.options.execution());
  }

  async buy(order: BuyOrder, gate?: SendGate): Promise<BuyResult> {
    const mint = parseMint(order.mint);
    if (!mint) return { kind: 'failure', error: `not sent: ${order.mint} is not a mint address` };
    const execution = this.options.execution();
    // One reading of the settings for the whole trade, checked against what the claim reserved.
    const maxCost = maxCostLamports(order.solAmount, execution);
    if (order.maxCostLamports !== undefined && maxCost > order.maxCostLamports) {
      return {
        kind: 'failure',
        error: `not sent: the execution settings changed since the buy was claimed; it could now cost ${maxCost} lamports, more than the ${order.maxCostLamports} the limits reserved`,
      };
    }
    let signed: Signed;
    let decimals: number;
    try {
      const venue = await this.options.router.forBuy(order.platform, mint);
      const plan = await venue.planBuy({ mint, user: this.user, solLamports: solToLamports(order.solAmount), slippagePct: execution.slippagePct });
      // The limits reserved amount × (1 + slippage) for the trade: a plan that could take more is not signed.
      const bound = tradeBoundLamports(order.solAmount, execution);
      if (plan.maxSolCostLamports > bound) {
        return { kind: 'failure', error: `not sent: the ${venue.name} plan could spend ${plan.maxSolCostLamports} lamports, more than the ${bound} reserved for this buy` };
      }
      decimals = plan.decimals;
      signed = await this.sign(venue, plan, execution);
    } catch (error) {
      return { kind: 'failure', error: `not sent: the buy could not be prepared: ${messageOf(error)}` };
    }
    if (gate && !(await gate(signed.fence))) return { kind: 'not-sent', error: 'not sent: another instance took this buy over before it was sent' };
    const outcome = await this.confirm(signed);
    switch (outcome.kind) {
      case 'landed': {
        const fill = this.fillOf(outcome.transaction, signed.fence.signature, order.mint);
        return { kind: 'success', signature: fill.signature, solSpent: lamportsToSol(fill.lamportsOut), tokens: rawToTokens(fill.tokensInRaw, fill.decimals ?? decimals) };
      }
      case 'failed':
        return { kind: 'failure', error: outcome.reason, signature: signed.fence.signature };
      case 'unknown':
        return { kind: 'unknown', error: outcome.reason, signature: signed.fence.signature };
      default: {
        const never: never = outcome;
        throw new Error(`unhandled outcome ${JSON.stringify(never)}`);
      }
    }
  }

  async sell(order: SellOrder, gate?: SendGate): Promise<SellResult> {
    const mint = parseMint(order.mint);
    if (!mint) return { kind: 'failure', error: `not sent: ${order.mint} is not a mint address` };
    const execution = this.options.execution();
    let signed: Signed;
    let decimals: number;
    try {
      // The wallet's own accounts give the decimals and cap the amount: a whole-position sell
      // computed in floats may ask for a raw unit more than is held.
      const held = await this.options.rpc.getTokenAccountsByOwner(this.user.toBase58(), order.mint);
      const heldRaw = held.reduce((sum, account) => sum + account.amountRaw, 0n);
      if (heldRaw === 0n) return { kind: 'failure', error: 'not sent: the wallet holds none of this token' };
      decimals = held[0]!.decimals;
      const asked = tokensToRaw(order.tokens, decimals);
      const tokensRaw = asked < heldRaw ? asked : heldRaw;
      if (tokensRaw <= 0n) return { kind: 'failure', error: `not sent: ${order.tokens} tokens is less than one raw unit` };
      const venue = await this.options.router.forSell(order.platform, mint);
      const plan = await venue.planSell({ mint, user: this.user, tokensRaw, slippagePct: execution.slippagePct });
      signed = await this.sign(venue, plan, execution);
    } catch (error) {
      return { kind: 'failure', error: `not sent: the sell could not be prepared: ${messageOf(error)}` };
    }
    if (gate && !(await gate(signed.fence))) return { kind: 'not-sent', error: 'not sent: another instance took this sell over before it was sent' };
    const outcome = await this.confirm(signed);
    switch (outcome.kind) {
      case 'landed': {
        const fill = this.fillOf(outcome.transaction, signed.fence.signature, order.mint);
        return { kind: 'success', signature: fill.signature, solReceived: lamportsToSol(-fill.lamportsOut), tokensSold: rawToTokens(-fill.tokensInRaw, fill.decimals ?? decimals) };
      }
      case 'failed':
        return { kind: 'failure', error: outcome.reason, signature: signed.fence.signature };
      case 'unknown':
        return { kind: 'unknown', error: outcome.reason, signature: signed.fence.signature };
      default: {
        const never: never = outcome;
        throw new Error(`unhandled outcome ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * What became of a buy whose outcome is unknown, from its fence:
   * - a confirmed status (history searched) → its meta: err null = landed with the fill read
   *   from it; an error = not landed, the error named;
   * - no status and the chain still at or below lastValidBlockHeight → the same signed bytes
   *   are re-sent (never rebuilt) and the answer is still-unknown;
   * - no status and the chain past lastValidBlockHeight (read BEFORE the status, so nothing
   *   can land in between): the transaction can never land. The wallet's balance of the mint
   *   then decides, because a node that keeps no history answers "no status" for a buy that
   *   did land: tokens of the mint in the wallet → landed (the fill is the balance, the SOL
   *   is the order's amount: the exact cost is in a transaction the node cannot serve);
   *   none → not landed. Any RPC failure on the way → still-unknown.
   * The balance rule counts a buy as landed when the wallet held the mint before (a "buy
   * again"): the safe error, as it blocks the mint instead of buying it twice.
   */
  async reconcile(query: ReconcileQuery): Promise<ReconcileResult> {
    if (!query.fence) return { kind: 'not-landed', detail: 'never sent: no fence was recorded, and this trader records one before every send' };
    const verdict = await this.verdictOf(query.fence, query.platform, query.mint);
    switch (verdict.kind) {
      case 'landed': {
        const fill = this.fillOf(verdict.transaction, query.fence.signature, query.mint);
        return { kind: 'landed', signature: fill.signature, solSpent: lamportsToSol(fill.lamportsOut), tokens: rawToTokens(fill.tokensInRaw, fill.decimals ?? 0) };
      }
      case 'landed-with-error':
        return { kind: 'not-landed', detail: verdict.detail };
      case 'pending':
      case 'rpc-failed':
        return { kind: 'still-unknown', detail: verdict.detail };
      case 'expired-no-status': {
        let held: { raw: bigint; decimals: number };
        try {
          held = await this.holding(query.mint);
        } catch (error) {
          return { kind: 'still-unknown', detail: `${verdict.detail}; the wallet's balance of the token could not be read: ${messageOf(error)}` };
        }
        if (held.raw > 0n) return { kind: 'landed', signature: query.fence.signature, solSpent: query.solAmount, tokens: rawToTokens(held.raw, held.decimals) };
        return { kind: 'not-landed', detail: `${verdict.detail}, and the wallet holds none of the token` };
      }
      default: {
        const never: never = verdict;
        throw new Error(`unhandled verdict ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * The same reading for a sell. Expired with no status is not-landed on the node's history
   * search alone (a balance cannot tell a landed sell from a position sold elsewhere); with
   * a node that keeps no history, a landed sell would read not-landed, and the next sell of
   * the position is then planned against the wallet's real holding, which the venue checks.
   */
  async reconcileSell(query: SellReconcileQuery): Promise<SellReconcileResult> {
    if (!query.fence) return { kind: 'not-landed', detail: 'never sent: no fence was recorded, and this trader records one before every send' };
    const verdict = await this.verdictOf(query.fence, query.platform, query.mint, 'sell');
    switch (verdict.kind) {
      case 'landed': {
        const fill = this.fillOf(verdict.transaction, query.fence.signature, query.mint);
        return { kind: 'landed', signature: fill.signature, solReceived: lamportsToSol(-fill.lamportsOut), tokensSold: rawToTokens(-fill.tokensInRaw, fill.decimals ?? 0) };
      }
      case 'landed-with-error':
      case 'expired-no-status':
        return { kind: 'not-landed', detail: verdict.detail };
      case 'pending':
      case 'rpc-failed':
        return { kind: 'still-unknown', detail: verdict.detail };
      default: {
        const never: never = verdict;
        throw new Error(`unhandled verdict ${JSON.stringify(never)}`);
      }
    }
  }

  private get user(): PublicKey {
    return this.options.signer.publicKey;
  }

  /** Compute budget + the venue's instructions, a fresh blockhash, signed: the fence. */
  private async sign(venue: Venue, plan: TradePlan, execution: Execution): Promise<Signed> {
    this.venues.set(venue.programId.toBase58(), venue);
    const [latest, price] = await Promise.all([this.blockhashes.get(), this.unitPrice(execution, plan)]);
    const unsigned = buildTransaction({ payer: this.user, blockhash: latest.blockhash, computeUnitLimit: execution.computeUnitLimit, computeUnitPrice: price, instructions: plan.instructions });
    const signedTx = await this.options.signer.signTransaction(unsigned);
    const first = signedTx.signatures[0];
    if (!first || first.every((b) => b === 0)) throw new Error('the wallet returned the transaction unsigned');
    const signedBytes = Buffer.from(signedTx.serialize()).toString('base64');
    return {
      fence: { signature: bs58.encode(first), signedBytes, blockhash: latest.blockhash, lastValidBlockHeight: latest.lastValidBlockHeight },
      namer: this.namerFor(signedTx),
    };
  }

  private async unitPrice(execution: Execution, plan: TradePlan): Promise<bigint> {
    if (execution.priorityFee.mode === 'fixed') return computeUnitPrice(execution, undefined);
    let recent: number[] | undefined;
    try {
      recent = await this.options.rpc.getRecentPrioritizationFees(writableAccounts(plan.instructions, this.user));
    } catch {
      // The fixed value (capped) stands in: a fee read is not worth missing the trade.
      recent = undefined;
    }
    return computeUnitPrice(execution, recent);
  }

  private confirm(signed: Signed): Promise<ConfirmOutcome> {
    const { fence } = signed;
    return sendAndConfirm(
      { signature: fence.signature, signedBytes: fence.signedBytes, lastValidBlockHeight: fence.lastValidBlockHeight },
      { rpc: this.confirmRpc, clock: this.clock, namer: signed.namer, ...this.options.confirm, ...(this.options.watch ? { watch: this.options.watch } : {}) },
    ).then((outcome) => {
      this.options.onConfirmed?.({ ...outcome.stats, signature: fence.signature, outcome: outcome.kind });
      return outcome;
    });
  }

  /** The namer of recorded bytes; none when they are absent or do not decode (the code is still given). */
  private namerOfBytes(signedBytes: string | undefined): ProgramErrorNamer | undefined {
    if (!signedBytes) return undefined;
    try {
      return this.namerFor(VersionedTransaction.deserialize(Buffer.from(signedBytes, 'base64')));
    } catch {
      return undefined;
    }
  }

  /** Names a custom error with the table of the program the failing instruction calls. */
  private namerFor(transaction: VersionedTransaction): ProgramErrorNamer {
    const programs = programsByInstruction(transaction);
    return (index, code) => {
      const program = programs[index];
      if (!program) return undefined;
      return this.venues.get(program)?.describeError(code) ?? this.options.programErrors?.(program, code);
    };
  }

  /** Height first, then the status with the history: an expired verdict leaves no gap to land in. */
  private async verdictOf(fence: Fence, platform: Platform | undefined, mint: string, side: 'buy' | 'sell' = 'buy'): Promise<FenceVerdict> {
    const { rpc } = this.options;
    let height: number;
    let status;
    try {
      height = await rpc.getBlockHeight();
      [status] = await rpc.getSignatureStatuses([fence.signature], { searchTransactionHistory: true });
    } catch (error) {
      return { kind: 'rpc-failed', detail: `the RPC could not say: ${messageOf(error)}` };
    }
    if (status) {
      const confirmed = status.confirmationStatus === 'confirmed' || status.confirmationStatus === 'finalized' || (status.confirmationStatus == null && status.confirmations === null);
      if (!confirmed) return { kind: 'pending', detail: `seen by the node at slot ${status.slot}, not confirmed yet` };
      let transaction: TransactionReply | null;
      try {
        transaction = await rpc.getTransaction(fence.signature);
      } catch (error) {
        return { kind: 'rpc-failed', detail: `landed per its status, but the transaction could not be read: ${messageOf(error)}` };
      }
      if (!transaction?.meta) return { kind: 'pending', detail: 'landed per its status; the node does not serve the transaction yet' };
      if (transaction.meta.err === null) return { kind: 'landed', transaction };
      if (platform) await this.learnVenue(platform, mint, side);
      const namer = this.namerOfBytes(fence.signedBytes);
      return { kind: 'landed-with-error', detail: `landed with an error: ${describeTransactionError(transaction.meta.err, namer, transaction.meta.logMessages ?? [])}` };
    }
    if (height > fence.lastValidBlockHeight) {
      return { kind: 'expired-no-status', detail: `expired: the chain is at block ${height}, past the transaction's last valid block ${fence.lastValidBlockHeight}, and the node has no status for it` };
    }
    if (fence.signedBytes) {
      try {
        await rpc.sendTransaction(fence.signedBytes, { skipPreflight: true });
      } catch {
        // The status decides on a later pass; a failed re-send changes nothing.
      }
    }
    return { kind: 'pending', detail: `not landed yet; it can land until block ${fence.lastValidBlockHeight} (now ${height})${fence.signedBytes ? '; its signed bytes were re-sent' : ''}` };
  }

  /** A reconcile of another instance's trade: the venue of its mint names the error (best effort). */
  private async learnVenue(platform: Platform, mint: string, side: 'buy' | 'sell'): Promise<void> {
    try {
      const key = new PublicKey(mint);
      const venue = side === 'buy' ? await this.options.router.forBuy(platform, key) : await this.options.router.forSell(platform, key);
      this.venues.set(venue.programId.toBase58(), venue);
    } catch {
      // Unnamed, the code is still given.
    }
  }

  private fillOf(transaction: TransactionReply, signature: string, mint: string): Fill {
    if (!transaction.meta) throw new Error('a landed transaction without meta');
    return { signature, ...walletChange(transaction.meta, this.user.toBase58(), mint) };
  }

  private async holding(mint: string): Promise<{ raw: bigint; decimals: number }> {
    const accounts = await this.options.rpc.getTokenAccountsByOwner(this.user.toBase58(), mint);
    return { raw: accounts.reduce((sum, a) => sum + a.amountRaw, 0n), decimals: accounts[0]?.decimals ?? 0 };
  }
}

function parseMint(value: string): PublicKey | undefined {
  try {
    return new PublicKey(value);
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
