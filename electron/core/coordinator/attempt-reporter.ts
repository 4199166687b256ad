import { describeBlockReason, type BlockReason } from '../../../shared/block-reasons.js';
import type { AttemptOutcome, AttemptUpdate, BuySignal, Override } from '../../../shared/domain.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../time/clock.js';

export interface Attempt {
  attemptId: string;
  signal: BuySignal;
  override?: Override;
  receivedAt: number;
}

export interface OutcomeDetail {
  reason?: BlockReason;
  detail?: string;
  signature?: string;
}

/** Every step of an attempt becomes an event for the console and, once decided, an audit line. */
export class AttemptReporter {
  constructor(
    private readonly instanceId: string,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly emit: (update: AttemptUpdate) => void,
  ) {}

  claimed(attempt: Attempt): AttemptUpdate {
    const update = this.update(attempt, 'claimed', {});
    this.emit(update);
    return update;
  }

  decided(attempt: Attempt, outcome: AttemptOutcome, detail: OutcomeDetail = {}): AttemptUpdate {
    const update = { ...this.update(attempt, 'done', detail), outcome };
    this.audit.write({
      ts: update.at,
      instanceId: this.instanceId,
      attemptId: attempt.attemptId,
      module: attempt.signal.module,
      mint: attempt.signal.mint,
      outcome,
      ...(detail.reason ? { reason: detail.reason } : {}),
      ...(detail.detail ? { detail: detail.detail } : {}),
      ...(detail.signature ? { signature: detail.signature } : {}),
      ...(attempt.override ? { override: attempt.override } : {}),
    });
    this.emit(update);
    return update;
  }

  private update(attempt: Attempt, stage: AttemptUpdate['stage'], detail: OutcomeDetail): AttemptUpdate {
    const at = this.clock.now();
    const { signal } = attempt;
    return {
      attemptId: attempt.attemptId,
      stage,
      at,
      mint: signal.mint,
      symbol: signal.symbol,
      platform: signal.platform,
      module: signal.module,
      solAmount: signal.solAmount,
      signalReason: signal.reason,
      latencyMs: at - attempt.receivedAt,
      ...(attempt.override ? { override: attempt.override } : {}),
      ...(detail.reason ? { reason: detail.reason, reasonText: describeBlockReason(detail.reason) } : {}),
      ...(detail.detail ? { detail: detail.detail } : {}),
      ...(detail.signature ? { signature: detail.signature } : {}),
    };
  }
}
