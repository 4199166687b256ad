import type { PublicKey, TransactionInstruction } from '@solana/web3.js';

/**
 * Where a live trade is made: pump.fun's bonding curve, PumpSwap after a pump.fun token
 * migrated, or Raydium LaunchLab for bonk.fun. A venue reads what it needs from the chain
 * and returns the instructions of one buy or sell; the live trader adds the compute budget,
 * signs, fences, sends and confirms, the same way for every venue.
 */
export type VenueName = 'pump-curve' | 'pumpswap' | 'launchlab';

export interface BuyRequest {
  mint: PublicKey;
  user: PublicKey;
  /** SOL to put in, in lamports (before slippage). */
  solLamports: bigint;
  /** Percent, 0.1 steps. */
  slippagePct: number;
}

export interface SellRequest {
  mint: PublicKey;
  user: PublicKey;
  /** Raw token units. */
  tokensRaw: bigint;
  slippagePct: number;
}

export interface TradePlan {
  venue: VenueName;
  instructions: TransactionInstruction[];
  /** The mint's owner: SPL Token or Token-2022 (create_v2 coins). */
  tokenProgram: PublicKey;
  /** The user's associated token account for the mint under that program. */
  userTokenAccount: PublicKey;
  decimals: number;
}

export interface BuyPlan extends TradePlan {
  /** The most SOL the instructions can take from the wallet for the trade (fees and rent excluded). */
  maxSolCostLamports: bigint;
  /** Tokens the quote expects, raw units. */
  expectedTokensRaw: bigint;
}

export interface SellPlan extends TradePlan {
  /** The least SOL the sell accepts; below it the program refuses the sell. */
  minSolOutLamports: bigint;
  tokensRaw: bigint;
}

export interface Venue {
  readonly name: VenueName;
  /** The venue's program, whose custom error codes `describeError` names. */
  readonly programId: PublicKey;
  planBuy(request: BuyRequest): Promise<BuyPlan>;
  planSell(request: SellRequest): Promise<SellPlan>;
  /** A trader-readable name for one of the program's custom error codes, e.g. 6002 → "TooMuchSolRequired: ...". */
  describeError(code: number): string | undefined;
}

/** Picks the venue of a mint now: a pump.fun token whose curve completed sells on PumpSwap. */
export interface VenueRouter {
  forBuy(platform: 'pump.fun' | 'bonk.fun', mint: PublicKey): Promise<Venue>;
  forSell(platform: 'pump.fun' | 'bonk.fun', mint: PublicKey): Promise<Venue>;
}
