import type { AttemptOutcome, AttemptUpdate } from '../../../../shared/domain.js';

/** The feed's outcome label: what happened, in a word or two. */
export function outcomeLabel(outcome: AttemptOutcome | undefined): string {
  switch (outcome) {
    case undefined:
      return 'buying…';
    case 'bought':
      return 'bought';
    case 'failed':
      return 'failed';
    case 'blocked':
      return 'blocked';
    case 'unknown':
      return 'unknown';
    case 'reconciled-bought':
      return 'bought (reconciled)';
    case 'reconciled-not-bought':
      return 'not bought (reconciled)';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** The decision in one sentence: the coordinator's reason for a block, what went wrong otherwise. */
export function decisionSentence(update: AttemptUpdate): string {
  const override = update.override === 'buy-again' ? ' (buy again, by hand)' : update.override === 'approved-once' ? ' (approved once)' : '';
  switch (update.outcome) {
    case undefined:
      return update.stage === 'claimed' ? 'Claimed; the buy is being sent.' : 'Received; being checked.';
    case 'bought':
      return `Bought${override}.`;
    case 'failed':
      return `The buy failed${update.detail ? `: ${update.detail}` : ''}; the token stays buyable.`;
    case 'blocked':
      return update.reasonText ?? update.detail ?? 'Blocked.';
    case 'unknown':
      return `Outcome unknown${update.detail ? ` (${update.detail})` : ''}: blocked until reconciled.`;
    case 'reconciled-bought':
      return 'Reconciled: the buy landed.';
    case 'reconciled-not-bought':
      return 'Reconciled: the buy did not land; the token is buyable again.';
    default: {
      const never: never = update.outcome;
      return never;
    }
  }
}

/** A CSS class per outcome, so a glance tells bought from blocked. */
export function outcomeTone(outcome: AttemptOutcome | undefined): string {
  switch (outcome) {
    case undefined:
      return 'row-pending';
    case 'bought':
    case 'reconciled-bought':
      return 'row-good';
    case 'failed':
      return 'row-bad';
    case 'blocked':
    case 'reconciled-not-bought':
      return 'row-muted';
    case 'unknown':
      return 'row-warn';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
