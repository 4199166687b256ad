import {
  ACCOUNT_SIZE,
  AccountLayout,
  AccountState,
  ExtensionType,
  MINT_SIZE,
  MintLayout,
  NATIVE_MINT,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  TransferFeeConfigLayout,
  getAssociatedTokenAddressSync,
  getMintLen,
  type RawMint,
} from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import { ACCOUNT_DISCRIMINATORS, LAUNCHLAB_PROGRAM_ID, LAYOUT_OFFSETS, POOL_STATUS } from '../../electron/core/live/bonk/launchlab-layout.js';
import { poolAddress, poolVaultAddress } from '../../electron/core/live/bonk/launchlab-pdas.js';

/**
 * Encoders for the LaunchLab accounts a bonk.fun trade reads, so a local JSON-RPC server can
 * serve a pool: PoolState, GlobalConfig, PlatformConfig and the base mint (SPL Token or
 * Token-2022, optionally with a transfer fee). Each returns the bytes and the owner the
 * chain would report. The layout tests decode these bytes with Raydium's SDK too, so an
 * offset wrong here and in the app alike cannot go unnoticed.
 */
export interface EncodedAccount {
  owner: PublicKey;
  data: Buffer;
  lamports?: number;
}

/** Sizes of the accounts as the program allocates them. */
export const ACCOUNT_SIZES = { PoolState: 429, GlobalConfig: 371, PlatformConfig: 944 } as const;

/** bonk.fun's default curve (supply 1e15 raw, 793.1e12 sold for 85 SOL), from Raydium's getInitParam. */
export const BONK_DEFAULT_CURVE = {
  supply: 1_000_000_000_000_000n,
  totalBaseSell: 793_100_000_000_000n,
  virtualBase: 1_073_025_605_596_382n,
  virtualQuote: 30_000_852_951n,
  totalQuoteFundRaising: 85_000_000_000n,
} as const;

export interface PoolFields {
  status: number;
  baseDecimals: number;
  quoteDecimals: number;
  migrateType: number;
  supply: bigint;
  totalBaseSell: bigint;
  virtualBase: bigint;
  virtualQuote: bigint;
  realBase: bigint;
  realQuote: bigint;
  totalQuoteFundRaising: bigint;
  globalConfig: PublicKey;
  platformConfig: PublicKey;
  baseMint: PublicKey;
  quoteMint: PublicKey;
  baseVault: PublicKey;
  quoteVault: PublicKey;
  creator: PublicKey;
}

export function encodePoolState(fields: PoolFields): EncodedAccount {
  const o = LAYOUT_OFFSETS.pool;
  const data = withDiscriminator('PoolState', ACCOUNT_SIZES.PoolState);
  data.writeBigUInt64LE(1n, 8); // epoch
  data.writeUInt8(255, 16); // auth bump
  data.writeUInt8(fields.status, o.status);
  data.writeUInt8(fields.baseDecimals, o.baseDecimals);
  data.writeUInt8(fields.quoteDecimals, o.quoteDecimals);
  data.writeUInt8(fields.migrateType, o.migrateType);
  data.writeBigUInt64LE(fields.supply, o.supply);
  data.writeBigUInt64LE(fields.totalBaseSell, o.totalBaseSell);
  data.writeBigUInt64LE(fields.virtualBase, o.virtualBase);
  data.writeBigUInt64LE(fields.virtualQuote, o.virtualQuote);
  data.writeBigUInt64LE(fields.realBase, o.realBase);
  data.writeBigUInt64LE(fields.realQuote, o.realQuote);
  data.writeBigUInt64LE(fields.totalQuoteFundRaising, o.totalQuoteFundRaising);
  data.set(fields.globalConfig.toBytes(), o.globalConfig);
  data.set(fields.platformConfig.toBytes(), o.platformConfig);
  data.set(fields.baseMint.toBytes(), o.baseMint);
  data.set(fields.quoteMint.toBytes(), o.quoteMint);
  data.set(fields.baseVault.toBytes(), o.baseVault);
  data.set(fields.quoteVault.toBytes(), o.quoteVault);
  data.set(fields.creator.toBytes(), o.creator);
  return { owner: LAUNCHLAB_PROGRAM_ID, data };
}

export interface GlobalFields {
  curveType: number;
  index: number;
  tradeFeeRate: bigint;
  maxShareFeeRate: bigint;
  quoteMint: PublicKey;
}

export function encodeGlobalConfig(fields: GlobalFields): EncodedAccount {
  const o = LAYOUT_OFFSETS.global;
  const data = withDiscriminator('GlobalConfig', ACCOUNT_SIZES.GlobalConfig);
  data.writeBigUInt64LE(1n, 8);
  data.writeUInt8(fields.curveType, o.curveType);
  data.writeUInt16LE(fields.index, o.index);
  data.writeBigUInt64LE(fields.tradeFeeRate, o.tradeFeeRate);
  data.writeBigUInt64LE(fields.maxShareFeeRate, o.maxShareFeeRate);
  data.set(fields.quoteMint.toBytes(), o.quoteMint);
  return { owner: LAUNCHLAB_PROGRAM_ID, data };
}

export interface PlatformFields {
  feeRate: bigint;
  name: string;
  creatorFeeRate: bigint;
}

export function encodePlatformConfig(fields: PlatformFields): EncodedAccount {
  const o = LAYOUT_OFFSETS.platform;
  const data = withDiscriminator('PlatformConfig', ACCOUNT_SIZES.PlatformConfig);
  data.writeBigUInt64LE(1n, 8);
  data.writeBigUInt64LE(fields.feeRate, o.feeRate);
  const name = Buffer.from(fields.name, 'utf8');
  if (name.length > o.nameLength) throw new Error('platform name too long');
  data.set(name, o.name);
  data.writeBigUInt64LE(fields.creatorFeeRate, o.creatorFeeRate);
  return { owner: LAUNCHLAB_PROGRAM_ID, data };
}

export interface MintFields {
  decimals: number;
  supply?: bigint;
  /** SPL Token (default) or Token-2022. */
  tokenProgram?: PublicKey;
  /** Token-2022 only: a TransferFeeConfig extension with this fee for both epochs. */
  transferFee?: { basisPoints: number; maximumFee: bigint };
}

export function encodeMint(fields: MintFields): EncodedAccount {
  const owner = fields.tokenProgram ?? TOKEN_PROGRAM_ID;
  const base: RawMint = {
    mintAuthorityOption: 0,
    mintAuthority: PublicKey.default,
    supply: fields.supply ?? BONK_DEFAULT_CURVE.supply,
    decimals: fields.decimals,
    isInitialized: true,
    freezeAuthorityOption: 0,
    freezeAuthority: PublicKey.default,
  };
  if (!fields.transferFee) {
    const data = Buffer.alloc(MINT_SIZE);
    MintLayout.encode(base, data);
    return { owner, data };
  }
  if (!owner.equals(TOKEN_2022_PROGRAM_ID)) throw new Error('a transfer fee needs a Token-2022 mint');
  // Token-2022: the base mint padded to an account's size, the account type byte (1 = mint), then TLV extensions.
  const data = Buffer.alloc(getMintLen([ExtensionType.TransferFeeConfig]));
  MintLayout.encode(base, data);
  const accountTypeOffset = 165;
  data.writeUInt8(1, accountTypeOffset);
  data.writeUInt16LE(ExtensionType.TransferFeeConfig, accountTypeOffset + 1);
  data.writeUInt16LE(TransferFeeConfigLayout.span, accountTypeOffset + 3);
  const fee = { epoch: 0n, maximumFee: fields.transferFee.maximumFee, transferFeeBasisPoints: fields.transferFee.basisPoints };
  TransferFeeConfigLayout.encode(
    {
      transferFeeConfigAuthority: PublicKey.default,
      withdrawWithheldAuthority: PublicKey.default,
      withheldAmount: 0n,
      olderTransferFee: fee,
      newerTransferFee: fee,
    },
    data,
    accountTypeOffset + 5,
  );
  return { owner, data };
}

/** A whole bonk.fun pool world: addresses and the accounts a server serves for them. */
export interface BonkPoolWorld {
  mint: PublicKey;
  pool: PublicKey;
  globalConfig: PublicKey;
  platformConfig: PublicKey;
  creator: PublicKey;
  fields: PoolFields;
  accounts: Map<string, EncodedAccount>;
}

export interface BonkPoolOptions {
  mint?: PublicKey;
  platformConfig?: PublicKey;
  tokenProgram?: PublicKey;
  transferFee?: MintFields['transferFee'];
  status?: number;
  /** SOL already paid into the curve, with the tokens it bought (realQuote, realBase). */
  realQuote?: bigint;
  realBase?: bigint;
  tradeFeeRate?: bigint;
  platformFeeRate?: bigint;
  creatorFeeRate?: bigint;
  curveType?: number;
}

/** bonk.fun's first platform config (the default list's first id). */
export const BONK_PLATFORM = new PublicKey('FfYek5vEz23cMkWsdJwG2oa6EphsvXSHrGpdALN4g6W1');
/** LaunchLab's constant-product config quoted in WSOL. */
export const LAUNCHLAB_GLOBAL_CONFIG = new PublicKey('6s1xP3hpbAfFoNtUNF8mfHsjr2Bd97JxFJRWLbL6aHuX');

export function bonkPoolWorld(options: BonkPoolOptions = {}): BonkPoolWorld {
  const mint = options.mint ?? Keypair.generate().publicKey;
  const platformConfig = options.platformConfig ?? BONK_PLATFORM;
  const globalConfig = LAUNCHLAB_GLOBAL_CONFIG;
  const creator = Keypair.generate().publicKey;
  const pool = poolAddress(mint, NATIVE_MINT);
  const fields: PoolFields = {
    status: options.status ?? POOL_STATUS.funding,
    baseDecimals: 6,
    quoteDecimals: 9,
    migrateType: 1,
    ...BONK_DEFAULT_CURVE,
    realBase: options.realBase ?? 0n,
    realQuote: options.realQuote ?? 0n,
    globalConfig,
    platformConfig,
    baseMint: mint,
    quoteMint: NATIVE_MINT,
    baseVault: poolVaultAddress(pool, mint),
    quoteVault: poolVaultAddress(pool, NATIVE_MINT),
    creator,
  };
  const accounts = new Map<string, EncodedAccount>([
    [pool.toBase58(), encodePoolState(fields)],
    [
      globalConfig.toBase58(),
      encodeGlobalConfig({
        curveType: options.curveType ?? 0,
        index: 0,
        tradeFeeRate: options.tradeFeeRate ?? 2_500n,
        maxShareFeeRate: 10_000n,
        quoteMint: NATIVE_MINT,
      }),
    ],
    [
      platformConfig.toBase58(),
      encodePlatformConfig({
        feeRate: options.platformFeeRate ?? 10_000n,
        name: 'letsbonk.fun',
        creatorFeeRate: options.creatorFeeRate ?? 0n,
      }),
    ],
    [mint.toBase58(), encodeMint({ decimals: 6, tokenProgram: options.tokenProgram, transferFee: options.transferFee })],
  ]);
  return { mint, pool, globalConfig, platformConfig, creator, fields, accounts };
}

/** What a bonk.fun pool world needs of a JSON-RPC server: test/support/fake-solana-rpc.ts's FakeSolanaRpc. */
export interface AccountServing {
  setAccount(address: PublicKey, account: { owner: PublicKey; data: Buffer; lamports?: number }): void;
  addMint(mint: PublicKey, options: { decimals?: number; programId?: PublicKey; supply?: bigint }): void;
}

/**
 * Serves the world's accounts. The mint is registered with addMint (so the server counts its
 * transactions and token balances) and then given the world's own bytes, which may carry a
 * Token-2022 transfer-fee extension.
 */
export function serveBonkPool(rpc: AccountServing, world: BonkPoolWorld): void {
  const mintAccount = world.accounts.get(world.mint.toBase58());
  if (!mintAccount) throw new Error('the world has no mint account');
  rpc.addMint(world.mint, { decimals: world.fields.baseDecimals, programId: mintAccount.owner });
  for (const [address, account] of world.accounts) rpc.setAccount(new PublicKey(address), account);
}

/** A token account (SPL layout; Token-2022 reads the same 165 bytes when it has no extension). */
export function encodeTokenAccount(mint: PublicKey, owner: PublicKey, amountRaw: bigint, tokenProgram: PublicKey = TOKEN_PROGRAM_ID): EncodedAccount {
  const data = Buffer.alloc(ACCOUNT_SIZE);
  AccountLayout.encode(
    {
      mint,
      owner,
      amount: amountRaw,
      delegateOption: 0,
      delegate: PublicKey.default,
      state: AccountState.Initialized,
      isNativeOption: 0,
      isNative: 0n,
      delegatedAmount: 0n,
      closeAuthorityOption: 0,
      closeAuthority: PublicKey.default,
    },
    data,
  );
  return { owner: tokenProgram, data, lamports: 2_039_280 };
}

/** The wallet holds `amountRaw` of the world's mint: its associated token account served, and the server's balance set. */
export function serveHolding(
  rpc: AccountServing & { setTokenBalance(owner: PublicKey, mint: PublicKey, amountRaw: bigint): void },
  world: BonkPoolWorld,
  user: PublicKey,
  amountRaw: bigint,
): PublicKey {
  const tokenProgram = world.accounts.get(world.mint.toBase58())!.owner;
  const address = getAssociatedTokenAddressSync(world.mint, user, false, tokenProgram);
  rpc.setAccount(address, encodeTokenAccount(world.mint, user, amountRaw, tokenProgram));
  rpc.setTokenBalance(user, world.mint, amountRaw);
  return address;
}

function withDiscriminator(name: keyof typeof ACCOUNT_DISCRIMINATORS, size: number): Buffer {
  const data = Buffer.alloc(size);
  data.set(ACCOUNT_DISCRIMINATORS[name], 0);
  return data;
}
