import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, SystemProgram } from '@solana/web3.js';
import BN from 'bn.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pumpSdk } from '../../../../../electron/core/feeds/pump-sdk.js';
import { readPumpMark } from '../../../../../electron/core/live/pump/pump-mark.js';
import { readPumpSwapMark } from '../../../../../electron/core/live/pump/pumpswap-price.js';
import { NoPumpSwapPoolError } from '../../../../../electron/core/live/pump/pumpswap-state.js';
import { canonicalPool, migratedCoinAccounts, pumpCoinAccounts } from '../../../../support/pump-accounts.js';
import { startPumpChain, type PumpChain } from './pump-chain.js';

let chain: PumpChain;
const user = Keypair.generate().publicKey;
beforeEach(async () => {
  chain = await startPumpChain();
});
afterEach(() => chain.close());

describe('PumpSwap mark', () => {
  it('prices SOL per whole token from the pool vaults, virtual SOL included', async () => {
    const mint = Keypair.generate().publicKey;
    chain.set(migratedCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, poolBaseRaw: 200_000_000_000_000n, poolQuoteLamports: 80_000_000_000n }));
    const mark = await readPumpSwapMark(chain.connection, mint);
    expect(mark).toMatchObject({ baseRaw: 200_000_000_000_000n, quoteLamports: 80_000_000_000n });
    expect(mark.priceSol).toBeCloseTo(80 / 200_000_000, 18);

    const boosted = Keypair.generate().publicKey;
    chain.set(
      migratedCoinAccounts({
        mint: boosted,
        user,
        tokenProgram: TOKEN_PROGRAM_ID,
        poolBaseRaw: 100_000_000_000_000n,
        poolQuoteLamports: 10_000_000_000n,
        pool: canonicalPool(boosted, TOKEN_PROGRAM_ID, { virtualQuoteReserves: new BN(30_000_000_000) }),
      }),
    );
    expect((await readPumpSwapMark(chain.connection, boosted)).priceSol).toBeCloseTo(40 / 100_000_000, 18);
  });

  it('no pool, a pool account of another program, or bytes that are not a pool: a clear error', async () => {
    const mint = Keypair.generate().publicKey;
    await expect(readPumpSwapMark(chain.connection, mint)).rejects.toBeInstanceOf(NoPumpSwapPoolError);
    const pool = pumpSdk.canonicalPumpPoolPda(mint);
    chain.rpc.setAccount(pool, { owner: SystemProgram.programId, data: Buffer.alloc(300) });
    await expect(readPumpSwapMark(chain.connection, mint)).rejects.toThrow(/is not a PumpSwap account/);
    chain.rpc.setAccount(pool, { owner: pumpSdk.PUMP_AMM_PROGRAM_ID, data: Buffer.alloc(300, 3) });
    await expect(readPumpSwapMark(chain.connection, mint)).rejects.toThrow(/does not decode/);
  });
});

describe('pump.fun mark wherever the coin trades', () => {
  it('the curve while it runs, PumpSwap once complete, no price while the pool is not there yet', async () => {
    const live = Keypair.generate().publicKey;
    chain.set(pumpCoinAccounts({ mint: live, user, tokenProgram: TOKEN_2022_PROGRAM_ID }));
    const onCurve = await readPumpMark(chain.connection, live);
    expect(onCurve.source).toBe('curve');
    expect(onCurve.priceSol).toBeCloseTo(32.2 / 1_000_000_000, 18);

    const migrated = Keypair.generate().publicKey;
    chain.set(migratedCoinAccounts({ mint: migrated, user, tokenProgram: TOKEN_2022_PROGRAM_ID, poolBaseRaw: 200_000_000_000_000n, poolQuoteLamports: 80_000_000_000n }));
    expect(await readPumpMark(chain.connection, migrated)).toEqual({ source: 'pumpswap', priceSol: expect.closeTo(80 / 200_000_000, 18) });

    chain.rpc.deleteAccount(pumpSdk.canonicalPumpPoolPda(migrated));
    expect(await readPumpMark(chain.connection, migrated)).toEqual({ source: 'pumpswap', priceSol: null });
  });
});
