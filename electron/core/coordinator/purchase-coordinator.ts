import { Mutex } from 'async-mutex';
import type { BlockReason } from '../../../shared/block-reasons.js';
import { buySignalSchema, type AttemptUpdate, type BuySignal, type BuySignalInput, type Override } from '../../../shared/domain.js';
import type { Settings } from '../../../shared/settings.js';
import type { HistoryStore } from '../store/history-store.js';
import type { Intent } from '../store/intent-store.js';
import type { Clock } from '../time/clock.js';
import type { BuyResult, Trader } from '../traders/trader.js';
import type { Attempt, AttemptReporter } from './attempt-reporter.js';
import type { DataDirClaims } from './data-dir-claims.js';
import type { LocalBuyState } from './local-buy-state.js';
import { checkPolicy } from './policy.js';
import { purchaseRecordOf } from './purchase-record.js';
import type { SpendTracker } from './spend-tracker.js';

export interface CoordinatorDeps {
  instanceId: string;
  clock: Clock;
  history: HistoryStore;
  claims: DataDirClaims;
  state: LocalBuyState;
  trader: Trader;
  spend: SpendTracker;
  reporter: AttemptReporter;
  settings: () => Settings;
  /** Called when a claim meets the intent of a dead instance, so a reconcile can adopt it soon. */
  onOrphanSeen?: () => void;
}

export class InvalidSignalError extends Error {
  override name = 'InvalidSignalError';
}

/** Signals a trader may override with "approve once"; kept for a while, bounded. */
const OVERRIDABLE: ReadonlySet<BlockReason['code']> = new Set(['approval-required', 'filter-failed']);
const MAX_OVERRIDABLE = 2_000;

/**
 * The one place that decides whether a token is bought. Double-checked locking, as in
 * the seed: a lock-free fast path rejects what is already bought or in flight; under the
 * mutex everything is checked again, the rules are applied and the mint is claimed across
 * instances; the buy itself runs outside every lock so different mints buy concurrently.
 */
export class PurchaseCoordinator {
  private readonly mutex = new Mutex();
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
    return this.run(this.newAttempt(blocked.attempt.signal, 'approved-once'));
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

    const claim = await this.mutex.runExclusive(() => this.checkAndClaim(attempt));
    if ('block' in claim) return this.block(attempt, claim.block);

    this.deps.reporter.claimed(attempt);
    let result: BuyResult;
    try {
      result = await this.deps.trader.buy({
        attemptId: attempt.attemptId,
        mint,
        platform: attempt.signal.platform,
        symbol: attempt.signal.symbol,
        solAmount: attempt.signal.solAmount,
      });
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
    const { state, history } = this.deps;
    if (state.inFlight.has(mint)) return { code: 'in-flight-here' };
    if (state.unknown.has(mint)) return { code: 'unknown-outcome' };
    if (override !== 'buy-again' && history.has(mint)) return { code: 'already-bought' };
    return undefined;
  }

  private async checkAndClaim(attempt: Attempt): Promise<{ block: BlockReason } | { intent: Intent }> {
    const { state, claims, spend } = this.deps;
    const { signal } = attempt;
    const again = this.exactlyOnceBlock(signal.mint, attempt.override);
    if (again) return { block: again };
    if (state.storeProblem) return { block: { code: 'store-unavailable', detail: state.storeProblem } };
    const rule = checkPolicy(this.deps.settings(), spend, { signal, override: attempt.override, inFlightCount: state.inFlight.size });
    if (rule) return { block: rule };

    const intent: Intent = {
      attemptId: attempt.attemptId,
      mint: signal.mint,
      symbol: signal.symbol,
      platform: signal.platform,
      module: signal.module,
      solAmount: signal.solAmount,
      instanceId: this.deps.instanceId,
      at: this.deps.clock.now(),
      status: 'in-flight',
      ...(attempt.override ? { override: attempt.override } : {}),
    };
    try {
      const claimed = await claims.claim(intent, attempt.override);
      if (!claimed.ok) {
        if (claimed.orphaned) this.deps.onOrphanSeen?.();
        return { block: claimed.reason };
      }
    } catch (error) {
      return { block: { code: 'store-unavailable', detail: this.storeFailure(error) } };
    }
    state.inFlight.set(signal.mint, attempt.attemptId);
    spend.reserve(attempt.attemptId, signal.module, signal.solAmount);
    return { intent };
  }

  private async settle(attempt: Attempt, intent: Intent, result: BuyResult): Promise<AttemptUpdate> {
    const { claims, spend, reporter } = this.deps;
    switch (result.kind) {
      case 'success': {
        const record = purchaseRecordOf(intent, result, this.deps.clock.now(), this.deps.instanceId);
        try {
          await claims.recordSuccess(intent, record);
        } catch (error) {
          // Bought, but not recorded: the worst case. Keep the mint blocked as unknown
          // (a reconcile will find the buy and record it) and stop all buying.
          const detail = `bought (${result.signature}) but the purchase could not be recorded: ${this.storeFailure(error)}`;
          return this.holdUnknown(attempt, intent, { signature: result.signature, detail });
        }
        spend.settle(attempt.attemptId, result.solSpent);
        return reporter.decided(attempt, 'bought', { signature: result.signature });
      }
      case 'failure': {
        try {
          await claims.release(intent);
        } catch (error) {
          return this.holdUnknown(attempt, intent, { detail: `failed, but the claim could not be released: ${this.storeFailure(error)}` });
        }
        spend.settle(attempt.attemptId, undefined);
        return reporter.decided(attempt, 'failed', { detail: result.error, ...(result.signature ? { signature: result.signature } : {}) });
      }
      case 'unknown':
        return this.holdUnknown(attempt, intent, {
          detail: result.error,
          ...(result.signature ? { signature: result.signature } : {}),
          ...(result.lastValidBlockHeight !== undefined ? { lastValidBlockHeight: result.lastValidBlockHeight } : {}),
        });
      default: {
        const never: never = result;
        throw new Error(`unhandled buy result ${JSON.stringify(never)}`);
      }
    }
  }

  private async holdUnknown(
    attempt: Attempt,
    intent: Intent,
    info: { detail: string; signature?: string; lastValidBlockHeight?: number },
  ): Promise<AttemptUpdate> {
    this.deps.state.unknown.add(intent.mint);
    let detail = info.detail;
    try {
      const kept = await this.deps.claims.markUnknown({ ...intent, ...info });
      if (!kept) {
        // We were presumed dead and our claim was resolved elsewhere; the other claim stands.
        // Only this app keeps the mint blocked: a person must check the wallet.
        detail += '; meanwhile another instance took over this mint, so check the wallet before buying it again';
      }
    } catch (error) {
      // The intent is still on disk as in-flight under our id; once this instance is gone,
      // a reconcile treats it as unknown too. Until then the local set blocks the mint.
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
   * Says what went wrong with a store. An unreadable file or a failed write stops all
   * buying until a person looks; a lock held too long by another instance only fails this attempt.
   */
  private storeFailure(error: unknown): string {
    if (isLockBusy(error)) return 'the data dir is locked by another instance for too long';
    const detail = error instanceof Error ? error.message : String(error);
    this.deps.state.storeProblem ??= detail;
    return detail;
  }
}

function isLockBusy(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ELOCKED';
}
