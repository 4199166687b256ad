import type { Requester } from '../../../shared/domain.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

interface Spend {
  at: number;
  requester: Requester;
  lamports: number;
}

/** SOL as whole lamports: limits compare integers, never sums of floats (0.1 + 0.2 > 0.3). */
export function solToLamports(sol: number): number {
  return Math.round(sol * 1e9);
}

/**
 * Lamports spent in the last rolling 24 hours (per requester and in total) and in the last
 * rolling hour (in total), from the purchases of every instance as the ledger hands them
 * over (in insertion order). Running sums with expiry from the front keep a check O(1)
 * amortized whatever the size of the history; the sums are integers, so they stay exact.
 * Purchases recorded by instances whose clocks differ by a little may arrive slightly out
 * of time order; one of them then leaves the window a little late — counted longer, never
 * shorter, so the caps err on the side of spending less.
 */
export class SpendWindow {
  private queue: Spend[] = [];
  /** Everything before `head` has left the day window, everything before `hourHead` the hour window (head <= hourHead). */
  private head = 0;
  private hourHead = 0;
  private readonly daySums = new Map<Requester | '*', number>();
  private hourSum = 0;

  constructor(private readonly now: () => number) {}

  add(requester: Requester, lamports: number, at: number): void {
    if (at <= this.now() - DAY_MS) return;
    const spend = { requester, lamports, at };
    let i = this.queue.length;
    while (i > this.head && this.queue[i - 1]!.at > at) i -= 1;
    if (i === this.queue.length) this.queue.push(spend);
    else this.queue.splice(i, 0, spend);
    this.countDay(spend, 1);
    // Inserted before a spend that already left the hour window: it is older still, so it
    // has left too; it only shifts that boundary.
    if (i < this.hourHead) this.hourHead += 1;
    else this.hourSum += lamports;
  }

  /** Lamports spent in the last 24 hours, by one requester or all. */
  dayLamports(requester?: Requester): number {
    this.expire();
    return Math.max(0, this.daySums.get(requester ?? '*') ?? 0);
  }

  /** Lamports spent in the last hour by all requesters. */
  hourLamports(): number {
    this.expire();
    return Math.max(0, this.hourSum);
  }

  private expire(): void {
    const now = this.now();
    const hourCutoff = now - HOUR_MS;
    while (this.hourHead < this.queue.length && this.queue[this.hourHead]!.at <= hourCutoff) this.hourSum -= this.queue[this.hourHead++]!.lamports;
    const dayCutoff = now - DAY_MS;
    while (this.head < this.queue.length && this.queue[this.head]!.at <= dayCutoff) this.countDay(this.queue[this.head++]!, -1);
    if (this.head > 1_024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.hourHead -= this.head;
      this.head = 0;
    }
  }

  private countDay(spend: Spend, sign: 1 | -1): void {
    for (const key of [spend.requester, '*'] as const) this.daySums.set(key, (this.daySums.get(key) ?? 0) + sign * spend.lamports);
  }
}
