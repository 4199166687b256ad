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
 * a buy that may have landed must not free its budget for another). Running sums with
 * expiry from the front of a time-ordered queue keep every check O(1) amortized, whatever
 * the size of the history.
 */
export class SpendTracker {
  private queue: Spend[] = [];
  private head = 0;
  private readonly sums = new Map<Requester | '*', number>();
  private readonly reserved = new Map<string, Spend>();

  constructor(private readonly now: () => number) {}

  /** Past purchases, e.g. from the history at start; any order. */
  load(spends: Iterable<Spend>): void {
    const cutoff = this.now() - DAY_MS;
    for (const s of spends) if (s.at > cutoff) this.queue.push(s);
    this.queue.sort((a, b) => a.at - b.at);
    for (const s of this.queue) this.add(s, 1);
  }

  reserve(attemptId: string, requester: Requester, sol: number): void {
    if (this.reserved.has(attemptId)) return;
    this.reserved.set(attemptId, { requester, sol, at: this.now() });
    this.add({ requester, sol, at: 0 }, 1);
  }

  /** The buy ended: drop the reservation and, if it spent, count the spend. */
  settle(attemptId: string, spentSol: number | undefined): void {
    const reservation = this.reserved.get(attemptId);
    if (reservation) {
      this.reserved.delete(attemptId);
      this.add(reservation, -1);
    }
    if (spentSol !== undefined) {
      const spend = { requester: reservation?.requester ?? 'manual', sol: spentSol, at: this.now() };
      this.queue.push(spend);
      this.add(spend, 1);
    }
  }

  /** Spent in the last 24 h plus reserved, by one requester or (without one) by all. */
  spentInDay(requester?: Requester): number {
    this.expire();
    return Math.max(0, this.sums.get(requester ?? '*') ?? 0);
  }

  private expire(): void {
    const cutoff = this.now() - DAY_MS;
    while (this.head < this.queue.length && this.queue[this.head]!.at <= cutoff) this.add(this.queue[this.head++]!, -1);
    if (this.head > 1_024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private add(spend: Spend, sign: 1 | -1): void {
    for (const key of [spend.requester, '*'] as const) this.sums.set(key, (this.sums.get(key) ?? 0) + sign * spend.sol);
  }
}
