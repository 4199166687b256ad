import type { AttemptUpdate } from '../../../../shared/domain.js';
import { outcomeLabel } from '../feed/attempt-text.js';

export type Feedback = { tone: 'refused' | 'done'; text: string };

/**
 * What an approve-once or buy-again came to. The coordinator answers with the attempt, not
 * an error, when it refuses (kill switch, limits, blocklist): that refusal is the point of
 * the answer and must reach the trader as such.
 */
export function attemptFeedback(what: string, update: AttemptUpdate): Feedback {
  const token = update.symbol || update.mint;
  switch (update.outcome) {
    case 'bought':
    case 'reconciled-bought':
      return { tone: 'done', text: `${what}: ${token} bought.` };
    case 'blocked':
      return { tone: 'refused', text: `${what} refused: ${update.reasonText ?? update.detail ?? 'blocked by the coordinator'}` };
    case 'failed':
      return { tone: 'refused', text: `${what}: the buy of ${token} failed${update.detail ? ` (${update.detail})` : ''}; it stays buyable.` };
    case 'unknown':
      return { tone: 'refused', text: `${what}: the outcome of the buy of ${token} is unknown; it is listed under Unknown outcome until reconciled.` };
    case 'reconciled-not-bought':
    case undefined:
      return { tone: 'done', text: `${what}: ${token} ${outcomeLabel(update.outcome)}` };
    default: {
      const never: never = update.outcome;
      return never;
    }
  }
}
