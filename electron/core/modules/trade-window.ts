/**
 * One mint's trades over the last two windows, with running totals for the current window
 * (now - W, now] and the previous one (now - 2W, now - W]. Each trade is pushed once, crosses
 * from current to previous once and is dropped once, so the cost per trade is O(1)
 * amortized however hot the mint is; nothing is ever re-scanned.
 *
 * Amounts are kept in lamports (integers) so the running sums never drift: adding and
 * subtracting the same float many times would leave residue, and a spike threshold must
 * not depend on how long a mint has been tracked.
 */
export class TradeWindow {
  private times: number[] = [];
  private amounts: number[] = [];
  private buyers: (string | undefined)[] = [];
  /** Oldest trade still in the previous window. */
  private head = 0;
  /** First trade of the current window. */
  private mid = 0;
  private readonly currentBuyers = new Map<string, number>();

  currentLamports = 0;
  currentTrades = 0;
  previousLamports = 0;
  previousTrades = 0;
  lastTradeAt = Number.NEGATIVE_INFINITY;
  lastFiredAt = Number.NEGATIVE_INFINITY;

  /** `at` must not go backwards (the module clamps time); `buyer` is set for buys only. */
  add(at: number, lamports: number, buyer: string | undefined, windowMs: number): void {
    this.advance(at, windowMs);
    this.times.push(at);
    this.amounts.push(lamports);
    this.buyers.push(buyer);
    this.currentLamports += lamports;
    this.currentTrades += 1;
    if (buyer !== undefined) this.currentBuyers.set(buyer, (this.currentBuyers.get(buyer) ?? 0) + 1);
    this.lastTradeAt = at;
  }

  uniqueBuyers(): number {
    return this.currentBuyers.size;
  }

  /** Forgets every trade (the window length changed); keeps `lastFiredAt` so the cooldown holds. */
  clearTrades(): void {
    this.times = [];
    this.amounts = [];
    this.buyers = [];
    this.head = 0;
    this.mid = 0;
    this.currentBuyers.clear();
    this.currentLamports = 0;
    this.currentTrades = 0;
    this.previousLamports = 0;
    this.previousTrades = 0;
  }

  advance(now: number, windowMs: number): void {
    const currentStart = now - windowMs;
    while (this.mid < this.times.length && (this.times[this.mid] as number) <= currentStart) {
      const lamports = this.amounts[this.mid] as number;
      this.currentLamports -= lamports;
      this.currentTrades -= 1;
      this.previousLamports += lamports;
      this.previousTrades += 1;
      const buyer = this.buyers[this.mid];
      if (buyer !== undefined) {
        const left = (this.currentBuyers.get(buyer) ?? 1) - 1;
        if (left === 0) this.currentBuyers.delete(buyer);
        else this.currentBuyers.set(buyer, left);
      }
      this.mid += 1;
    }
    const previousStart = currentStart - windowMs;
    while (this.head < this.mid && (this.times[this.head] as number) <= previousStart) {
      this.previousLamports -= this.amounts[this.head] as number;
      this.previousTrades -= 1;
      this.head += 1;
    }
    this.compact();
  }

  /** Drops the consumed prefix once it is at least half the arrays: O(1) amortized. */
  private compact(): void {
    if (this.head > 0 && this.head === this.times.length) {
      // Everything expired: a quiet mint should not keep its dead trades around.
      this.times = [];
      this.amounts = [];
      this.buyers = [];
      this.head = 0;
      this.mid = 0;
      return;
    }
    if (this.head < 64 || this.head * 2 < this.times.length) return;
    this.times.splice(0, this.head);
    this.amounts.splice(0, this.head);
    this.buyers.splice(0, this.head);
    this.mid -= this.head;
    this.head = 0;
  }
}
