import { NATIVE_MINT } from '@solana/spl-token';
import type { AccountInfo, Connection, PublicKey } from '@solana/web3.js';
import { DEFAULT_READ_TIMEOUT_MS, readWithin } from '../pump/chain-read.js';
import { LAUNCHLAB_PROGRAM_ID, POOL_STATUS, decodePoolState } from './launchlab-layout.js';
import { poolAddress } from './launchlab-pdas.js';

const LAMPORTS_PER_SOL = 1_000_000_000;

/** The same shape as the pump.fun curve's mark, so positions mark either venue alike. */
export interface LaunchLabMark {
  /** The pool left the curve (completed and migrating, or migrated to Raydium): the curve no longer prices it. */
  complete: boolean;
  /** SOL per whole token, (virtualQuote + realQuote) / (virtualBase − realBase); null once complete. */
  priceSol: number | null;
  virtualSolLamports: bigint;
  virtualTokensRaw: bigint;
}

/**
 * The mark of a bonk.fun position from its LaunchLab pool: the constant-product curve's spot
 * price, what the next small trade pays before fees. A number is fine here: it marks positions
 * and feeds exit rules in percent; no spending limit is compared against it.
 */
export function poolMarkFromAccount(account: Pick<AccountInfo<Buffer>, 'data' | 'owner'>, programId = LAUNCHLAB_PROGRAM_ID): LaunchLabMark {
  if (!account.owner.equals(programId)) {
    throw new Error(`not a LaunchLab pool: the account is owned by ${account.owner.toBase58()}`);
  }
  const pool = decodePoolState(account.data);
  if (!pool.quoteMint.equals(NATIVE_MINT)) {
    throw new Error(`the pool is quoted in ${pool.quoteMint.toBase58()}, not SOL: it cannot be marked in SOL`);
  }
  const virtualSolLamports = pool.virtualQuote + pool.realQuote;
  const virtualTokensRaw = pool.virtualBase > pool.realBase ? pool.virtualBase - pool.realBase : 0n;
  const complete = pool.status !== POOL_STATUS.funding;
  const priced = !complete && virtualSolLamports > 0n && virtualTokensRaw > 0n;
  return {
    complete,
    priceSol: priced ? Number(virtualSolLamports) / LAMPORTS_PER_SOL / (Number(virtualTokensRaw) / 10 ** pool.baseDecimals) : null,
    virtualSolLamports,
    virtualTokensRaw,
  };
}

/** Reads the mint's SOL-quoted LaunchLab pool (bounded in time) and marks it; throws when there is none or the read fails. */
export async function readPoolMark(
  connection: Pick<Connection, 'getAccountInfo'>,
  mint: PublicKey,
  options: { readTimeoutMs?: number; programId?: PublicKey } = {},
): Promise<LaunchLabMark> {
  const { readTimeoutMs = DEFAULT_READ_TIMEOUT_MS, programId = LAUNCHLAB_PROGRAM_ID } = options;
  const address = poolAddress(mint, NATIVE_MINT, programId);
  const account = await readWithin(`the LaunchLab pool of ${mint.toBase58()}`, readTimeoutMs, () => connection.getAccountInfo(address, 'confirmed'));
  if (!account) throw new Error(`no LaunchLab pool for ${mint.toBase58()} (${address.toBase58()})`);
  return poolMarkFromAccount(account, programId);
}
