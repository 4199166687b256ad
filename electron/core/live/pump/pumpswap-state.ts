import {
  AccountLayout,
  MintLayout,
  NATIVE_MINT,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import type { AccountInfo, Connection, PublicKey } from '@solana/web3.js';
import BN from 'bn.js';
import { pumpSdk } from '../../feeds/pump-sdk.js';
import { readWithin } from './chain-read.js';
import { pumpSwapSdk } from './pump-swap-sdk.js';
import { checkedTokenProgram } from './token-program.js';

type SwapSolanaState = import('@pump-fun/pump-swap-sdk').SwapSolanaState;

/** The coin has no canonical PumpSwap pool (not migrated, or its migration not landed yet). */
export class NoPumpSwapPoolError extends Error {
  constructor(mint: PublicKey, pool: PublicKey) {
    super(`no PumpSwap pool for ${mint.toBase58()} (${pool.toBase58()}): the coin has not migrated to PumpSwap (yet)`);
    this.name = 'NoPumpSwapPoolError';
  }
}

/**
 * The state pump-swap-sdk's sell builder takes, for a mint's canonical pool, in ONE
 * getMultipleAccounts. The SDK's `swapSolanaState` reads the same accounts in three rounds
 * (configs and pool; mints and vaults; the user's accounts) because it learns the vaults and
 * the token program from the first two; for the canonical pool they are known in advance (the
 * pool's associated accounts for the mint under SPL Token or Token-2022, and for WSOL), so both
 * candidates are read at once. A stop loss waits one round trip, not three. The pool's
 * recorded vaults are checked against the ones read; a pool that names others is read the
 * SDK's way. The tests compare this state with `swapSolanaState`'s, field by field.
 */
export async function readSwapState(
  connection: Pick<Connection, 'getMultipleAccountsInfo'>,
  sdk: { swapSolanaState(pool: PublicKey, user: PublicKey): Promise<SwapSolanaState> },
  mint: PublicKey,
  user: PublicKey,
  timeoutMs: number,
): Promise<SwapSolanaState> {
  const poolKey = pumpSdk.canonicalPumpPoolPda(mint);
  const ata = (owner: PublicKey, of: PublicKey, program: PublicKey) => getAssociatedTokenAddressSync(of, owner, true, program);
  const keys = [
    pumpSwapSdk.GLOBAL_CONFIG_PDA,
    pumpSwapSdk.PUMP_AMM_FEE_CONFIG_PDA,
    poolKey,
    mint,
    ata(poolKey, mint, TOKEN_PROGRAM_ID),
    ata(poolKey, mint, TOKEN_2022_PROGRAM_ID),
    ata(poolKey, NATIVE_MINT, TOKEN_PROGRAM_ID),
    ata(user, mint, TOKEN_PROGRAM_ID),
    ata(user, mint, TOKEN_2022_PROGRAM_ID),
    ata(user, NATIVE_MINT, TOKEN_PROGRAM_ID),
  ];
  const infos = await readWithin(`the PumpSwap pool of ${mint.toBase58()}`, timeoutMs, () => connection.getMultipleAccountsInfo(keys));
  if (!Array.isArray(infos) || infos.length !== keys.length) {
    throw new Error(`the RPC answered ${Array.isArray(infos) ? infos.length : 'no list of'} accounts for ${keys.length} asked`);
  }
  const [configInfo, feeInfo, poolInfo, mintInfo, baseSpl, base2022, quoteVault, userSpl, user2022, userQuote] = infos;
  if (!poolInfo) throw new NoPumpSwapPoolError(mint, poolKey);
  if (!poolInfo.owner.equals(pumpSdk.PUMP_AMM_PROGRAM_ID)) throw new Error(`${poolKey.toBase58()} is not a PumpSwap account`);
  if (!configInfo) throw new Error('the PumpSwap GlobalConfig account was not found: wrong cluster or RPC?');
  if (!mintInfo) throw new Error(`mint ${mint.toBase58()} not found on chain`);

  const pool = decoded('pool', () => pumpSwapSdk.PUMP_AMM_SDK.decodePool(poolInfo));
  const baseTokenProgram = checkedTokenProgram(mint, mintInfo.owner);
  const isToken2022 = baseTokenProgram.equals(TOKEN_2022_PROGRAM_ID);
  const baseVault = isToken2022 ? base2022 : baseSpl;
  const expectedBaseVault = keys[isToken2022 ? 5 : 4]!;
  if (!pool.poolBaseTokenAccount.equals(expectedBaseVault) || !pool.poolQuoteTokenAccount.equals(keys[6]!)) {
    // Not the canonical layout: the SDK finds the vaults the pool names.
    return readWithin(`the PumpSwap pool of ${mint.toBase58()}`, timeoutMs, () => sdk.swapSolanaState(poolKey, user));
  }
  if (!baseVault || !quoteVault) throw new Error(`a vault of the PumpSwap pool of ${mint.toBase58()} is missing`);

  return {
    globalConfig: decoded('GlobalConfig', () => pumpSwapSdk.PUMP_AMM_SDK.decodeGlobalConfig(configInfo)),
    feeConfig: feeInfo ? decoded('FeeConfig', () => pumpSwapSdk.PUMP_AMM_SDK.decodeFeeConfig(feeInfo)) : null,
    poolKey,
    poolAccountInfo: poolInfo,
    pool,
    poolBaseAmount: new BN(decoded('base vault', () => AccountLayout.decode(baseVault.data)).amount.toString()),
    poolQuoteAmount: new BN(decoded('quote vault', () => AccountLayout.decode(quoteVault.data)).amount.toString()),
    baseTokenProgram,
    quoteTokenProgram: TOKEN_PROGRAM_ID,
    baseMint: mint,
    baseMintAccount: decoded('mint', () => MintLayout.decode(mintInfo.data)),
    user,
    userBaseTokenAccount: keys[isToken2022 ? 8 : 7]!,
    userQuoteTokenAccount: keys[9]!,
    userBaseAccountInfo: ((isToken2022 ? user2022 : userSpl) ?? null) as AccountInfo<Buffer> | null,
    userQuoteAccountInfo: (userQuote ?? null) as AccountInfo<Buffer> | null,
  };
}

function decoded<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw new Error(`the PumpSwap ${what} account does not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
}
