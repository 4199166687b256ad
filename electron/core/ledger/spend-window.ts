import type { Requester } from '../../../shared/domain.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Spend {
  at: number;
  requester: Requester;
  sol: number;
}

/**
 * SOL spent in the last rolling 24 hours, per requester and in total, from the purchases
 * of every instance as the ledger hands them over (in insertion order). Running sums with
 * expiry from the front keep a check O(1) amortized whatever the size of the history.
 * Purchases recorded by instances whose clocks differ by a little may arrive slightly out
 * of time order; one of them then leaves the window a little late — counted longer, never
 * shorter, so the cap errs on the side of spending less.
 */
export class SpendWindow {
  private queue: Spend[] = [];
  private head = 0;
  private readonly sums = new Map<Requester | '*', number>();

  constructor(private readonly now: () => number) {}

  add(requester: Requester, sol: number, at: number): void {
    if (at <= this.now() - DAY_MS) return;
    const spend = { requester, sol, at };
    let i = this.queue.length;
    while (i > this.head && this.queue[i - 1]!.at > at) i -= 1;
    if (i === this.queue.length) this.queue.push(spend);
    else this.queue.splice(i, 0, spend);
    this.count(spend, 1);
  }

  spentInDay(requester?: Requester): number {
    this.expire();
    return Math.max(0, this.sums.get(requester ?? '*') ?? 0);
  }

  private expire(): void {
    const cutoff = this.now() - DAY_MS;
    while (this.head < this.queue.length && this.queue[this.head]!.at <= cutoff) this.count(this.queue[this.head++]!, -1);
    if (this.head > 1_024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private count(spend: Spend, sign: 1 | -1): void {
    for (const key of [spend.requester, '*'] as const) this.sums.set(key, (this.sums.get(key) ?? 0) + sign * spend.sol);
  }
}
