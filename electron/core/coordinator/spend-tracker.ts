import type { Requester } from '../../../shared/domain.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Spend {
  at: number;
  requester: Requester;
  sol: number;
}

/**
 * SOL spent in the last rolling 24 hours, per requester and in total, plus what is
 * reserved by buys in flight or with an unknown outcome (counted as spent until known:
 * a buy that may have landed must not free its budget for another).
 */
export class SpendTracker {
  private spends: Spend[] = [];
  private readonly reserved = new Map<string, Spend>();

  constructor(private readonly now: () => number) {}

  recordSpent(requester: Requester, sol: number, at: number): void {
    if (at > this.now() - DAY_MS) this.spends.push({ requester, sol, at });
  }

  reserve(attemptId: string, requester: Requester, sol: number): void {
    this.reserved.set(attemptId, { requester, sol, at: this.now() });
  }

  /** The buy ended: drop the reservation and, if it spent, count the spend. */
  settle(attemptId: string, spentSol: number | undefined): void {
    const reservation = this.reserved.get(attemptId);
    this.reserved.delete(attemptId);
    if (reservation && spentSol !== undefined) this.recordSpent(reservation.requester, spentSol, this.now());
  }

  spentInDay(requester?: Requester): number {
    const cutoff = this.now() - DAY_MS;
    if (this.spends.length > 0 && this.spends[0]!.at <= cutoff) this.spends = this.spends.filter((s) => s.at > cutoff);
    let total = 0;
    for (const s of this.spends) if (!requester || s.requester === requester) total += s.sol;
    for (const r of this.reserved.values()) if (!requester || r.requester === requester) total += r.sol;
    return total;
  }

  reservedCount(): number {
    return this.reserved.size;
  }
}
