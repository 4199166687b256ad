import {
  NATIVE_MINT,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  getTransferFeeConfig,
  unpackAccount,
  unpackMint,
  type TransferFeeConfig,
} from '@solana/spl-token';
import type { AccountInfo, Commitment, Connection, PublicKey } from '@solana/web3.js';
import { ChainReadError, DEFAULT_READ_TIMEOUT_MS, readWithin } from '../pump/chain-read.js';
import type { BuyPlan, BuyRequest, SellPlan, SellRequest, Venue } from '../venue.js';
import { bonkPlatformIdsFromEnv } from './bonk-platforms.js';
import { FEE_RATE_DENOMINATOR, assertSlippagePct, quoteBuyExactIn, quoteSellExactIn, withSlippage, type FeeRates } from './launchlab-curve.js';
import { describeLaunchLabError } from './launchlab-errors.js';
import { associatedTokenAddress, buyInstructions, sellInstructions, userAccounts, type LaunchLabTradeAccounts } from './launchlab-instructions.js';
import {
  LAUNCHLAB_PROGRAM_ID,
  LaunchLabLayoutError,
  POOL_STATUS,
  decodeGlobalConfig,
  decodePlatformConfig,
  decodePoolState,
  type PoolState,
} from './launchlab-layout.js';
import { poolAddress } from './launchlab-pdas.js';
import { transferFeeUpperBound } from './transfer-fee.js';

/** Why the venue would not plan a trade; nothing was sent. */
export type LaunchLabRefusalReason =
  | 'no-pool'
  | 'not-bonk'
  | 'migrating'
  | 'migrated'
  | 'unsupported'
  | 'malformed'
  | 'too-small'
  | 'not-held';

/** A trade the venue refuses to plan, with the reason; no transaction exists for it. */
export class LaunchLabRefusal extends Error {
  constructor(
    readonly reason: LaunchLabRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'LaunchLabRefusal';
  }
}

export interface LaunchLabVenueOptions {
  connection: Pick<Connection, 'getMultipleAccountsInfo'>;
  /** bonk.fun's PlatformConfig accounts; pools of any other platform are refused. Default: bonkPlatformIdsFromEnv(). */
  bonkPlatformIds?: readonly PublicKey[];
  /** Commitment of the account reads. Default 'confirmed': a processed pool can still roll back. */
  commitment?: Commitment;
  /** A plan's account read that gets no answer in this long fails (web3.js has no timeout of its own). Default 10 000. */
  readTimeoutMs?: number;
  /** How long a pool's fee configs (GlobalConfig, PlatformConfig) are reused before they are read again. Default 60 000; 0 reads them every plan. */
  configTtlMs?: number;
  /** The clock of that reuse. Default Date.now. */
  now?: () => number;
  programId?: PublicKey;
}

/** What one read of the chain tells about a mint's pool. */
interface PoolSnapshot {
  accounts: LaunchLabTradeAccounts;
  state: PoolState;
  fees: FeeRates;
  decimals: number;
  transferFee: TransferFeeConfig | null;
}

/**
 * bonk.fun (Raydium LaunchLab) as a live venue: reads the mint's pool, refuses pools of
 * other platforms and pools off the curve, quotes on the pool's curve with its fees and
 * returns buy_exact_in / sell_exact_in with the WSOL wrapping around them.
 */
export class LaunchLabVenue implements Venue {
  readonly name = 'launchlab' as const;
  readonly programId: PublicKey;
  private readonly connection: Pick<Connection, 'getMultipleAccountsInfo'>;
  private readonly platformIds: readonly PublicKey[];
  private readonly commitment: Commitment;
  private readonly readTimeoutMs: number;
  private readonly configTtlMs: number;
  private readonly now: () => number;
  private readonly configs = new Map<string, { fees: FeeRates; at: number }>();

  constructor(options: LaunchLabVenueOptions) {
    this.connection = options.connection;
    this.programId = options.programId ?? LAUNCHLAB_PROGRAM_ID;
    this.platformIds = options.bonkPlatformIds ?? bonkPlatformIdsFromEnv();
    this.commitment = options.commitment ?? 'confirmed';
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    this.configTtlMs = options.configTtlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async planBuy(request: BuyRequest): Promise<BuyPlan> {
    if (typeof request.solLamports !== 'bigint' || request.solLamports <= 0n) {
      throw new RangeError(`a bonk.fun buy needs a positive lamport amount, got ${String(request.solLamports)}`);
    }
    assertSlippagePct(request.slippagePct);
    const pool = await this.readPool(request.mint, request.user);
    const quote = quoteBuyExactIn(pool.state, pool.fees, request.solLamports);
    // The user receives what the curve pays out less the Token-2022 transfer fee, if the mint has one.
    const expectedTokensRaw = quote.tokensOut - transferFeeUpperBound(pool.transferFee, quote.tokensOut);
    const minimumTokensOut = withSlippage(expectedTokensRaw, request.slippagePct);
    if (minimumTokensOut <= 0n) {
      throw new LaunchLabRefusal('too-small', `${request.mint.toBase58()}: ${request.solLamports} lamports buy no token at this price`);
    }
    return {
      venue: this.name,
      instructions: buyInstructions(pool.accounts, quote.amountInLamports, minimumTokensOut),
      tokenProgram: pool.accounts.baseTokenProgram,
      userTokenAccount: userAccounts(pool.accounts).base,
      decimals: pool.decimals,
      // buy_exact_in spends exactly amount_in (never more): the cap needs no slippage on top.
      // The WSOL account's rent is paid and returned in the same transaction when it is closed.
      maxSolCostLamports: quote.amountInLamports,
      expectedTokensRaw,
    };
  }

  async planSell(request: SellRequest): Promise<SellPlan> {
    if (typeof request.tokensRaw !== 'bigint' || request.tokensRaw <= 0n) {
      throw new RangeError(`a bonk.fun sell needs a positive token amount, got ${String(request.tokensRaw)}`);
    }
    assertSlippagePct(request.slippagePct);
    const pool = await this.readPool(request.mint, request.user, request.tokensRaw);
    const reachVault = request.tokensRaw - transferFeeUpperBound(pool.transferFee, request.tokensRaw);
    if (reachVault <= 0n) {
      throw new LaunchLabRefusal('too-small', `${request.mint.toBase58()}: ${request.tokensRaw} raw tokens are all taken by the transfer fee`);
    }
    const quote = quoteSellExactIn(pool.state, pool.fees, reachVault);
    const minSolOutLamports = withSlippage(quote.lamportsOut, request.slippagePct);
    if (minSolOutLamports <= 0n) {
      throw new LaunchLabRefusal('too-small', `${request.mint.toBase58()}: ${request.tokensRaw} raw tokens sell for no lamport at this price`);
    }
    return {
      venue: this.name,
      instructions: sellInstructions(pool.accounts, request.tokensRaw, minSolOutLamports),
      tokenProgram: pool.accounts.baseTokenProgram,
      userTokenAccount: userAccounts(pool.accounts).base,
      decimals: pool.decimals,
      minSolOutLamports,
      tokensRaw: request.tokensRaw,
    };
  }

  describeError(code: number): string | undefined {
    return describeLaunchLabError(code);
  }

  /**
   * Two reads: the pool with the mint (and, for a sell of `sellingRaw`, the user's token
   * account under either token program, the mint's owner not being known yet), then the
   * pool's global and platform configs (unless kept from an earlier plan, see feesOf).
   */
  private async readPool(mint: PublicKey, user: PublicKey, sellingRaw?: bigint): Promise<PoolSnapshot> {
    const pool = poolAddress(mint, NATIVE_MINT, this.programId);
    const where = `${mint.toBase58()} (LaunchLab pool ${pool.toBase58()})`;
    const holdings = sellingRaw === undefined ? [] : [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID].map((program) => associatedTokenAddress(mint, user, program));
    const [poolInfo, mintInfo, ...holdingInfos] = await this.read(where, [pool, mint, ...holdings]);
    if (!poolInfo) throw new LaunchLabRefusal('no-pool', `${where}: no LaunchLab pool quoted in SOL exists for this mint`);
    const state = this.decode(where, poolInfo, decodePoolState);
    if (!state.baseMint.equals(mint) || !state.quoteMint.equals(NATIVE_MINT)) {
      throw new LaunchLabRefusal('malformed', `${where}: the pool account names mints ${state.baseMint.toBase58()}/${state.quoteMint.toBase58()}`);
    }
    if (!this.platformIds.some((id) => id.equals(state.platformConfig))) {
      throw new LaunchLabRefusal(
        'not-bonk',
        `${where}: launched on LaunchLab platform ${state.platformConfig.toBase58()}, which is not a bonk.fun platform id ` +
          `(known: ${this.platformIds.map((id) => id.toBase58()).join(', ')}); add it to the bonk.fun platform id list if bonk.fun moved`,
      );
    }
    refuseOffCurve(where, state.status);
    refuseImpossibleCurve(where, state);
    if (!mintInfo) throw new LaunchLabRefusal('malformed', `${where}: the mint account does not exist`);
    const baseTokenProgram = mintInfo.owner;
    if (!baseTokenProgram.equals(TOKEN_PROGRAM_ID) && !baseTokenProgram.equals(TOKEN_2022_PROGRAM_ID)) {
      throw new LaunchLabRefusal('malformed', `${where}: the mint is owned by ${baseTokenProgram.toBase58()}, not a token program`);
    }
    let decimals: number;
    let transferFee: TransferFeeConfig | null;
    try {
      const decoded = unpackMint(mint, mintInfo, baseTokenProgram);
      decimals = decoded.decimals;
      transferFee = getTransferFeeConfig(decoded);
    } catch (error) {
      throw new LaunchLabRefusal('malformed', `${where}: the mint account is not a mint (${(error as Error).name})`);
    }
    if (decimals !== state.baseDecimals) {
      throw new LaunchLabRefusal('malformed', `${where}: the mint has ${decimals} decimals, the pool says ${state.baseDecimals}`);
    }
    if (sellingRaw !== undefined) {
      const programIndex = baseTokenProgram.equals(TOKEN_PROGRAM_ID) ? 0 : 1;
      assertHolds(where, holdings[programIndex]!, holdingInfos[programIndex] ?? null, baseTokenProgram, sellingRaw);
    }

    const fees = await this.feesOf(where, state);
    return {
      accounts: { user, pool, state, baseTokenProgram, programId: this.programId },
      state,
      fees,
      decimals,
      transferFee,
    };
  }

  /**
   * The pool's fee rates from its GlobalConfig and PlatformConfig. These change only by an
   * admin's update, so a valid pair is kept for configTtlMs: a plan is then one read instead
   * of two, which is latency a snipe does not pay. Errors are never kept.
   */
  private async feesOf(where: string, state: PoolState): Promise<FeeRates> {
    const key = `${state.globalConfig.toBase58()}:${state.platformConfig.toBase58()}`;
    const cached = this.configs.get(key);
    if (cached && this.now() - cached.at < this.configTtlMs) return cached.fees;
    const [globalInfo, platformInfo] = await this.read(where, [state.globalConfig, state.platformConfig]);
    if (!globalInfo) throw new LaunchLabRefusal('malformed', `${where}: its global config ${state.globalConfig.toBase58()} does not exist`);
    if (!platformInfo) throw new LaunchLabRefusal('malformed', `${where}: its platform config ${state.platformConfig.toBase58()} does not exist`);
    const global = this.decode(where, globalInfo, decodeGlobalConfig);
    const platform = this.decode(where, platformInfo, decodePlatformConfig);
    if (global.curveType !== 0) {
      // bonk.fun launches on the constant-product curve; the fixed and linear curves are not built.
      throw new LaunchLabRefusal('unsupported', `${where}: curve type ${global.curveType} is not the constant-product curve this venue quotes`);
    }
    const fees = { protocol: global.tradeFeeRate, platform: platform.feeRate, creator: platform.creatorFeeRate };
    if (fees.protocol + fees.platform + fees.creator >= FEE_RATE_DENOMINATOR) {
      // Not kept either: a config whose fees take the whole trade is broken or not what we read.
      throw new LaunchLabRefusal('malformed', `${where}: its fee rates add up to ${fees.protocol + fees.platform + fees.creator} millionths, the whole trade`);
    }
    this.configs.set(key, { fees, at: this.now() });
    return fees;
  }

  /** One getMultipleAccounts, bounded in time; a failed or malformed reply is a ChainReadError naming the pool. */
  private async read(where: string, keys: PublicKey[]): Promise<(AccountInfo<Buffer> | null)[]> {
    const what = `the accounts of ${where}`;
    const infos = await readWithin(what, this.readTimeoutMs, () => this.connection.getMultipleAccountsInfo(keys, this.commitment));
    if (infos.length !== keys.length) throw new ChainReadError(`could not read ${what} from the RPC: ${infos.length} accounts for ${keys.length} asked`);
    return infos;
  }

  private decode<T>(where: string, info: AccountInfo<Buffer>, decode: (data: Uint8Array) => T): T {
    if (!info.owner.equals(this.programId)) {
      throw new LaunchLabRefusal('malformed', `${where}: an account owned by ${info.owner.toBase58()}, not by LaunchLab`);
    }
    try {
      return decode(info.data);
    } catch (error) {
      if (error instanceof LaunchLabLayoutError) throw new LaunchLabRefusal('malformed', `${where}: ${error.message}`);
      throw error;
    }
  }
}

/** A sell of more than the wallet's token account holds would only fail on chain. */
function assertHolds(where: string, address: PublicKey, info: AccountInfo<Buffer> | null, tokenProgram: PublicKey, sellingRaw: bigint): void {
  if (!info) throw new LaunchLabRefusal('not-held', `${where}: the wallet has no token account for this mint (${address.toBase58()}), nothing to sell`);
  let held: bigint;
  try {
    held = unpackAccount(address, info, tokenProgram).amount;
  } catch (error) {
    throw new LaunchLabRefusal('malformed', `${where}: the wallet's token account ${address.toBase58()} is not a token account (${(error as Error).name})`);
  }
  if (held < sellingRaw) {
    throw new LaunchLabRefusal('not-held', `${where}: selling ${sellingRaw} raw tokens but the wallet holds ${held}`);
  }
}

/**
 * A funding pool whose numbers cannot be a constant-product curve (no reserves left on a side,
 * more sold than the curve sells) is refused before any quote: the program would refuse it too,
 * and a quote on it would mean nothing.
 */
function refuseImpossibleCurve(where: string, pool: PoolState): void {
  if (pool.virtualBase <= pool.realBase || pool.virtualQuote + pool.realQuote === 0n) {
    throw new LaunchLabRefusal('malformed', `${where}: the pool's reserves are not a curve (virtual base ${pool.virtualBase}, sold ${pool.realBase}, quote ${pool.virtualQuote} + ${pool.realQuote})`);
  }
  if (pool.realBase >= pool.totalBaseSell) {
    throw new LaunchLabRefusal('migrating', `${where}: the curve has sold all ${pool.totalBaseSell} raw tokens it sells; its migration to Raydium is pending: not tradable here`);
  }
}

function refuseOffCurve(where: string, status: number): void {
  switch (status) {
    case POOL_STATUS.funding:
      return;
    case POOL_STATUS.migrating:
      throw new LaunchLabRefusal('migrating', `${where}: the curve is complete and the pool is migrating to Raydium: not tradable here`);
    case POOL_STATUS.migrated:
      throw new LaunchLabRefusal('migrated', `${where}: migrated to Raydium: not sellable here yet`);
    default:
      throw new LaunchLabRefusal('malformed', `${where}: unknown pool status ${status}`);
  }
}
