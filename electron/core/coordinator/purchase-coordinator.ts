import type { BlockReason } from '../../../shared/block-reasons.js';
import { buySignalSchema, type AttemptUpdate, type BuySignal, type BuySignalInput, type Override } from '../../../shared/domain.js';
import type { Settings } from '../../../shared/settings.js';
import type { Intent } from '../ledger/intent.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Clock } from '../time/clock.js';
import type { BuyResult, Fence, Trader } from '../traders/trader.js';
import type { Attempt, AttemptReporter } from './attempt-reporter.js';
import type { LocalBuyState } from './local-buy-state.js';
import { solToLamports } from '../ledger/spend-window.js';
import { checkPolicy } from './policy.js';
import { purchaseRecordOf } from './purchase-record.js';
import type { WalletBalanceSource } from './wallet-balance.js';

export interface CoordinatorDeps {
  instanceId: string;
  clock: Clock;
  /** Undefined when the ledger could not be opened: every buy is refused (state.storeProblem says why). */
  ledger: Ledger | undefined;
  state: LocalBuyState;
  trader: Trader;
  reporter: AttemptReporter;
  /** The settings as they are now: inside a claim, as the ledger's transaction sees them. */
  settings: () => Settings;
  /** Called when a claim meets the intent of a dead instance, so a reconcile can adopt it soon. */
  onOrphanSeen?: () => void;
  /** Live: the wallet's balance, for the SOL reserve. Absent (paper): no reserve is checked. */
  walletBalance?: WalletBalanceSource;
}

export class InvalidSignalError extends Error {
  override name = 'InvalidSignalError';
}

/** Signals a trader may override with "approve once"; kept for a while, bounded. */
const OVERRIDABLE: ReadonlySet<BlockReason['code']> = new Set(['approval-required', 'filter-failed']);
/** Refusals that say nothing about the token: an approval refused for one of them is kept for later. */
const TRANSIENT: ReadonlySet<BlockReason['code']> = new Set(['kill-switch', 'limit-reached', 'store-unavailable', 'balance-unknown']);
const MAX_OVERRIDABLE = 2_000;

/**
 * The one place that decides whether a token is bought. Double-checked: a lock-free fast
 * path in memory rejects what is already bought or in flight; then one ledger transaction
 * checks everything again across all instances, applies the rules and claims the mint.
 * The claim is synchronous, so nothing else in this process runs in between (no mutex is
 * needed); the buy itself runs outside every lock so different mints buy concurrently.
 */
export class PurchaseCoordinator {
  private readonly overridable = new Map<string, { attempt: Attempt; reason: BlockReason }>();
  private counter = 0;

  constructor(private readonly deps: CoordinatorDeps) {}

  /** Parses the signal at the boundary: a module bug or a hostile caller cannot reach the claim. */
  async requestBuy(input: BuySignalInput, override?: Override): Promise<AttemptUpdate> {
    const parsed = buySignalSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidSignalError(`invalid buy signal: ${issue?.path.join('.') || 'signal'}: ${issue?.message ?? 'invalid'}`);
    }
    return this.run(this.newAttempt(parsed.data, override));
  }

  /** "Approve once" for a signal blocked by approval or a filter: buys it, still at most once. */
  async approveOnce(attemptId: string): Promise<AttemptUpdate> {
    const blocked = this.overridable.get(attemptId);
    if (!blocked) throw new Error('that attempt is no longer waiting for approval');
    this.overridable.delete(attemptId);
    const result = await this.run(this.newAttempt(blocked.attempt.signal, 'approved-once'));
    // Refused by the kill switch, a limit or the store: the approval was not used, it waits again.
    if (result.outcome === 'blocked' && result.reason && TRANSIENT.has(result.reason.code)) this.overridable.set(attemptId, blocked);
    return result;
  }

  dismiss(attemptId: string): boolean {
    return this.overridable.delete(attemptId);
  }

  /** Signals the trader may approve once (approval required, or a filter failed), oldest first. */
  overridableSignals(): { attempt: Attempt; reason: BlockReason }[] {
    return [...this.overridable.values()];
  }

  /** Signals of modules that require approval, waiting for the trader. */
  pendingApprovals(): Attempt[] {
    return [...this.overridable.values()].filter((b) => b.reason.code === 'approval-required').map((b) => b.attempt);
  }

  private newAttempt(signal: BuySignal, override: Override | undefined): Attempt {
    this.counter += 1;
    return {
      attemptId: `${this.deps.instanceId}-${this.counter}`,
      signal,
      receivedAt: this.deps.clock.now(),
      ...(override ? { override } : {}),
    };
  }

  private async run(attempt: Attempt): Promise<AttemptUpdate> {
    const { mint } = attempt.signal;
    const fast = this.exactlyOnceBlock(mint, attempt.override);
    if (fast) return this.block(attempt, fast);

    const claim = this.checkAndClaim(attempt);
    if ('block' in claim) return this.block(attempt, claim.block);

    this.deps.reporter.claimed(attempt);
    let result: BuyResult;
    try {
      result = await this.deps.trader.buy(
        {
          attemptId: attempt.attemptId,
          mint,
          platform: attempt.signal.platform,
          symbol: attempt.signal.symbol,
          solAmount: attempt.signal.solAmount,
          maxCostLamports: claim.maxCostLamports,
        },
        (fence) => this.fence(claim.intent, fence),
      );
    } catch (error) {
      // A trader that throws may have sent the transaction before it did.
      result = { kind: 'unknown', error: `trader error: ${error instanceof Error ? error.message : String(error)}` };
    }
    try {
      return await this.settle(attempt, claim.intent, result);
    } finally {
      this.deps.state.inFlight.delete(mint);
    }
  }

  /** The checks no rule and no approval can relax (only "buy again" passes an existing purchase). */
  private exactlyOnceBlock(mint: string, override: Override | undefined): BlockReason | undefined {
    const { state, ledger } = this.deps;
    if (state.inFlight.has(mint)) return { code: 'in-flight-here' };
    if (state.unknown.has(mint)) return { code: 'unknown-outcome' };
    if (override !== 'buy-again' && ledger?.isBought(mint)) return { code: 'already-bought' };
    return undefined;
  }

  private checkAndClaim(attempt: Attempt): { block: BlockReason } | { intent: Intent; maxCostLamports: bigint } {
    const { state, ledger } = this.deps;
    const { signal } = attempt;
    if (state.storeProblem || !ledger) return { block: { code: 'store-unavailable', detail: state.storeProblem ?? 'the ledger is not open' } };
    const maxCost = this.maxCostLamports(signal.solAmount);
    if ('block' in maxCost) return maxCost;
    const intent: Intent = {
      attemptId: attempt.attemptId,
      mint: signal.mint,
      symbol: signal.symbol,
      platform: signal.platform,
      module: signal.module,
      solAmount: signal.solAmount,
      maxCostSol: Number(maxCost.lamports) / 1e9,
      instanceId: this.deps.instanceId,
      at: this.deps.clock.now(),
      status: 'in-flight',
      ...(attempt.override ? { override: attempt.override } : {}),
    };
    try {
      const { walletBalance } = this.deps;
      const claimed = ledger.claim(intent, attempt.override, (_rules, spend, inFlightCount) =>
        checkPolicy(this.deps.settings(), spend, {
          signal,
          override: attempt.override,
          inFlightCount,
          maxCostLamports: maxCost.lamports,
          ...(walletBalance ? { wallet: { reading: walletBalance.reading(), now: walletBalance.now(), maxAgeMs: walletBalance.maxAgeMs } } : {}),
        }),
      );
      if (!claimed.ok) {
        if (claimed.orphaned) this.deps.onOrphanSeen?.();
        return { block: claimed.reason };
      }
    } catch (error) {
      return { block: { code: 'store-unavailable', detail: this.storeFailure(error) } };
    }
    state.inFlight.set(signal.mint, attempt.attemptId);
    return { intent, maxCostLamports: maxCost.lamports };
  }

  /**
   * The most the buy can take from the wallet, which the limits reserve: the live trader's
   * amount × (1 + slippage) plus fees, the amount for a trader that cannot spend more.
   */
  private maxCostLamports(solAmount: number): { lamports: bigint } | { block: BlockReason } {
    const { trader } = this.deps;
    if (!trader.maxCostSol) return { lamports: BigInt(solToLamports(solAmount)) };
    let sol: number;
    try {
      sol = trader.maxCostSol(solAmount);
    } catch (error) {
      const detail = `the most this buy can cost could not be worked out (${error instanceof Error ? error.message : String(error)})`;
      return { block: { code: 'limit-reached', limit: 'max-sol-per-buy', detail } };
    }
    if (!Number.isFinite(sol) || sol < solAmount) {
      return { block: { code: 'limit-reached', limit: 'max-sol-per-buy', detail: `the trader gave ${sol} SOL as the most a ${solAmount} SOL buy can cost` } };
    }
    return { lamports: BigInt(solToLamports(sol)) };
  }

  /**
   * The trader's last word before it sends: the fence goes into the ledger only while the
   * intent is still ours (not taken over by an instance that thought us dead). False: the
   * trader must not send.
   */
  private fence(intent: Intent, fence: Fence): boolean {
    try {
      return this.deps.ledger?.recordFence(intent, fence) ?? false;
    } catch (error) {
      this.storeFailure(error);
      return false;
    }
  }

  private async settle(attempt: Attempt, intent: Intent, result: BuyResult): Promise<AttemptUpdate> {
    const { reporter, state } = this.deps;
    const ledger = this.deps.ledger!;
    switch (result.kind) {
      case 'success': {
        const record = purchaseRecordOf(intent, result, this.deps.clock.now(), this.deps.instanceId);
        try {
          ledger.recordSuccess(intent, record);
        } catch (error) {
          // Bought, but not recorded: the worst case. Keep the mint blocked as unknown
          // (a reconcile finds the buy and records it) and stop all buying.
          const detail = `bought (${result.signature}) but the purchase could not be recorded: ${this.storeFailure(error)}`;
          return this.holdUnknown(attempt, intent, { signature: result.signature, detail });
        }
        return reporter.decided(attempt, 'bought', { signature: result.signature });
      }
      case 'failure': {
        try {
          ledger.release(intent);
        } catch (error) {
          return this.holdUnknown(attempt, intent, { detail: `failed, but the claim could not be released: ${this.storeFailure(error)}` });
        }
        return reporter.decided(attempt, 'failed', { detail: result.error, ...(result.signature ? { signature: result.signature } : {}) });
      }
      case 'unknown':
        return this.holdUnknown(attempt, intent, { detail: result.error, ...(result.signature ? { signature: result.signature } : {}) });
      case 'not-sent': {
        // Taken over before it was sent: the adopter resolves the intent, nothing of ours can land.
        state.unknown.delete(intent.mint);
        return reporter.decided(attempt, 'failed', { detail: result.error });
      }
      default: {
        const never: never = result;
        throw new Error(`unhandled buy result ${JSON.stringify(never)}`);
      }
    }
  }

  private holdUnknown(attempt: Attempt, intent: Intent, info: { detail: string; signature?: string }): AttemptUpdate {
    this.deps.state.unknown.add(intent.mint);
    let detail = info.detail;
    try {
      const kept = this.deps.ledger!.markUnknown(intent, info.detail, info.signature);
      if (!kept) {
        // We were taken for dead and our claim was resolved elsewhere; the other claim stands.
        // Only this app keeps the mint blocked: a person must check the wallet.
        detail += '; meanwhile another instance took over this mint, so check the wallet before buying it again';
      }
    } catch (error) {
      // The intent is still in the ledger as in-flight under our id. The next reconcile pass
      // of this instance marks it unknown (an own in-flight intent with no buy running here)
      // and resolves it; until then the local set blocks the mint.
      this.storeFailure(error);
    }
    return this.deps.reporter.decided(attempt, 'unknown', { detail, ...(info.signature ? { signature: info.signature } : {}) });
  }

  private block(attempt: Attempt, reason: BlockReason): AttemptUpdate {
    if (OVERRIDABLE.has(reason.code) && attempt.override === undefined) {
      this.overridable.set(attempt.attemptId, { attempt, reason });
      if (this.overridable.size > MAX_OVERRIDABLE) this.overridable.delete(this.overridable.keys().next().value as string);
    }
    return this.deps.reporter.decided(attempt, 'blocked', { reason });
  }

  /**
   * Says what went wrong with the ledger. A failed read or write stops all buying until a
   * person looks; a write lock held too long by another instance only fails this attempt.
   */
  private storeFailure(error: unknown): string {
    if (isLockBusy(error)) return 'the ledger was locked by another instance for too long (is one of them stopped mid-write?)';
    const detail = error instanceof Error ? error.message : String(error);
    this.deps.state.storeProblem ??= detail;
    return detail;
  }
}

function isLockBusy(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}
