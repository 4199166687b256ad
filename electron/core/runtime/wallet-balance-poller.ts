import type { BalanceReading, WalletBalanceSource } from '../coordinator/wallet-balance.js';
import type { Clock } from '../time/clock.js';

export interface WalletBalancePollerOptions {
  /** The wallet's address, base58. */
  address: string;
  /** The RPC read, at the commitment buys are confirmed at (so a recorded buy is in it). */
  getBalance: (address: string) => Promise<bigint>;
  /** The ledger's newest purchase id, taken just before each read (see BalanceReading). */
  newestPurchaseId: () => number;
  clock: Clock;
  /** Between reads (default 5 s). */
  intervalMs?: number;
  /** A reading older than this is not trusted: live buys are refused until a fresh one (default 30 s). */
  maxAgeMs?: number;
  /** A read failed, or reads work again after failing: said once per change, not on every poll. */
  onProblem?: (message: string | undefined) => void;
}

/**
 * Reads the live wallet's balance every few seconds for the SOL reserve and the console.
 * A failed read keeps the last good reading, which then goes stale on its own: the reserve
 * check refuses a stale balance rather than guessing. Reads never overlap.
 */
export class WalletBalancePoller implements WalletBalanceSource {
  readonly maxAgeMs: number;
  private last: BalanceReading | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading_: Promise<void> | undefined;
  private problem: string | undefined;

  constructor(private readonly options: WalletBalancePollerOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 30_000;
  }

  reading(): BalanceReading | undefined {
    return this.last;
  }

  now(): number {
    return this.options.clock.now();
  }

  /** The first read now (awaited: a live run starts with its balance known, or says why not), then every interval. */
  async start(): Promise<void> {
    await this.readNow();
    this.timer = setInterval(() => void this.readNow(), this.options.intervalMs ?? 5_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One read, or the one already running. Never throws: a failure is reported through onProblem. */
  readNow(): Promise<void> {
    this.reading_ ??= this.read().finally(() => {
      this.reading_ = undefined;
    });
    return this.reading_;
  }

  private async read(): Promise<void> {
    const { options } = this;
    try {
      const purchasesUpTo = options.newestPurchaseId();
      const lamports = await options.getBalance(options.address);
      if (typeof lamports !== 'bigint' || lamports < 0n) throw new Error(`the RPC gave ${String(lamports)} as the balance`);
      this.last = { lamports, readAt: options.clock.now(), purchasesUpTo };
      this.report(undefined);
    } catch (error) {
      this.report(`the wallet balance could not be read (${error instanceof Error ? error.message : String(error)}); live buys are refused once the last reading is ${Math.round(this.maxAgeMs / 1_000)} s old`);
    }
  }

  private report(problem: string | undefined): void {
    if (problem === this.problem) return;
    const had = this.problem !== undefined;
    this.problem = problem;
    if (problem !== undefined || had) this.options.onProblem?.(problem);
  }
}
