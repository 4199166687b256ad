import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getMetadataPointerState, unpackAccount, unpackMint } from '@solana/spl-token';
import { Keypair, PublicKey, type AccountInfo } from '@solana/web3.js';
import BN from 'bn.js';
import { describe, expect, it } from 'vitest';
import { pumpSdk } from '../../../../../electron/core/feeds/pump-sdk.js';
import { pumpSwapSdk } from '../../../../../electron/core/live/pump/pump-swap-sdk.js';
import * as accounts from '../../../../support/pump-accounts.js';

// The encoders the fake RPC serves must decode with the SDKs' own decoders, field for field.
const info = (data: Buffer, owner: PublicKey): AccountInfo<Buffer> => ({ data, owner, lamports: 1, executable: false });

describe('pump account encoders (test support)', () => {
  it('Global, FeeConfig and BondingCurve round-trip through pump-sdk at their live sizes', () => {
    const global = accounts.defaultGlobal({ feeBasisPoints: new BN(93) });
    const globalData = accounts.encodeGlobal(global);
    expect(globalData.length).toBe(pumpSdk.GLOBAL_SIZE);
    const decodedGlobal = pumpSdk.PUMP_SDK.decodeGlobal(info(globalData, pumpSdk.PUMP_PROGRAM_ID));
    expect(decodedGlobal.feeBasisPoints.toNumber()).toBe(93);
    expect(decodedGlobal.reservedFeeRecipients.map(String)).toEqual(global.reservedFeeRecipients.map(String));

    const feeData = accounts.encodeFeeConfig(accounts.defaultFeeConfig());
    expect(feeData.length).toBe(pumpSdk.FEE_CONFIG_CURRENT_SIZE);
    const fees = pumpSdk.PUMP_SDK.decodeFeeConfig(info(feeData, pumpSdk.PUMP_FEE_PROGRAM_ID));
    expect(fees.feeTiers.map((t) => t.fees.protocolFeeBps.toNumber())).toEqual([95, 5]);

    const creator = Keypair.generate().publicKey;
    const curveData = accounts.encodeBondingCurve(accounts.defaultBondingCurve({ creator, isMayhemMode: true, isCashbackCoin: true }));
    expect(curveData.length).toBe(pumpSdk.BONDING_CURVE_NEW_SIZE);
    const curve = pumpSdk.PUMP_SDK.decodeBondingCurve(info(curveData, pumpSdk.PUMP_PROGRAM_ID));
    expect(curve.creator.equals(creator) && curve.isMayhemMode && curve.isCashbackCoin && !curve.complete).toBe(true);
  });

  it('SPL and Token-2022 mints and token accounts unpack with spl-token', () => {
    const mint = Keypair.generate().publicKey;
    const owner = Keypair.generate().publicKey;
    const spl = unpackMint(mint, info(accounts.encodeMint({ tokenProgram: TOKEN_PROGRAM_ID, supply: 7n }), TOKEN_PROGRAM_ID), TOKEN_PROGRAM_ID);
    expect([spl.supply, spl.decimals, spl.tlvData.length]).toEqual([7n, 6, 0]);
    const t22 = unpackMint(mint, info(accounts.encodeMint({ tokenProgram: TOKEN_2022_PROGRAM_ID }), TOKEN_2022_PROGRAM_ID), TOKEN_2022_PROGRAM_ID);
    expect(t22.decimals).toBe(6);
    expect(getMetadataPointerState(t22)).not.toBeNull();
    for (const tokenProgram of [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID]) {
      const data = accounts.encodeTokenAccount({ mint, owner, amount: 42n, tokenProgram });
      const account = unpackAccount(PublicKey.default, info(data, tokenProgram), tokenProgram);
      expect([account.amount, account.mint.equals(mint), account.owner.equals(owner)]).toEqual([42n, true, true]);
    }
  });

  it('the PumpSwap pool and GlobalConfig round-trip through pump-swap-sdk', () => {
    const mint = Keypair.generate().publicKey;
    const pool = accounts.canonicalPool(mint, TOKEN_2022_PROGRAM_ID, { isCashbackCoin: true });
    const data = accounts.encodePool(pool);
    expect(data.length).toBe(pumpSwapSdk.POOL_ACCOUNT_NEW_SIZE);
    const decoded = pumpSwapSdk.PUMP_AMM_SDK.decodePool(info(data, pumpSdk.PUMP_AMM_PROGRAM_ID));
    expect(decoded.baseMint.equals(mint) && decoded.isCashbackCoin).toBe(true);
    expect(decoded.creator.equals(pumpSdk.pumpPoolAuthorityPda(mint))).toBe(true);
    const config = pumpSwapSdk.PUMP_AMM_SDK.decodeGlobalConfig(
      info(accounts.encodeAmmGlobalConfig(accounts.defaultAmmGlobalConfig()), pumpSdk.PUMP_AMM_PROGRAM_ID),
    );
    expect(config.protocolFeeRecipients).toHaveLength(8);
    expect(config.lpFeeBasisPoints.toNumber()).toBe(20);
  });
});
