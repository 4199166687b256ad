import { Connection, Keypair, SystemProgram } from '@solana/web3.js';
import { afterEach, describe, expect, it } from 'vitest';
import { LAUNCHLAB_PROGRAM_ID, POOL_STATUS } from '../../../../../electron/core/live/bonk/launchlab-layout.js';
import { poolMarkFromAccount, readPoolMark } from '../../../../../electron/core/live/bonk/launchlab-price.js';
import { FakeSolanaRpc } from '../../../../support/fake-solana-rpc.js';
import { BONK_DEFAULT_CURVE, bonkPoolWorld, encodePoolState, serveBonkPool } from '../../../../support/launchlab-accounts.js';

let server: FakeSolanaRpc | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('LaunchLab pool mark', () => {
  it('a fresh bonk.fun pool is priced at its initial virtual reserves (~2.8e-8 SOL a token)', () => {
    const world = bonkPoolWorld();
    const mark = poolMarkFromAccount(encodePoolState(world.fields));
    expect(mark.complete).toBe(false);
    expect(mark.virtualSolLamports).toBe(BONK_DEFAULT_CURVE.virtualQuote);
    expect(mark.priceSol).toBeCloseTo(30.000852951 / 1_073_025_605.596382, 15);
  });

  it('the price rises as the curve sells: realQuote in, realBase out', () => {
    const fresh = poolMarkFromAccount(encodePoolState(bonkPoolWorld().fields)).priceSol!;
    const bought = poolMarkFromAccount(encodePoolState(bonkPoolWorld({ realBase: 400_000_000_000_000n, realQuote: 17_800_000_000n }).fields));
    expect(bought.virtualTokensRaw).toBe(BONK_DEFAULT_CURVE.virtualBase - 400_000_000_000_000n);
    expect(bought.priceSol! / fresh).toBeGreaterThan(2);
  });

  it('a pool off the curve is complete and unpriced', () => {
    for (const status of [POOL_STATUS.migrating, POOL_STATUS.migrated]) {
      const mark = poolMarkFromAccount(encodePoolState(bonkPoolWorld({ status }).fields));
      expect(mark).toMatchObject({ complete: true, priceSol: null });
    }
  });

  it('refuses an account not owned by LaunchLab, or not a pool', () => {
    const { data } = encodePoolState(bonkPoolWorld().fields);
    expect(() => poolMarkFromAccount({ data, owner: SystemProgram.programId })).toThrow(/not a LaunchLab pool/);
    expect(() => poolMarkFromAccount({ data: Buffer.alloc(429, 3), owner: LAUNCHLAB_PROGRAM_ID })).toThrow(/discriminator/);
  });

  it('reads the mint’s pool through a Connection; no pool is an error naming the mint', async () => {
    const world = bonkPoolWorld({ realBase: 1_000_000_000n, realQuote: 28_000_000n });
    server = await FakeSolanaRpc.start();
    serveBonkPool(server, world);
    const connection = new Connection(server.url, 'confirmed');
    const mark = await readPoolMark(connection, world.mint);
    expect(mark.virtualSolLamports).toBe(BONK_DEFAULT_CURVE.virtualQuote + 28_000_000n);
    const stranger = Keypair.generate().publicKey;
    await expect(readPoolMark(connection, stranger)).rejects.toThrow(`no LaunchLab pool for ${stranger.toBase58()}`);
    server.fail({ kind: 'hang' }, 1, 'getAccountInfo');
    await expect(readPoolMark(connection, world.mint, { readTimeoutMs: 50 })).rejects.toThrow(
      `the RPC did not answer within 50 ms while reading the LaunchLab pool of ${world.mint.toBase58()}`,
    );
    expect((await readPoolMark(connection, world.mint)).complete).toBe(false);
  });
});
