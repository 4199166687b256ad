import { NATIVE_MINT, TOKEN_PROGRAM_ID, unpackAccount } from '@solana/spl-token';
import type { Connection, PublicKey } from '@solana/web3.js';
import { pumpSdk } from '../../feeds/pump-sdk.js';
import { DEFAULT_READ_TIMEOUT_MS, readWithin } from './chain-read.js';
import { PUMP_TOKEN_DECIMALS } from './pump-curve-price.js';
import { pumpSwapSdk } from './pump-swap-sdk.js';
import { NoPumpSwapPoolError } from './pumpswap-state.js';
import { checkedTokenProgram } from './token-program.js';

export interface PoolMark {
  /** SOL per whole token at the pool's spot price; null when a reserve is empty. */
  priceSol: number | null;
  baseRaw: bigint;
  /** The pool's real SOL plus its virtual SOL (boosted pools price on both, as the program does). */
  quoteLamports: bigint;
}

/**
 * The mark of a migrated pump.fun coin from its canonical PumpSwap pool: (real + virtual SOL)
 * over the base reserve, the spot price PumpSwap's own quote starts from. Three reads: the pool,
 * then its two vaults together. A number, for marks and exits in percent only.
 */
export async function readPumpSwapMark(
  connection: Pick<Connection, 'getAccountInfo'>,
  mint: PublicKey,
  options: { decimals?: number; readTimeoutMs?: number } = {},
): Promise<PoolMark> {
  const { decimals = PUMP_TOKEN_DECIMALS, readTimeoutMs = DEFAULT_READ_TIMEOUT_MS } = options;
  const poolKey = pumpSdk.canonicalPumpPoolPda(mint);
  const account = await readWithin(`the PumpSwap pool of ${mint.toBase58()}`, readTimeoutMs, () => connection.getAccountInfo(poolKey));
  if (!account) throw new NoPumpSwapPoolError(mint, poolKey);
  if (!account.owner.equals(pumpSdk.PUMP_AMM_PROGRAM_ID)) throw new Error(`${poolKey.toBase58()} is not a PumpSwap account`);
  let pool: import('@pump-fun/pump-swap-sdk').Pool;
  try {
    pool = pumpSwapSdk.PUMP_AMM_SDK.decodePool(account);
  } catch (error) {
    throw new Error(`the PumpSwap pool of ${mint.toBase58()} does not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!pool.baseMint.equals(mint) || !pool.quoteMint.equals(NATIVE_MINT)) {
    throw new Error(`the PumpSwap pool ${poolKey.toBase58()} is not ${mint.toBase58()} against SOL`);
  }
  const [baseVault, quoteVault] = await readWithin(`the PumpSwap vaults of ${mint.toBase58()}`, readTimeoutMs, () =>
    Promise.all([connection.getAccountInfo(pool.poolBaseTokenAccount), connection.getAccountInfo(pool.poolQuoteTokenAccount)]),
  );
  if (!baseVault || !quoteVault) throw new Error(`a vault of the PumpSwap pool of ${mint.toBase58()} is missing`);
  const baseRaw = unpackAccount(pool.poolBaseTokenAccount, baseVault, checkedTokenProgram(mint, baseVault.owner)).amount;
  const realQuote = unpackAccount(pool.poolQuoteTokenAccount, quoteVault, TOKEN_PROGRAM_ID).amount;
  const quoteLamports = realQuote + BigInt(pool.virtualQuoteReserves.toString());
  return {
    priceSol: baseRaw > 0n && quoteLamports > 0n ? Number(quoteLamports) / 1e9 / (Number(baseRaw) / 10 ** decimals) : null,
    baseRaw,
    quoteLamports,
  };
}
