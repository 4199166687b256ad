import { TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey, SystemProgram } from '@solana/web3.js';
import BN from 'bn.js';
import { afterEach, describe, expect, it } from 'vitest';
import { pumpSdk } from '../../../../../electron/core/feeds/pump-sdk.js';
import { curveMarkFromAccount, readCurveMark } from '../../../../../electron/core/live/pump/pump-curve-price.js';
import {
  completedBondingCurve,
  defaultBondingCurve,
  encodeBondingCurve,
  pumpCoinAccounts,
} from '../../../../support/pump-accounts.js';
import { startPumpChain, type PumpChain } from './pump-chain.js';

const owner = pumpSdk.PUMP_PROGRAM_ID;
let stub: PumpChain | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('curve mark', () => {
  it('prices SOL per whole token from the virtual reserves', () => {
    // 30 SOL over 1 073 000 000 tokens (6 decimals): the launch price, about 2.8e-8 SOL.
    const data = encodeBondingCurve(
      defaultBondingCurve({ virtualQuoteReserves: new BN('30000000000'), virtualTokenReserves: new BN('1073000000000000') }),
    );
    const mark = curveMarkFromAccount({ data, owner });
    expect(mark.complete).toBe(false);
    expect(mark.priceSol).toBeCloseTo(30 / 1_073_000_000, 18);
    expect(mark.virtualSolLamports).toBe(30_000_000_000n);
    expect(mark.virtualTokensRaw).toBe(1_073_000_000_000_000n);
  });

  it('a completed curve has no price and says so', () => {
    const mark = curveMarkFromAccount({ data: encodeBondingCurve(completedBondingCurve()), owner });
    expect(mark).toMatchObject({ complete: true, priceSol: null });
  });

  it('refuses an account of another program, a curve quoted in another mint, and bytes that are not a curve', () => {
    const data = encodeBondingCurve(defaultBondingCurve());
    expect(() => curveMarkFromAccount({ data, owner: SystemProgram.programId })).toThrow(/not a pump.fun bonding curve/);
    const usdcCurve = encodeBondingCurve(defaultBondingCurve({ quoteMint: new PublicKey('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v') }));
    expect(() => curveMarkFromAccount({ data: usdcCurve, owner })).toThrow(/not SOL/);
    expect(() => curveMarkFromAccount({ data: Buffer.alloc(10), owner })).toThrow();
    expect(() => curveMarkFromAccount({ data: Buffer.alloc(151, 7), owner })).toThrow(/discriminator/);
  });

  it('reads the curve of a mint through a Connection', async () => {
    const mint = Keypair.generate().publicKey;
    stub = await startPumpChain(pumpCoinAccounts({ mint, user: mint, tokenProgram: TOKEN_2022_PROGRAM_ID }));
    const mark = await readCurveMark(stub.connection, mint);
    expect(mark.priceSol).toBeCloseTo(32.2 / 1_000_000_000, 18);
    await expect(readCurveMark(stub.connection, Keypair.generate().publicKey)).rejects.toThrow(/no pump.fun bonding curve/);
  });
});
