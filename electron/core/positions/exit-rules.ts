import type { ExitRules } from '../../../shared/settings.js';
import type { ExitReason } from '../traders/trader.js';

/** What the exit rules look at of a position. */
export interface ExitSubject {
  /** SOL the buy took, fees included. */
  costSol: number;
  tokensBought: number;
  openedAt: number;
  /** The highest price seen since the buy, before `price`; absent when none was seen yet. */
  peakPriceSol?: number;
}

const MINUTE_MS = 60_000;

/** Cost per token, fees included: what take profit and stop loss compare the price with. */
export function entryPriceOf(subject: Pick<ExitSubject, 'costSol' | 'tokensBought'>): number {
  return subject.tokensBought > 0 ? subject.costSol / subject.tokensBought : 0;
}

/**
 * Whether a position must be sold now, and why. Pure: the same position, price, time and
 * rules give the same answer. A rule at 0 is off. With several rules met at once the first
 * of these wins: stop loss (price at or below entry × (1 − SL%)), take profit (at or above
 * entry × (1 + TP%)), trailing stop (at or below the peak since the buy × (1 − trail%);
 * the peak includes `price`), max hold (held that many minutes, whatever the price).
 *
 * `price` is SOL per token as the market last showed it; an unusable price (missing, zero,
 * not finite) or an unknown entry (no tokens recorded) leaves only max hold.
 */
export function exitFor(subject: ExitSubject, price: number | undefined, now: number, rules: ExitRules): ExitReason | undefined {
  const entry = entryPriceOf(subject);
  const priced = price !== undefined && Number.isFinite(price) && price > 0 && entry > 0;
  if (priced) {
    if (rules.stopLossPct > 0 && price <= entry * (1 - rules.stopLossPct / 100)) return 'stop-loss';
    if (rules.takeProfitPct > 0 && price >= entry * (1 + rules.takeProfitPct / 100)) return 'take-profit';
    if (rules.trailingStopPct > 0) {
      const peak = Math.max(subject.peakPriceSol ?? 0, price);
      if (price <= peak * (1 - rules.trailingStopPct / 100)) return 'trailing-stop';
    }
  }
  if (rules.maxHoldMinutes > 0 && now - subject.openedAt >= rules.maxHoldMinutes * MINUTE_MS) return 'max-hold';
  return undefined;
}
