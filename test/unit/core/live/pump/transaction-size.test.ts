import { TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PACKET_DATA_SIZE } from '@solana/web3.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTransaction } from '../../../../../electron/core/live/transaction-builder.js';
import { PumpCurveVenue } from '../../../../../electron/core/live/pump/pump-curve-venue.js';
import { PumpSwapVenue } from '../../../../../electron/core/live/pump/pumpswap-venue.js';
import type { TradePlan } from '../../../../../electron/core/live/venue.js';
import { canonicalPool, defaultBondingCurve, migratedCoinAccounts, pumpCoinAccounts, pumpProgramAccounts } from '../../../../support/pump-accounts.js';
import { startPumpChain, type PumpChain } from './pump-chain.js';

/**
 * The largest trades the venues build still fit one packet (1 232 bytes) once the live trader
 * adds its two compute-budget instructions and the signature: a transaction that does not fit
 * cannot be sent at all, and a position whose sell does not fit could never be sold. Measured
 * 25 Nov 2026: curve buy 820 bytes, curve sell 744, the heaviest PumpSwap sell 1 074.
 */
let chain: PumpChain;
const signer = Keypair.generate();
const user = signer.publicKey;
beforeEach(async () => {
  chain = await startPumpChain(pumpProgramAccounts());
});
afterEach(() => chain.close());

function signedSize(plan: TradePlan): number {
  const transaction = buildTransaction({ payer: user, blockhash: Keypair.generate().publicKey.toBase58(), computeUnitLimit: 200_000, computeUnitPrice: 100_000n, instructions: plan.instructions });
  transaction.sign([signer]);
  return transaction.serialize().length;
}

describe('transaction size', () => {
  it('a curve buy creating the Token-2022 account of a mayhem cashback coin, and its sell, fit one packet', async () => {
    const mint = Keypair.generate().publicKey;
    chain.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, curve: defaultBondingCurve({ isMayhemMode: true, isCashbackCoin: true }) }));
    const venue = new PumpCurveVenue(chain.connection);
    const buy = signedSize(await venue.planBuy({ mint, user, solLamports: 100_000_000n, slippagePct: 1 }));
    chain.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 10n ** 9n, curve: defaultBondingCurve({ isMayhemMode: true, isCashbackCoin: true }) }));
    const sell = signedSize(await venue.planSell({ mint, user, tokensRaw: 10n ** 9n, slippagePct: 1 }));
    expect(buy).toBeLessThanOrEqual(PACKET_DATA_SIZE);
    expect(sell).toBeLessThanOrEqual(PACKET_DATA_SIZE);
  });

  it('the heaviest PumpSwap sell (old pool extended first, cashback and mayhem, WSOL account opened and closed) fits one packet', async () => {
    const mint = Keypair.generate().publicKey;
    chain.set(
      migratedCoinAccounts({
        mint,
        user,
        tokenProgram: TOKEN_2022_PROGRAM_ID,
        userTokens: 10n ** 9n,
        poolSize: 245,
        pool: canonicalPool(mint, TOKEN_2022_PROGRAM_ID, { isCashbackCoin: true, isMayhemMode: true }),
      }),
    );
    const size = signedSize(await new PumpSwapVenue(chain.connection).planSell({ mint, user, tokensRaw: 10n ** 9n, slippagePct: 1 }));
    expect(size).toBeLessThanOrEqual(PACKET_DATA_SIZE);
  });
});
