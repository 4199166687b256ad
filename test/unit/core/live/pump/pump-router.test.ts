import { TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PumpVenueRouter } from '../../../../../electron/core/live/pump/pump-router.js';
import type { Venue, VenueRouter } from '../../../../../electron/core/live/venue.js';
import { completedBondingCurve, migratedCoinAccounts, pumpCoinAccounts, pumpProgramAccounts } from '../../../../support/pump-accounts.js';
import { startPumpChain, type PumpChain } from './pump-chain.js';

function fakeVenue(name: Venue['name']): Venue {
  return {
    name,
    programId: PublicKey.unique(),
    planBuy: () => Promise.reject(new Error(`${name} buy`)),
    planSell: () => Promise.reject(new Error(`${name} sell`)),
    describeError: () => undefined,
  };
}

let stub: PumpChain;
const user = Keypair.generate().publicKey;
beforeEach(async () => {
  stub = await startPumpChain(pumpProgramAccounts());
});
afterEach(() => stub.close());

describe('PumpVenueRouter', () => {
  it('pump.fun: buys on the curve; sells on the curve until it completes, then on PumpSwap', async () => {
    const router = new PumpVenueRouter({ connection: stub.connection });
    const live = Keypair.generate().publicKey;
    const migrated = Keypair.generate().publicKey;
    stub.set(pumpCoinAccounts({ mint: live, user, tokenProgram: TOKEN_2022_PROGRAM_ID }));
    stub.set(migratedCoinAccounts({ mint: migrated, user, tokenProgram: TOKEN_2022_PROGRAM_ID }));

    expect((await router.forBuy('pump.fun', live)).name).toBe('pump-curve');
    expect((await router.forSell('pump.fun', live)).name).toBe('pump-curve');
    expect((await router.forSell('pump.fun', migrated)).name).toBe('pumpswap');
    // A buy of a migrated coin goes to the curve venue, which refuses it with BondingCurveComplete.
    const buyVenue = await router.forBuy('pump.fun', migrated);
    await expect(buyVenue.planBuy({ mint: migrated, user, solLamports: 1_000n, slippagePct: 1 })).rejects.toThrow(/^BondingCurveComplete/);
  });

  it('a curve that completes between two sells moves the next sell to PumpSwap', async () => {
    const router = new PumpVenueRouter({ connection: stub.connection });
    const mint = Keypair.generate().publicKey;
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID }));
    expect((await router.forSell('pump.fun', mint)).name).toBe('pump-curve');
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, curve: completedBondingCurve() }));
    expect((await router.forSell('pump.fun', mint)).name).toBe('pumpswap');
  });

  it('a failing read of the curve fails the routing with an error naming it', async () => {
    const router = new PumpVenueRouter({ connection: stub.connection, readTimeoutMs: 300 });
    const mint = Keypair.generate().publicKey;
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID }));
    stub.rpc.fail({ kind: 'http', status: 503 }, 1, 'getAccountInfo');
    await expect(router.forSell('pump.fun', mint)).rejects.toThrow(/^could not read the bonding curve of \S+ from the RPC/);
    stub.rpc.fail({ kind: 'hang' }, 1, 'getAccountInfo');
    await expect(router.forSell('pump.fun', mint)).rejects.toThrow(/did not answer within 300 ms/);
  });

  it('a mint without a pump.fun curve is refused for sells', async () => {
    const router = new PumpVenueRouter({ connection: stub.connection });
    await expect(router.forSell('pump.fun', Keypair.generate().publicKey)).rejects.toThrow(/not a pump.fun coin/);
  });

  it('bonk.fun goes to the LaunchLab venue or router given, and is refused as not built without one', async () => {
    const mint = Keypair.generate().publicKey;
    await expect(new PumpVenueRouter({ connection: stub.connection }).forBuy('bonk.fun', mint)).rejects.toThrow(/not built yet/);
    const launchlab = fakeVenue('launchlab');
    expect(await new PumpVenueRouter({ connection: stub.connection, bonk: launchlab }).forSell('bonk.fun', mint)).toBe(launchlab);
    const asked: string[] = [];
    const bonkRouter: VenueRouter = {
      forBuy: async (platform) => (asked.push(`buy ${platform}`), launchlab),
      forSell: async (platform) => (asked.push(`sell ${platform}`), launchlab),
    };
    const router = new PumpVenueRouter({ connection: stub.connection, bonk: bonkRouter });
    expect(await router.forBuy('bonk.fun', mint)).toBe(launchlab);
    expect(await router.forSell('bonk.fun', mint)).toBe(launchlab);
    expect(asked).toEqual(['buy bonk.fun', 'sell bonk.fun']);
  });

  it('an unknown platform from an untyped caller is refused', async () => {
    const router = new PumpVenueRouter({ connection: stub.connection });
    await expect(router.forBuy('moon.fun' as never, Keypair.generate().publicKey)).rejects.toThrow(/no live venue for platform moon.fun/);
  });
});
