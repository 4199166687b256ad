/**
 * The live wallet's balance as the SOL reserve sees it. `purchasesUpTo` is the ledger's
 * newest purchase id taken just before the read was asked for: the balance shows every
 * purchase up to it, and the reserve check takes off those recorded after it (counting a
 * buy twice for one read errs on the side of spending less; missing one would not).
 */
export interface BalanceReading {
  lamports: bigint;
  /** When the RPC node answered (this machine's clock). */
  readAt: number;
  purchasesUpTo: number;
}

/** What the coordinator asks in live mode; undefined: never read (the claim is refused). */
export interface WalletBalanceSource {
  reading(): BalanceReading | undefined;
  /** An older reading is not trusted: buying is refused until a fresh one arrives. */
  readonly maxAgeMs: number;
  /** Now on the clock `readAt` is on (the engine's clock may be a tape's event time). */
  now(): number;
}
