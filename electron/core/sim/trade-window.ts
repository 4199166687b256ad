/**
 * The last few minutes of one token's trades: rolling volume and the price at the start
 * of the window, which is what a trending list ranks and shows.
 */
export class TradeWindow {
  private at: number[] = [];
  private sol: number[] = [];
  private priceBefore: number[] = [];
  private head = 0;
  private volume = 0;

  constructor(private readonly spanMs: number) {}

  record(at: number, solAmount: number, priceBefore: number): void {
    this.at.push(at);
    this.sol.push(solAmount);
    this.priceBefore.push(priceBefore);
    this.volume += solAmount;
  }

  /** Volume in SOL over the window ending at `now`. */
  volumeSol(now: number): number {
    this.prune(now);
    return Math.max(0, this.volume);
  }

  /** Price when the window opened, or undefined when nothing traded in it. */
  openingPrice(now: number): number | undefined {
    this.prune(now);
    return this.head < this.at.length ? this.priceBefore[this.head] : undefined;
  }

  private prune(now: number): void {
    const cutoff = now - this.spanMs;
    while (this.head < this.at.length && (this.at[this.head] as number) <= cutoff) {
      this.volume -= this.sol[this.head] as number;
      this.head++;
    }
    // Compact now and then so a long-lived token does not keep every trade it ever had.
    if (this.head > 256 && this.head * 2 > this.at.length) {
      this.at = this.at.slice(this.head);
      this.sol = this.sol.slice(this.head);
      this.priceBefore = this.priceBefore.slice(this.head);
      this.head = 0;
    }
    if (this.head === this.at.length) this.volume = 0;
  }
}
