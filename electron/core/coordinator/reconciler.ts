import type { Intent } from '../ledger/intent.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Clock } from '../time/clock.js';
import type { ReconcileResult, Trader } from '../traders/trader.js';
import type { Attempt, AttemptReporter } from './attempt-reporter.js';
import type { LocalBuyState } from './local-buy-state.js';
import { purchaseRecordOf, type Fill } from './purchase-record.js';

export interface ReconcilerDeps {
  instanceId: string;
  clock: Clock;
  /** Undefined when the ledger could not be opened: every call says so. */
  ledger: Ledger | undefined;
  state: LocalBuyState;
  trader: Trader;
  reporter: AttemptReporter;
}

export type HumanVerdict =
  | { outcome: 'bought'; signature?: string; solSpent?: number; tokens?: number }
  | { outcome: 'not-bought' };

/**
 * Resolves buys whose outcome is unknown — this instance's timeouts and the intents of
 * instances that died — by asking the trader what landed (signature status, block-height
 * expiry, the paper ledger) or by a person's verdict. Until then the mint stays blocked.
 */
export class Reconciler {
  private readonly busy = new Set<string>();

  constructor(private readonly deps: ReconcilerDeps) {}

  /** One pass over every unknown intent this instance owns or can adopt. */
  async reconcileNow(): Promise<{ resolved: number; pending: number }> {
    const unknowns = this.adopt();
    // Adopted or left over: it may have spent. Its intent keeps counting against the limits
    // in every instance until it is resolved (spend is derived from the open intents).
    for (const intent of unknowns) this.deps.state.unknown.add(intent.mint);
    // A mint blocked here as unknown whose buy another instance has since recorded (the
    // first owner came back and landed it): the purchase blocks it now, for good.
    const ours = new Set(unknowns.map((i) => i.mint));
    for (const mint of this.deps.state.unknown) {
      if (!ours.has(mint) && this.ledger().isBought(mint)) this.deps.state.unknown.delete(mint);
    }
    let resolved = 0;
    let gone = 0;
    for (const intent of unknowns) {
      if (this.busy.has(intent.mint)) continue;
      this.busy.add(intent.mint);
      try {
        const outcome = await this.reconcileOne(intent);
        if (outcome === 'resolved') resolved += 1;
        if (outcome === 'gone') gone += 1;
      } finally {
        this.busy.delete(intent.mint);
      }
    }
    return { resolved, pending: unknowns.length - resolved - gone };
  }

  /** A person checked the wallet or an explorer and says what happened. */
  async resolveByHand(mint: string, verdict: HumanVerdict): Promise<void> {
    const intent = this.adopt().find((i) => i.mint === mint);
    if (!intent) throw new Error('no unknown buy of this mint is held by this app (it may belong to another running instance)');
    if (this.busy.has(mint)) throw new Error('this buy is being reconciled right now; try again in a moment');
    this.busy.add(mint);
    try {
      if (verdict.outcome === 'bought') {
        await this.landed(intent, {
          signature: verdict.signature ?? `manual-reconcile-${intent.attemptId}`,
          solSpent: verdict.solSpent ?? intent.solAmount,
          tokens: verdict.tokens ?? 0,
        }, 'marked bought by hand');
      } else {
        await this.notLanded(intent, 'marked not bought by hand');
      }
    } finally {
      this.busy.delete(mint);
    }
  }

  private ledger(): Ledger {
    if (!this.deps.ledger) throw new Error('the ledger cannot be used, so nothing can be reconciled (see the store problem in the status)');
    return this.deps.ledger;
  }

  /** The intents of dead instances taken over, and this instance's own that no buy here is running for. */
  private adopt(): Intent[] {
    this.ledger().refresh();
    return this.ledger().adoptOrphans(new Set(this.deps.state.inFlight.values()));
  }

  private async reconcileOne(intent: Intent): Promise<'resolved' | 'pending' | 'gone'> {
    const ledger = this.ledger();
    const { trader } = this.deps;
    // Resolved since this pass read the list: by hand, by another pass, or by its first
    // owner, who came back and recorded its outcome. The ledger has the answer now.
    if (!ledger.holds(intent)) {
      this.deps.state.unknown.delete(intent.mint);
      return 'gone';
    }
    if (ledger.isRecorded(intent)) {
      // Crashed after the record was written and before the intent was removed. Dropping
      // the intent also drops its reservation: spend is counted from the record now.
      if (ledger.release(intent)) this.finish(intent, 'reconciled-bought', 'purchase was already recorded');
      return 'resolved';
    }
    if (trader.fencesBeforeSend && !intent.fence) {
      // This trader records the fence before every send, and the intent holds none: the
      // owner never sent it (it died or was taken over first, and cannot record it now).
      await this.notLanded(intent, 'never sent: no fence was recorded before the buy stopped');
      return 'resolved';
    }
    let result: ReconcileResult;
    try {
      result = await trader.reconcile({
        attemptId: intent.attemptId,
        mint: intent.mint,
        platform: intent.platform,
        solAmount: intent.solAmount,
        at: intent.at,
        ...(intent.fence ? { fence: intent.fence } : {}),
        ...(intent.adoptedFrom ? { adoptedFrom: intent.adoptedFrom } : {}),
      });
    } catch (error) {
      result = { kind: 'still-unknown', detail: error instanceof Error ? error.message : String(error) };
    }
    switch (result.kind) {
      case 'landed':
        await this.landed(intent, result, 'the buy landed');
        return 'resolved';
      case 'not-landed':
        await this.notLanded(intent, result.detail);
        return 'resolved';
      case 'still-unknown':
        return 'pending';
      default: {
        const never: never = result;
        throw new Error(`unhandled reconcile result ${JSON.stringify(never)}`);
      }
    }
  }

  private async landed(intent: Intent, fill: Fill, detail: string): Promise<void> {
    const record = purchaseRecordOf(intent, fill, this.deps.clock.now(), this.deps.instanceId);
    if (this.ledger().recordSuccess(intent, record)) this.finish(intent, 'reconciled-bought', detail, fill.signature);
  }

  private async notLanded(intent: Intent, detail: string): Promise<void> {
    if (this.ledger().release(intent)) this.finish(intent, 'reconciled-not-bought', detail);
  }

  private finish(intent: Intent, outcome: 'reconciled-bought' | 'reconciled-not-bought', detail: string, signature?: string): void {
    this.deps.state.unknown.delete(intent.mint);
    const attempt: Attempt = {
      attemptId: intent.attemptId,
      receivedAt: intent.at,
      signal: {
        module: intent.module,
        mint: intent.mint,
        platform: intent.platform,
        symbol: intent.symbol,
        solAmount: intent.solAmount,
        reason: intent.adoptedFrom ? `reconcile of a buy by instance ${intent.adoptedFrom}` : 'reconcile of a buy with an unknown outcome',
        metrics: {},
        filters: [],
      },
      ...(intent.override ? { override: intent.override } : {}),
    };
    this.deps.reporter.decided(attempt, outcome, { detail, ...(signature ? { signature } : {}) });
  }
}
