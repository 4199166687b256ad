import { LaunchpadConfig, LaunchpadPool, PlatformConfig } from '@raydium-io/raydium-sdk-v2';
import { NATIVE_MINT } from '@solana/spl-token';
import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import {
  LaunchLabLayoutError,
  decodeGlobalConfig,
  decodePlatformConfig,
  decodePoolState,
} from '../../../../../electron/core/live/bonk/launchlab-layout.js';
import {
  BONK_DEFAULT_CURVE,
  encodeGlobalConfig,
  encodePlatformConfig,
  encodePoolState,
  type PoolFields,
} from '../../../../support/launchlab-accounts.js';

// Raydium's SDK is GPL-3.0: only tests load it, to check our layout against theirs.

const key = () => Keypair.generate().publicKey;

function poolFields(): PoolFields {
  return {
    status: 0,
    baseDecimals: 6,
    quoteDecimals: 9,
    migrateType: 1,
    ...BONK_DEFAULT_CURVE,
    realBase: 123_456_789_012n,
    realQuote: 4_200_000_001n,
    globalConfig: key(),
    platformConfig: key(),
    baseMint: key(),
    quoteMint: NATIVE_MINT,
    baseVault: key(),
    quoteVault: key(),
    creator: key(),
  };
}

describe('LaunchLab account layout', () => {
  it('reads a PoolState the way Raydium SDK reads the same bytes', () => {
    const fields = poolFields();
    const { data } = encodePoolState(fields);
    expect(data.length).toBe(LaunchpadPool.span);
    const sdk = LaunchpadPool.decode(data);
    const ours = decodePoolState(data);

    const pairs: [string, unknown, unknown][] = [
      ['status', ours.status, sdk.status],
      ['baseDecimals', ours.baseDecimals, sdk.mintDecimalsA],
      ['quoteDecimals', ours.quoteDecimals, sdk.mintDecimalsB],
      ['migrateType', ours.migrateType, sdk.migrateType],
      ['supply', ours.supply.toString(), sdk.supply.toString()],
      ['totalBaseSell', ours.totalBaseSell.toString(), sdk.totalSellA.toString()],
      ['virtualBase', ours.virtualBase.toString(), sdk.virtualA.toString()],
      ['virtualQuote', ours.virtualQuote.toString(), sdk.virtualB.toString()],
      ['realBase', ours.realBase.toString(), sdk.realA.toString()],
      ['realQuote', ours.realQuote.toString(), sdk.realB.toString()],
      ['totalQuoteFundRaising', ours.totalQuoteFundRaising.toString(), sdk.totalFundRaisingB.toString()],
      ['globalConfig', ours.globalConfig.toBase58(), sdk.configId.toBase58()],
      ['platformConfig', ours.platformConfig.toBase58(), sdk.platformId.toBase58()],
      ['baseMint', ours.baseMint.toBase58(), sdk.mintA.toBase58()],
      ['quoteMint', ours.quoteMint.toBase58(), sdk.mintB.toBase58()],
      ['baseVault', ours.baseVault.toBase58(), sdk.vaultA.toBase58()],
      ['quoteVault', ours.quoteVault.toBase58(), sdk.vaultB.toBase58()],
      ['creator', ours.creator.toBase58(), sdk.creator.toBase58()],
    ];
    for (const [name, mine, theirs] of pairs) expect(mine, name).toEqual(theirs);
    // And both read what was written.
    expect(ours.realQuote).toBe(fields.realQuote);
    expect(ours.creator.equals(fields.creator)).toBe(true);
    expect(ours.platformConfig.equals(fields.platformConfig)).toBe(true);
  });

  it('reads a GlobalConfig the way Raydium SDK reads the same bytes', () => {
    const { data } = encodeGlobalConfig({ curveType: 0, index: 3, tradeFeeRate: 2_500n, maxShareFeeRate: 10_000n, quoteMint: NATIVE_MINT });
    expect(data.length).toBe(LaunchpadConfig.span);
    const sdk = LaunchpadConfig.decode(data);
    const ours = decodeGlobalConfig(data);
    expect(ours.curveType).toBe(sdk.curveType);
    expect(ours.index).toBe(sdk.index);
    expect(ours.tradeFeeRate.toString()).toBe(sdk.tradeFeeRate.toString());
    expect(ours.maxShareFeeRate.toString()).toBe(sdk.maxShareFeeRate.toString());
    expect(ours.quoteMint.toBase58()).toBe(sdk.mintB.toBase58());
    expect(ours).toMatchObject({ curveType: 0, index: 3, tradeFeeRate: 2_500n });
  });

  it('reads a PlatformConfig the way Raydium SDK reads the same bytes', () => {
    const { data } = encodePlatformConfig({ feeRate: 10_000n, name: 'letsbonk.fun', creatorFeeRate: 500n });
    expect(data.length).toBe(PlatformConfig.span);
    const sdk = PlatformConfig.decode(data);
    const ours = decodePlatformConfig(data);
    expect(ours.feeRate.toString()).toBe(sdk.feeRate.toString());
    expect(ours.creatorFeeRate.toString()).toBe(sdk.creatorFeeRate.toString());
    expect(Buffer.from(sdk.name as number[]).toString('utf8').replace(/\0+$/, '')).toBe(ours.name);
    expect(ours).toEqual({ feeRate: 10_000n, name: 'letsbonk.fun', creatorFeeRate: 500n });
  });

  it('refuses an account of another kind, by its discriminator', () => {
    const global = encodeGlobalConfig({ curveType: 0, index: 0, tradeFeeRate: 1n, maxShareFeeRate: 1n, quoteMint: NATIVE_MINT }).data;
    const padded = Buffer.concat([global, Buffer.alloc(100)]);
    expect(() => decodePoolState(padded)).toThrow(LaunchLabLayoutError);
    expect(() => decodePoolState(padded)).toThrow(/PoolState: not this account \(wrong discriminator\)/);
  });

  it('refuses a truncated account with its length', () => {
    const { data } = encodePoolState(poolFields());
    expect(() => decodePoolState(data.subarray(0, 200))).toThrow(/PoolState: account is 200 bytes, expected at least 365/);
    expect(() => decodePlatformConfig(new Uint8Array(0))).toThrow(/PlatformConfig: account is 0 bytes/);
  });

  it('reads a pool whose account grew at the tail (only the prefix is the layout it needs)', () => {
    const fields = poolFields();
    const grown = Buffer.concat([encodePoolState(fields).data, Buffer.alloc(64, 7)]);
    expect(decodePoolState(grown).creator.equals(fields.creator)).toBe(true);
  });
});
