import { PublicKey } from '@solana/web3.js';

/**
 * Raydium LaunchLab's accounts, read at fixed offsets from the program's layout (its IDL
 * 0.2.0 as published in Raydium's docs, and the layouts in Raydium's SDK, which the tests
 * decode the same bytes with). Hand-written instead of an IDL coder because a trade needs
 * a prefix of each account and the program has grown its accounts at the tail more than
 * once (PlatformConfig gained creator fees, vesting and curve rules): reading only the
 * fields we use keeps an older or newer account readable, and each decoder checks the
 * account's discriminator and length so a wrong or truncated account is a clear error.
 */
export const LAUNCHLAB_PROGRAM_ID = new PublicKey('LanMV9sAd7wArD4vJFi2qDdfnVhFxYSUg6eADduJ3uj');

/** Anchor account discriminators (sha256("account:<Name>")[0..8]), from the IDL. */
export const ACCOUNT_DISCRIMINATORS = {
  PoolState: Uint8Array.from([247, 237, 227, 245, 215, 195, 222, 70]),
  GlobalConfig: Uint8Array.from([149, 8, 156, 202, 160, 252, 176, 217]),
  PlatformConfig: Uint8Array.from([160, 78, 128, 0, 248, 83, 230, 160]),
} as const;

export type LaunchLabAccountName = keyof typeof ACCOUNT_DISCRIMINATORS;

/** An account's bytes are not the LaunchLab account they should be. */
export class LaunchLabLayoutError extends Error {
  constructor(
    readonly account: LaunchLabAccountName,
    message: string,
  ) {
    super(`LaunchLab ${account}: ${message}`);
    this.name = 'LaunchLabLayoutError';
  }
}

/** Pool status in PoolState.status: 0 funding (the curve trades), 1 curve done and waiting for migration, 2 migrated. */
export const POOL_STATUS = { funding: 0, migrating: 1, migrated: 2 } as const;

export interface PoolState {
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

export interface GlobalConfig {
  /** 0 constant product, 1 fixed price, 2 linear price. */
  curveType: number;
  index: number;
  /** Protocol trade fee, in millionths. */
  tradeFeeRate: bigint;
  maxShareFeeRate: bigint;
  quoteMint: PublicKey;
}

export interface PlatformConfig {
  /** Platform fee, in millionths. */
  feeRate: bigint;
  /** The platform's name, e.g. "letsbonk.fun" (NUL padding removed). */
  name: string;
  /** Creator fee, in millionths; zero on platform configs made before the creator-fee upgrade (their bytes there were padding). */
  creatorFeeRate: bigint;
}

/** Offsets after the 8-byte discriminator, in the order the IDL lists the fields. */
const POOL = {
  status: 17,
  baseDecimals: 18,
  quoteDecimals: 19,
  migrateType: 20,
  supply: 21,
  totalBaseSell: 29,
  virtualBase: 37,
  virtualQuote: 45,
  realBase: 53,
  realQuote: 61,
  totalQuoteFundRaising: 69,
  // quote_protocol_fee 77, platform_fee 85, migrate_fee 93, vesting_schedule 101..141
  globalConfig: 141,
  platformConfig: 173,
  baseMint: 205,
  quoteMint: 237,
  baseVault: 269,
  quoteVault: 301,
  creator: 333,
  /** Bytes read; the whole account is 429. */
  end: 365,
} as const;

const GLOBAL = { curveType: 16, index: 17, tradeFeeRate: 27, maxShareFeeRate: 35, quoteMint: 83, end: 115 } as const;

const PLATFORM = { feeRate: 104, name: 112, nameLength: 64, creatorFeeRate: 720, end: 728 } as const;

export function decodePoolState(data: Uint8Array): PoolState {
  const r = new Reader('PoolState', data, POOL.end);
  return {
    status: r.u8(POOL.status),
    baseDecimals: r.u8(POOL.baseDecimals),
    quoteDecimals: r.u8(POOL.quoteDecimals),
    migrateType: r.u8(POOL.migrateType),
    supply: r.u64(POOL.supply),
    totalBaseSell: r.u64(POOL.totalBaseSell),
    virtualBase: r.u64(POOL.virtualBase),
    virtualQuote: r.u64(POOL.virtualQuote),
    realBase: r.u64(POOL.realBase),
    realQuote: r.u64(POOL.realQuote),
    totalQuoteFundRaising: r.u64(POOL.totalQuoteFundRaising),
    globalConfig: r.key(POOL.globalConfig),
    platformConfig: r.key(POOL.platformConfig),
    baseMint: r.key(POOL.baseMint),
    quoteMint: r.key(POOL.quoteMint),
    baseVault: r.key(POOL.baseVault),
    quoteVault: r.key(POOL.quoteVault),
    creator: r.key(POOL.creator),
  };
}

export function decodeGlobalConfig(data: Uint8Array): GlobalConfig {
  const r = new Reader('GlobalConfig', data, GLOBAL.end);
  return {
    curveType: r.u8(GLOBAL.curveType),
    index: r.u16(GLOBAL.index),
    tradeFeeRate: r.u64(GLOBAL.tradeFeeRate),
    maxShareFeeRate: r.u64(GLOBAL.maxShareFeeRate),
    quoteMint: r.key(GLOBAL.quoteMint),
  };
}

export function decodePlatformConfig(data: Uint8Array): PlatformConfig {
  const r = new Reader('PlatformConfig', data, PLATFORM.end);
  return {
    feeRate: r.u64(PLATFORM.feeRate),
    name: r.text(PLATFORM.name, PLATFORM.nameLength),
    creatorFeeRate: r.u64(PLATFORM.creatorFeeRate),
  };
}

/** Byte offsets, exported for the test encoders so both sides share one layout. */
export const LAYOUT_OFFSETS = { pool: POOL, global: GLOBAL, platform: PLATFORM } as const;

class Reader {
  private readonly view: DataView;

  constructor(
    account: LaunchLabAccountName,
    private readonly data: Uint8Array,
    minLength: number,
  ) {
    if (data.length < minLength) {
      throw new LaunchLabLayoutError(account, `account is ${data.length} bytes, expected at least ${minLength}`);
    }
    const expected = ACCOUNT_DISCRIMINATORS[account];
    for (let i = 0; i < expected.length; i++) {
      if (data[i] !== expected[i]) throw new LaunchLabLayoutError(account, 'not this account (wrong discriminator)');
    }
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  u8(offset: number): number {
    return this.view.getUint8(offset);
  }

  u16(offset: number): number {
    return this.view.getUint16(offset, true);
  }

  u64(offset: number): bigint {
    return this.view.getBigUint64(offset, true);
  }

  key(offset: number): PublicKey {
    return new PublicKey(this.data.subarray(offset, offset + 32));
  }

  text(offset: number, length: number): string {
    const bytes = this.data.subarray(offset, offset + length);
    const end = bytes.indexOf(0);
    return new TextDecoder('utf-8', { fatal: false }).decode(end === -1 ? bytes : bytes.subarray(0, end));
  }
}
