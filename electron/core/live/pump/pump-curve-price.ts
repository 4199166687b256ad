import type { AccountInfo, Connection, PublicKey } from '@solana/web3.js';
import { pumpSdk } from '../../feeds/pump-sdk.js';
import { DEFAULT_READ_TIMEOUT_MS, readWithin } from './chain-read.js';

/** Every pump.fun coin is minted with 6 decimals (create and create_v2 alike). */
export const PUMP_TOKEN_DECIMALS = 6;
const LAMPORTS_PER_SOL = 1_000_000_000;

export interface CurveMark {
  /** The curve completed: the coin migrated (or is migrating) to PumpSwap and the curve no longer prices it. */
  complete: boolean;
  /** SOL per whole token from the virtual reserves; null once complete (the reserves are emptied). */
  priceSol: number | null;
  virtualSolLamports: bigint;
  virtualTokensRaw: bigint;
}

/**
 * The mark of a position from its bonding-curve account: the spot price the curve's constant
 * product gives (virtual SOL / virtual tokens), which is what the next small trade pays before
 * fees. A number is fine here: it marks positions and feeds exit rules in percent; no spending
 * limit is ever compared against it.
 */
export function curveMarkFromAccount(
  account: Pick<AccountInfo<Buffer>, 'data' | 'owner'>,
  decimals: number = PUMP_TOKEN_DECIMALS,
): CurveMark {
  if (!account.owner.equals(pumpSdk.PUMP_PROGRAM_ID)) {
    throw new Error(`not a pump.fun bonding curve: the account is owned by ${account.owner.toBase58()}`);
  }
  const curve = pumpSdk.PUMP_SDK.decodeBondingCurve(account as AccountInfo<Buffer>);
  if (!pumpSdk.isSolLikeQuoteMint(curve.quoteMint)) {
    throw new Error(`the curve is quoted in ${curve.quoteMint.toBase58()}, not SOL: it cannot be marked in SOL`);
  }
  const virtualSolLamports = BigInt(curve.virtualQuoteReserves.toString());
  const virtualTokensRaw = BigInt(curve.virtualTokenReserves.toString());
  const priced = !curve.complete && virtualSolLamports > 0n && virtualTokensRaw > 0n;
  return {
    complete: curve.complete,
    priceSol: priced
      ? (Number(virtualSolLamports) / LAMPORTS_PER_SOL) / (Number(virtualTokensRaw) / 10 ** decimals)
      : null,
    virtualSolLamports,
    virtualTokensRaw,
  };
}

/** Reads the mint's bonding curve and marks it; throws when the mint has no pump.fun curve or the read fails. */
export async function readCurveMark(
  connection: Pick<Connection, 'getAccountInfo'>,
  mint: PublicKey,
  options: { decimals?: number; readTimeoutMs?: number } = {},
): Promise<CurveMark> {
  const { decimals = PUMP_TOKEN_DECIMALS, readTimeoutMs = DEFAULT_READ_TIMEOUT_MS } = options;
  const address = pumpSdk.bondingCurvePda(mint);
  const account = await readWithin(`the bonding curve of ${mint.toBase58()}`, readTimeoutMs, () => connection.getAccountInfo(address));
  if (!account) throw new Error(`no pump.fun bonding curve for ${mint.toBase58()} (${address.toBase58()})`);
  return curveMarkFromAccount(account, decimals);
}
