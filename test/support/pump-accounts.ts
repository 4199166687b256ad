import { createRequire } from 'node:module';
import type { BorshAccountsCoder as BorshAccountsCoderType, Idl } from '@coral-xyz/anchor';
import {
  ACCOUNT_SIZE,
  AccountLayout,
  AccountType,
  ExtensionType,
  MINT_SIZE,
  MintLayout,
  NATIVE_MINT,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { PublicKey } from '@solana/web3.js';
import BN from 'bn.js';
import { pumpSdk } from '../../electron/core/feeds/pump-sdk.js';
import { pumpSwapSdk } from '../../electron/core/live/pump/pump-swap-sdk.js';

/**
 * Real account data for the pump.fun programs and the token programs, ENCODED with the IDLs the
 * SDKs ship (anchor's BorshAccountsCoder) and spl-token's layouts, so a web3.js Connection
 * pointed at a local JSON-RPC server reads them exactly as it reads mainnet and the SDKs'
 * decoders run for real. Inputs use the SDKs' own (camelCase) types; the IDL is snake_case.
 */
const require = createRequire(import.meta.url);
const { BorshAccountsCoder } = require('@coral-xyz/anchor') as { BorshAccountsCoder: typeof BorshAccountsCoderType };

type Global = import('@pump-fun/pump-sdk').Global;
type BondingCurve = import('@pump-fun/pump-sdk').BondingCurve;
type FeeConfig = import('@pump-fun/pump-sdk').FeeConfig;
type Pool = import('@pump-fun/pump-swap-sdk').Pool;
type GlobalConfig = import('@pump-fun/pump-swap-sdk').GlobalConfig;

/** One account as a JSON-RPC server serves it (getAccountInfo / getMultipleAccounts). */
export interface FakeAccount {
  pubkey: PublicKey;
  owner: PublicKey;
  lamports: number;
  data: Buffer;
  executable?: boolean;
}

const pumpCoder = new BorshAccountsCoder(pumpSdk.pumpIdl as Idl);
const ammCoder = new BorshAccountsCoder(pumpSwapSdk.pumpAmmJson as Idl);

/** SDK field names → IDL field names, recursively through plain objects and arrays. */
function snakeCased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCased);
  if (value === null || typeof value !== 'object' || value instanceof PublicKey || BN.isBN(value)) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeCased(field)]),
  );
}

/**
 * Anchor's `encode` writes into a fixed 1000-byte buffer (Global is 1087 bytes and a FeeConfig
 * 4097), so the account's own layout is run on a buffer that fits, then the discriminator is
 * prefixed exactly as `encode` does.
 */
function encodeAccount(coder: BorshAccountsCoderType, name: string, fields: object, size: number): Buffer {
  const layouts = (coder as unknown as { accountLayouts: Map<string, { layout: { encode(v: unknown, b: Buffer): number } }> })
    .accountLayouts;
  const entry = layouts.get(name);
  if (!entry) throw new Error(`no account ${name} in the IDL`);
  const body = Buffer.alloc(Math.max(size, 8192));
  const length = entry.layout.encode(snakeCased(fields), body);
  const data = Buffer.concat([coder.accountDiscriminator(name), body.subarray(0, length)]);
  return data.length >= size ? data : Buffer.concat([data, Buffer.alloc(size - data.length)]);
}

const key = (seed: number) => new PublicKey(Buffer.alloc(32, seed));
const keys = (count: number, from: number) => Array.from({ length: count }, (_, i) => key(from + i));

export function defaultGlobal(overrides: Partial<Global> = {}): Global {
  return {
    initialized: true,
    authority: key(1),
    feeRecipient: key(2),
    initialVirtualTokenReserves: new BN('1073000000000000'),
    initialVirtualSolReserves: new BN('30000000000'),
    initialRealTokenReserves: new BN('793100000000000'),
    tokenTotalSupply: new BN('1000000000000000'),
    feeBasisPoints: new BN(95),
    withdrawAuthority: key(3),
    enableMigrate: false,
    poolMigrationFee: new BN(15_000_001),
    creatorFeeBasisPoints: new BN(30),
    feeRecipients: keys(7, 10),
    setCreatorAuthority: key(4),
    adminSetCreatorAuthority: key(5),
    createV2Enabled: true,
    whitelistPda: key(6),
    reservedFeeRecipient: key(30),
    mayhemModeEnabled: true,
    reservedFeeRecipients: keys(7, 31),
    isCashbackEnabled: true,
    buybackFeeRecipients: keys(8, 50),
    buybackBasisPoints: new BN(0),
    initialVirtualQuoteReserves: new BN(0),
    whitelistedQuoteMints: [PublicKey.default],
    creatorFeeConfigurable: false,
    maxConfigurableCreatorFeeBps: new BN(0),
    holderRewardClaimAuthority: PublicKey.default,
    isHolderRewardEnabled: false,
    ...overrides,
  };
}

export const encodeGlobal = (global: Global): Buffer => encodeAccount(pumpCoder, 'Global', global, pumpSdk.GLOBAL_SIZE);

const fees = (lp: number, protocol: number, creator: number) => ({
  lpFeeBps: new BN(lp),
  protocolFeeBps: new BN(protocol),
  creatorFeeBps: new BN(creator),
});

/** pump-fees' schedule: curve trades pay protocol 95 + creator 30 bps below the first threshold. */
export function defaultFeeConfig(overrides: Partial<FeeConfig> = {}): FeeConfig {
  return {
    admin: key(7),
    flatFees: fees(25, 5, 0),
    feeTiers: [
      { marketCapLamportsThreshold: new BN(0), fees: fees(0, 95, 30) },
      { marketCapLamportsThreshold: new BN('420000000000'), fees: fees(20, 5, 95) },
    ],
    stableFeeTiers: [],
    exoticFlatFees: fees(0, 0, 0),
    ...overrides,
  };
}

/** Padded to the current FeeConfig size: the program pre-allocates it and the SDK refuses shorter than 2512 bytes. */
export const encodeFeeConfig = (feeConfig: FeeConfig): Buffer =>
  encodeAccount(pumpCoder, 'FeeConfig', { bump: 255, ...feeConfig }, pumpSdk.FEE_CONFIG_CURRENT_SIZE);

export function defaultBondingCurve(overrides: Partial<BondingCurve> = {}): BondingCurve {
  return {
    virtualTokenReserves: new BN('1000000000000000'),
    virtualQuoteReserves: new BN('32200000000'),
    realTokenReserves: new BN('720100000000000'),
    realQuoteReserves: new BN('2200000000'),
    tokenTotalSupply: new BN('1000000000000000'),
    complete: false,
    creator: key(60),
    isMayhemMode: false,
    isCashbackCoin: false,
    quoteMint: PublicKey.default,
    creatorFeeBps: new BN(0),
    canEditCreatorFee: false,
    isHolderReward: false,
    ...overrides,
  };
}

/** A migrated curve as the program leaves it: complete, its reserves emptied into the pool. */
export const completedBondingCurve = (overrides: Partial<BondingCurve> = {}): BondingCurve =>
  defaultBondingCurve({
    virtualTokenReserves: new BN(0),
    virtualQuoteReserves: new BN(0),
    realTokenReserves: new BN(0),
    realQuoteReserves: new BN(0),
    complete: true,
    ...overrides,
  });

/** 151 bytes: what `extend_account` grows a curve to (the live length), the fields up to BONDING_CURVE_SIZE encoded. */
export const encodeBondingCurve = (curve: BondingCurve): Buffer =>
  encodeAccount(pumpCoder, 'BondingCurve', curve, pumpSdk.BONDING_CURVE_NEW_SIZE);

export interface MintInput {
  tokenProgram: PublicKey;
  supply?: bigint;
  decimals?: number;
  mintAuthority?: PublicKey | null;
}

/**
 * An SPL mint is the 82-byte layout; a Token-2022 mint (create_v2 coins) is the same base,
 * padded to the token-account size, the Mint account-type byte, then a MetadataPointer TLV as
 * pump.fun's Token-2022 mints carry.
 */
export function encodeMint({ tokenProgram, supply = 1_000_000_000_000_000n, decimals = 6, mintAuthority = null }: MintInput): Buffer {
  const base = Buffer.alloc(MINT_SIZE);
  MintLayout.encode(
    {
      mintAuthorityOption: mintAuthority ? 1 : 0,
      mintAuthority: mintAuthority ?? PublicKey.default,
      supply,
      decimals,
      isInitialized: true,
      freezeAuthorityOption: 0,
      freezeAuthority: PublicKey.default,
    },
    base,
  );
  if (tokenProgram.equals(TOKEN_PROGRAM_ID)) return base;
  const tlv = Buffer.alloc(4 + 64);
  tlv.writeUInt16LE(ExtensionType.MetadataPointer, 0);
  tlv.writeUInt16LE(64, 2);
  return Buffer.concat([base, Buffer.alloc(ACCOUNT_SIZE - MINT_SIZE), Buffer.from([AccountType.Mint]), tlv]);
}

export interface TokenAccountInput {
  mint: PublicKey;
  owner: PublicKey;
  amount: bigint;
  tokenProgram: PublicKey;
  /** Lamports wrapped in a WSOL account (its rent-exempt reserve excluded). */
  isNative?: boolean;
}

/** A token account; under Token-2022 it carries the Account type byte and ImmutableOwner, as its ATAs do. */
export function encodeTokenAccount({ mint, owner, amount, tokenProgram, isNative = false }: TokenAccountInput): Buffer {
  const base = Buffer.alloc(ACCOUNT_SIZE);
  AccountLayout.encode(
    {
      mint,
      owner,
      amount,
      delegateOption: 0,
      delegate: PublicKey.default,
      state: 1,
      isNativeOption: isNative ? 1 : 0,
      isNative: isNative ? 2_039_280n : 0n,
      delegatedAmount: 0n,
      closeAuthorityOption: 0,
      closeAuthority: PublicKey.default,
    },
    base,
  );
  if (tokenProgram.equals(TOKEN_PROGRAM_ID)) return base;
  const immutableOwner = Buffer.alloc(4);
  immutableOwner.writeUInt16LE(ExtensionType.ImmutableOwner, 0);
  return Buffer.concat([base, Buffer.from([AccountType.Account]), immutableOwner]);
}

export function defaultAmmGlobalConfig(overrides: Partial<GlobalConfig> = {}): GlobalConfig {
  return {
    admin: key(70),
    lpFeeBasisPoints: new BN(20),
    protocolFeeBasisPoints: new BN(5),
    disableFlags: 0,
    protocolFeeRecipients: keys(8, 71),
    coinCreatorFeeBasisPoints: new BN(5),
    adminSetCoinCreatorAuthority: key(80),
    whitelistPda: key(81),
    reservedFeeRecipient: key(82),
    mayhemModeEnabled: true,
    reservedFeeRecipients: keys(7, 83),
    isCashbackEnabled: true,
    buybackFeeRecipients: keys(8, 90),
    buybackBasisPoints: new BN(0),
    boostAuthority: key(99),
    boostEnabled: false,
    creatorFeeConfigurable: false,
    maxConfigurableCreatorFeeBps: new BN(0),
    ...overrides,
  };
}

export const encodeAmmGlobalConfig = (config: GlobalConfig): Buffer =>
  encodeAccount(ammCoder, 'GlobalConfig', config, pumpSwapSdk.GLOBAL_CONFIG_SIZE);

/** The canonical pool a pump.fun coin migrates into: created by pump's pool-authority PDA, quoted in WSOL. */
export function canonicalPool(mint: PublicKey, tokenProgram: PublicKey, overrides: Partial<Pool> = {}): Pool {
  const poolKey = pumpSdk.canonicalPumpPoolPda(mint);
  return {
    poolBump: 254,
    index: 0,
    creator: pumpSdk.pumpPoolAuthorityPda(mint),
    baseMint: mint,
    quoteMint: NATIVE_MINT,
    lpMint: pumpSwapSdk.lpMintPda(poolKey),
    poolBaseTokenAccount: getAssociatedTokenAddressSync(mint, poolKey, true, tokenProgram),
    poolQuoteTokenAccount: getAssociatedTokenAddressSync(NATIVE_MINT, poolKey, true, TOKEN_PROGRAM_ID),
    lpSupply: new BN('4193388170299'),
    coinCreator: key(60),
    isMayhemMode: false,
    isCashbackCoin: false,
    virtualQuoteReserves: new BN(0),
    creatorFeeBps: new BN(0),
    canEditCreatorFee: false,
    ...overrides,
  };
}

/** At POOL_ACCOUNT_NEW_SIZE (300) so the SDK adds no `extend_account`; pass a smaller size to model an old pool. */
export const encodePool = (pool: Pool, size: number = pumpSwapSdk.POOL_ACCOUNT_NEW_SIZE): Buffer =>
  encodeAccount(ammCoder, 'Pool', pool, size);

const RENT = 2_039_280;

/** Puts `accounts` on a chain that takes accounts (the fake JSON-RPC node's setAccount). */
export function serveAccounts(
  chain: { setAccount(address: PublicKey, account: { lamports: number; owner: PublicKey; data: Buffer; executable: boolean }): void },
  accounts: readonly FakeAccount[],
): void {
  for (const account of accounts) {
    chain.setAccount(account.pubkey, {
      lamports: account.lamports,
      owner: account.owner,
      data: account.data,
      executable: account.executable ?? false,
    });
  }
}

/** The shared pump.fun accounts every curve trade reads: Global and the pump-fees FeeConfig. */
export function pumpProgramAccounts(global: Global = defaultGlobal(), feeConfig: FeeConfig | null = defaultFeeConfig()): FakeAccount[] {
  const accounts: FakeAccount[] = [
    { pubkey: pumpSdk.GLOBAL_PDA, owner: pumpSdk.PUMP_PROGRAM_ID, lamports: 10_000_000, data: encodeGlobal(global) },
  ];
  if (feeConfig) {
    accounts.push({
      pubkey: pumpSdk.PUMP_FEE_CONFIG_PDA,
      owner: pumpSdk.PUMP_FEE_PROGRAM_ID,
      lamports: 30_000_000,
      data: encodeFeeConfig(feeConfig),
    });
  }
  return accounts;
}

export interface CoinInput {
  mint: PublicKey;
  user: PublicKey;
  tokenProgram: PublicKey;
  curve?: BondingCurve;
  /** The user's token balance; undefined: the user has no token account for the mint yet. */
  userTokens?: bigint;
  supply?: bigint;
  /** A mint owned by something else than a token program (to test the refusal). */
  mintOwner?: PublicKey;
}

/** A coin on its bonding curve: the mint, the curve, and the user's ATA under the mint's program when given a balance. */
export function pumpCoinAccounts(input: CoinInput): FakeAccount[] {
  const { mint, user, tokenProgram } = input;
  const curve = input.curve ?? defaultBondingCurve();
  const accounts: FakeAccount[] = [
    {
      pubkey: mint,
      owner: input.mintOwner ?? tokenProgram,
      lamports: 1_461_600,
      data: encodeMint({ tokenProgram, ...(input.supply === undefined ? {} : { supply: input.supply }) }),
    },
    { pubkey: pumpSdk.bondingCurvePda(mint), owner: pumpSdk.PUMP_PROGRAM_ID, lamports: 1_500_000, data: encodeBondingCurve(curve) },
  ];
  if (input.userTokens !== undefined) {
    accounts.push({
      pubkey: getAssociatedTokenAddressSync(mint, user, true, tokenProgram),
      owner: tokenProgram,
      lamports: RENT,
      data: encodeTokenAccount({ mint, owner: user, amount: input.userTokens, tokenProgram }),
    });
  }
  return accounts;
}

export interface MigratedCoinInput extends CoinInput {
  pool?: Pool;
  poolSize?: number;
  poolBaseRaw?: bigint;
  poolQuoteLamports?: bigint;
  globalConfig?: GlobalConfig;
  /** PumpSwap's pump-fees FeeConfig (same layout as the curve's); null: not served, the SDK then prices with GlobalConfig's rates. */
  ammFeeConfig?: FeeConfig | null;
}

/** A migrated coin: its completed curve, the canonical PumpSwap pool with its reserves, the AMM's GlobalConfig and the WSOL mint. */
export function migratedCoinAccounts(input: MigratedCoinInput): FakeAccount[] {
  const { mint, tokenProgram } = input;
  const pool = input.pool ?? canonicalPool(mint, tokenProgram);
  const poolKey = pumpSdk.canonicalPumpPoolPda(mint);
  const ammFeeConfig = input.ammFeeConfig === undefined ? defaultFeeConfig() : input.ammFeeConfig;
  return [
    ...pumpCoinAccounts({ ...input, curve: input.curve ?? completedBondingCurve() }),
    ...(ammFeeConfig
      ? [
          {
            pubkey: pumpSwapSdk.PUMP_AMM_FEE_CONFIG_PDA,
            owner: pumpSdk.PUMP_FEE_PROGRAM_ID,
            lamports: 30_000_000,
            data: encodeFeeConfig(ammFeeConfig),
          },
        ]
      : []),
    {
      pubkey: pumpSwapSdk.GLOBAL_CONFIG_PDA,
      owner: pumpSdk.PUMP_AMM_PROGRAM_ID,
      lamports: 10_000_000,
      data: encodeAmmGlobalConfig(input.globalConfig ?? defaultAmmGlobalConfig()),
    },
    { pubkey: poolKey, owner: pumpSdk.PUMP_AMM_PROGRAM_ID, lamports: 3_000_000, data: encodePool(pool, input.poolSize) },
    {
      pubkey: pool.poolBaseTokenAccount,
      owner: tokenProgram,
      lamports: RENT,
      data: encodeTokenAccount({ mint, owner: poolKey, amount: input.poolBaseRaw ?? 206_900_000_000_000n, tokenProgram }),
    },
    {
      pubkey: pool.poolQuoteTokenAccount,
      owner: TOKEN_PROGRAM_ID,
      lamports: RENT + Number(input.poolQuoteLamports ?? 84_990_359_639n),
      data: encodeTokenAccount({
        mint: NATIVE_MINT,
        owner: poolKey,
        amount: input.poolQuoteLamports ?? 84_990_359_639n,
        tokenProgram: TOKEN_PROGRAM_ID,
        isNative: true,
      }),
    },
    { pubkey: NATIVE_MINT, owner: TOKEN_PROGRAM_ID, lamports: 1_000_000_000, data: encodeMint({ tokenProgram: TOKEN_PROGRAM_ID, supply: 0n, decimals: 9 }) },
  ];
}

export { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID };
