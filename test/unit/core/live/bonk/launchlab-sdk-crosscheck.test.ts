import {
  Curve,
  LAUNCHPAD_PROGRAM,
  LaunchpadPool,
  buyExactInInstruction as sdkBuyExactIn,
  getPdaCpiEvent,
  getPdaCreatorVault,
  getPdaLaunchpadAuth,
  getPdaLaunchpadPoolId,
  getPdaLaunchpadVaultId,
  getPdaPlatformVault,
  getTransferAmountFeeFromPre,
  sellExactInInstruction as sdkSellExactIn,
} from '@raydium-io/raydium-sdk-v2';
import { NATIVE_MINT, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync, type TransferFeeConfig } from '@solana/spl-token';
import { Keypair, PublicKey, type TransactionInstruction } from '@solana/web3.js';
import BN from 'bn.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteBuyExactIn, quoteSellExactIn, type FeeRates } from '../../../../../electron/core/live/bonk/launchlab-curve.js';
import { buyExactInInstruction, sellExactInInstruction, type LaunchLabTradeAccounts } from '../../../../../electron/core/live/bonk/launchlab-instructions.js';
import { LAUNCHLAB_PROGRAM_ID } from '../../../../../electron/core/live/bonk/launchlab-layout.js';
import {
  creatorFeeVaultAddress,
  eventAuthorityAddress,
  platformFeeVaultAddress,
  poolAddress,
  poolVaultAddress,
  vaultAuthorityAddress,
} from '../../../../../electron/core/live/bonk/launchlab-pdas.js';
import { transferFeeUpperBound } from '../../../../../electron/core/live/bonk/transfer-fee.js';
import { BONK_DEFAULT_CURVE, BONK_PLATFORM, LAUNCHLAB_GLOBAL_CONFIG, encodePoolState } from '../../../../support/launchlab-accounts.js';

/**
 * The same buy and sell built by Raydium's own SDK (its instruction builders, with every
 * address derived by the SDK's PDA helpers) must be byte-for-byte our instruction: data,
 * account keys, signer and writable flags. The quotes must equal the SDK's Curve on the
 * same pools. Raydium's SDK is GPL-3.0 and loaded here only; app code never imports it.
 */
const key = () => Keypair.generate().publicKey;

function sdkSide(mint: PublicKey, creator: PublicKey, user: PublicKey, tokenProgram: PublicKey) {
  const pool = getPdaLaunchpadPoolId(LAUNCHPAD_PROGRAM, mint, NATIVE_MINT).publicKey;
  return {
    pool,
    auth: getPdaLaunchpadAuth(LAUNCHPAD_PROGRAM).publicKey,
    vaultA: getPdaLaunchpadVaultId(LAUNCHPAD_PROGRAM, pool, mint).publicKey,
    vaultB: getPdaLaunchpadVaultId(LAUNCHPAD_PROGRAM, pool, NATIVE_MINT).publicKey,
    userA: getAssociatedTokenAddressSync(mint, user, false, tokenProgram),
    userB: getAssociatedTokenAddressSync(NATIVE_MINT, user, false, TOKEN_PROGRAM_ID),
    platformVault: getPdaPlatformVault(LAUNCHPAD_PROGRAM, BONK_PLATFORM, NATIVE_MINT).publicKey,
    creatorVault: getPdaCreatorVault(LAUNCHPAD_PROGRAM, creator, NATIVE_MINT).publicKey,
  };
}

function ourAccounts(mint: PublicKey, creator: PublicKey, user: PublicKey, tokenProgram: PublicKey): LaunchLabTradeAccounts {
  const pool = poolAddress(mint, NATIVE_MINT);
  return {
    user,
    pool,
    baseTokenProgram: tokenProgram,
    state: {
      globalConfig: LAUNCHLAB_GLOBAL_CONFIG,
      platformConfig: BONK_PLATFORM,
      baseMint: mint,
      quoteMint: NATIVE_MINT,
      baseVault: poolVaultAddress(pool, mint),
      quoteVault: poolVaultAddress(pool, NATIVE_MINT),
      creator,
    },
  };
}

function wire(ix: TransactionInstruction) {
  return {
    programId: ix.programId.toBase58(),
    data: Buffer.from(ix.data).toString('hex'),
    keys: ix.keys.map((k) => `${k.pubkey.toBase58()}:${k.isSigner ? 's' : '-'}${k.isWritable ? 'w' : '-'}`),
  };
}

describe.each([
  ['SPL Token', TOKEN_PROGRAM_ID],
  ['Token-2022', TOKEN_2022_PROGRAM_ID],
])('LaunchLab instructions against Raydium SDK (%s base mint)', (_name, tokenProgram) => {
  it('PDAs: pool, vaults, authority, event authority and fee vaults derive to the SDK’s addresses', () => {
    const mint = key();
    const creator = key();
    const sdk = sdkSide(mint, creator, key(), tokenProgram);
    const pool = poolAddress(mint, NATIVE_MINT);
    expect(LAUNCHPAD_PROGRAM.equals(LAUNCHLAB_PROGRAM_ID)).toBe(true);
    expect(pool.toBase58()).toBe(sdk.pool.toBase58());
    expect(poolVaultAddress(pool, mint).toBase58()).toBe(sdk.vaultA.toBase58());
    expect(poolVaultAddress(pool, NATIVE_MINT).toBase58()).toBe(sdk.vaultB.toBase58());
    expect(vaultAuthorityAddress().toBase58()).toBe(sdk.auth.toBase58());
    expect(eventAuthorityAddress().toBase58()).toBe(getPdaCpiEvent(LAUNCHPAD_PROGRAM).publicKey.toBase58());
    expect(platformFeeVaultAddress(BONK_PLATFORM, NATIVE_MINT).toBase58()).toBe(sdk.platformVault.toBase58());
    expect(creatorFeeVaultAddress(creator, NATIVE_MINT).toBase58()).toBe(sdk.creatorVault.toBase58());
  });

  it('buy_exact_in is byte-for-byte the SDK’s buyExactInInstruction', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (amountIn, minOut) => {
        const [mint, creator, user] = [key(), key(), key()];
        const s = sdkSide(mint, creator, user, tokenProgram);
        const theirs = sdkBuyExactIn(
          LAUNCHPAD_PROGRAM, user, s.auth, LAUNCHLAB_GLOBAL_CONFIG, BONK_PLATFORM, s.pool, s.userA, s.userB, s.vaultA, s.vaultB,
          mint, NATIVE_MINT, tokenProgram, TOKEN_PROGRAM_ID, s.platformVault, s.creatorVault,
          new BN(amountIn.toString()), new BN(minOut.toString()), new BN(0),
        );
        const ours = buyExactInInstruction(ourAccounts(mint, creator, user, tokenProgram), amountIn, minOut);
        expect(wire(ours)).toEqual(wire(theirs));
      }),
      { numRuns: 20, seed: 8 },
    );
  });

  it('sell_exact_in is byte-for-byte the SDK’s sellExactInInstruction', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (tokensIn, minOut) => {
        const [mint, creator, user] = [key(), key(), key()];
        const s = sdkSide(mint, creator, user, tokenProgram);
        const theirs = sdkSellExactIn(
          LAUNCHPAD_PROGRAM, user, s.auth, LAUNCHLAB_GLOBAL_CONFIG, BONK_PLATFORM, s.pool, s.userA, s.userB, s.vaultA, s.vaultB,
          mint, NATIVE_MINT, tokenProgram, TOKEN_PROGRAM_ID, s.platformVault, s.creatorVault,
          new BN(tokensIn.toString()), new BN(minOut.toString()), new BN(0),
        );
        const ours = sellExactInInstruction(ourAccounts(mint, creator, user, tokenProgram), tokensIn, minOut);
        expect(wire(ours)).toEqual(wire(theirs));
      }),
      { numRuns: 20, seed: 9 },
    );
  });
});

describe('LaunchLab quotes against Raydium SDK’s Curve', () => {
  /** A bonk.fun pool somewhere along its curve, as both sides decode it. */
  const poolAt = (realBase: bigint) => {
    // Keep the pool on its own curve: realQuote is what buying realBase from a fresh pool cost (before fees).
    const k = BONK_DEFAULT_CURVE.virtualBase * BONK_DEFAULT_CURVE.virtualQuote;
    const realQuote = k / (BONK_DEFAULT_CURVE.virtualBase - realBase) - BONK_DEFAULT_CURVE.virtualQuote;
    const fields = {
      status: 0, baseDecimals: 6, quoteDecimals: 9, migrateType: 1, ...BONK_DEFAULT_CURVE, realBase, realQuote,
      globalConfig: LAUNCHLAB_GLOBAL_CONFIG, platformConfig: BONK_PLATFORM, baseMint: key(), quoteMint: NATIVE_MINT,
      baseVault: key(), quoteVault: key(), creator: key(),
    };
    const data = encodePoolState(fields).data;
    return { ours: fields, sdk: LaunchpadPool.decode(data) };
  };
  const feeArb = fc.record({
    protocol: fc.bigInt({ min: 0n, max: 10_000n }),
    platform: fc.bigInt({ min: 0n, max: 20_000n }),
    creator: fc.bigInt({ min: 0n, max: 5_000n }),
  });
  const sdkFees = (fees: FeeRates) => ({
    protocolFeeRate: new BN(fees.protocol.toString()),
    platformFeeRate: new BN(fees.platform.toString()),
    creatorFeeRate: new BN(fees.creator.toString()),
    shareFeeRate: new BN(0),
    curveType: 0,
    transferFeeConfigA: undefined,
    transferFeeConfigB: undefined,
    slot: 0,
  });

  it('buy_exact_in: same tokens out and same SOL in, capped at the curve’s end like the SDK', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: BONK_DEFAULT_CURVE.totalBaseSell - 1n }),
        fc.bigInt({ min: 1n, max: 200_000_000_000n }),
        feeArb,
        (realBase, amountIn, fees) => {
          const { ours, sdk } = poolAt(realBase);
          const mine = quoteBuyExactIn(ours, fees, amountIn);
          const theirs = Curve.buyExactIn({ poolInfo: sdk, amountB: new BN(amountIn.toString()), ...sdkFees(fees) });
          expect(mine.tokensOut.toString()).toBe(theirs.amountA.amount.toString());
          expect(mine.amountInLamports.toString()).toBe(theirs.amountB.toString());
          expect(mine.cappedAtCurveEnd).toBe(theirs.amountB.lt(new BN(amountIn.toString())));
        },
      ),
      { numRuns: 150, seed: 80 },
    );
  });

  it('a buy past the curve’s end is cut to what is left (SDK agrees), and a fresh pool is bonk.fun’s 30 SOL curve', () => {
    const { ours, sdk } = poolAt(BONK_DEFAULT_CURVE.totalBaseSell - 1_000_000_000n);
    const fees = { protocol: 2_500n, platform: 10_000n, creator: 0n };
    const mine = quoteBuyExactIn(ours, fees, 100_000_000_000n);
    const theirs = Curve.buyExactIn({ poolInfo: sdk, amountB: new BN('100000000000'), ...sdkFees(fees) });
    expect(mine.cappedAtCurveEnd).toBe(true);
    expect(mine.tokensOut).toBe(1_000_000_000n);
    expect(mine.amountInLamports.toString()).toBe(theirs.amountB.toString());
    expect(mine.amountInLamports < 100_000_000_000n).toBe(true);
  });

  it('sell_exact_in: same SOL out', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1_000_000n, max: BONK_DEFAULT_CURVE.totalBaseSell - 1n }),
        fc.double({ min: 0.000001, max: 1, noNaN: true }),
        feeArb,
        (realBase, share, fees) => {
          const { ours, sdk } = poolAt(realBase);
          const tokensIn = BigInt(Math.max(1, Math.floor(Number(realBase) * share)));
          const mine = quoteSellExactIn(ours, fees, tokensIn);
          const theirs = Curve.sellExactIn({ poolInfo: sdk, amountA: new BN(tokensIn.toString()), ...sdkFees(fees) });
          expect(mine.lamportsOut.toString()).toBe(theirs.amountB.toString());
        },
      ),
      { numRuns: 150, seed: 81 },
    );
  });

  it('Token-2022 transfer fee: the same fee the SDK takes off (equal older and newer fee)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.bigInt({ min: 0n, max: 1n << 40n }), fc.bigInt({ min: 1n, max: 1n << 50n }), (bps, maximumFee, amount) => {
        const fee = { epoch: 0n, maximumFee, transferFeeBasisPoints: bps };
        const config: TransferFeeConfig = {
          transferFeeConfigAuthority: PublicKey.default,
          withdrawWithheldAuthority: PublicKey.default,
          withheldAmount: 0n,
          olderTransferFee: fee,
          newerTransferFee: fee,
        };
        const theirs = getTransferAmountFeeFromPre(new BN(amount.toString()), config, 0);
        expect(transferFeeUpperBound(config, amount).toString()).toBe((theirs.fee ?? new BN(0)).toString());
      }),
      { numRuns: 200, seed: 82 },
    );
  });
});
