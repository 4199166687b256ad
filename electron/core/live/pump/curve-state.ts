import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import type { AccountInfo, Connection, PublicKey } from '@solana/web3.js';
import { pumpSdk } from '../../feeds/pump-sdk.js';
import { DEFAULT_READ_TIMEOUT_MS, readWithin } from './chain-read.js';
import { readMint, type MintFacts } from './token-program.js';

type Global = import('@pump-fun/pump-sdk').Global;
type BondingCurve = import('@pump-fun/pump-sdk').BondingCurve;
type FeeConfig = import('@pump-fun/pump-sdk').FeeConfig;

export interface CurveState {
  mint: MintFacts;
  global: Global;
  /** null when the pump-fees FeeConfig does not exist: the SDK then quotes with Global's fee rates. */
  feeConfig: FeeConfig | null;
  bondingCurveAccountInfo: AccountInfo<Buffer>;
  bondingCurve: BondingCurve;
  /** The user's associated token account under the mint's own token program. */
  userTokenAccount: PublicKey;
  userTokenAccountInfo: AccountInfo<Buffer> | null;
}

/**
 * Everything a curve buy or sell needs in ONE getMultipleAccounts: the mint (its owner is the
 * token program), the curve, Global, the FeeConfig and the user's ATA under both token programs
 * (the right one is picked once the mint's owner is known). OnlinePumpSdk's fetchGlobal,
 * fetchFeeConfig and fetchBuyState would be three round trips, the ATA one only after the mint
 * was read; the same SDK decoders are used here.
 */
export async function readCurveState(
  connection: Pick<Connection, 'getMultipleAccountsInfo'>,
  mint: PublicKey,
  user: PublicKey,
  timeoutMs: number = DEFAULT_READ_TIMEOUT_MS,
): Promise<CurveState> {
  const curveAddress = pumpSdk.bondingCurvePda(mint);
  const splAta = getAssociatedTokenAddressSync(mint, user, true, TOKEN_PROGRAM_ID);
  const token2022Ata = getAssociatedTokenAddressSync(mint, user, true, TOKEN_2022_PROGRAM_ID);
  const accounts = await readWithin(`the pump.fun accounts of ${mint.toBase58()}`, timeoutMs, () =>
    connection.getMultipleAccountsInfo([mint, curveAddress, pumpSdk.GLOBAL_PDA, pumpSdk.PUMP_FEE_CONFIG_PDA, splAta, token2022Ata]),
  );
  if (!Array.isArray(accounts) || accounts.length !== 6) {
    throw new Error(`the RPC answered ${Array.isArray(accounts) ? accounts.length : 'no list of'} accounts for 6 asked`);
  }
  const [mintInfo, curveInfo, globalInfo, feeConfigInfo, splAtaInfo, token2022AtaInfo] = accounts;

  const mintFacts = readMint(mint, mintInfo ?? null);
  if (!curveInfo) {
    throw new Error(
      `no pump.fun bonding curve for ${mint.toBase58()}: not a pump.fun coin, or created too recently for this RPC to show it`,
    );
  }
  if (!curveInfo.owner.equals(pumpSdk.PUMP_PROGRAM_ID)) {
    throw new Error(`the bonding curve of ${mint.toBase58()} is not owned by the pump.fun program`);
  }
  if (!globalInfo) throw new Error('the pump.fun Global account was not found: wrong cluster or RPC?');

  const bondingCurve = decoded('bonding curve', () => pumpSdk.PUMP_SDK.decodeBondingCurve(curveInfo));
  const global = decoded('Global', () => pumpSdk.PUMP_SDK.decodeGlobal(globalInfo));
  const feeConfig = feeConfigInfo ? decoded('FeeConfig', () => pumpSdk.PUMP_SDK.decodeFeeConfig(feeConfigInfo)) : null;
  const isToken2022 = mintFacts.tokenProgram.equals(TOKEN_2022_PROGRAM_ID);
  return {
    mint: mintFacts,
    global,
    feeConfig,
    bondingCurveAccountInfo: curveInfo,
    bondingCurve,
    userTokenAccount: isToken2022 ? token2022Ata : splAta,
    userTokenAccountInfo: (isToken2022 ? token2022AtaInfo : splAtaInfo) ?? null,
  };
}

function decoded<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw new Error(`the pump.fun ${what} account does not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
}
