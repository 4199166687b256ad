import { NATIVE_MINT, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, type AccountInfo, type PublicKey } from '@solana/web3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAUNCHLAB_PROGRAM_ID } from '../../../../../electron/core/live/bonk/launchlab-layout.js';
import { LaunchLabRefusal, LaunchLabVenue } from '../../../../../electron/core/live/bonk/launchlab-venue.js';
import {
  bonkPoolWorld,
  encodeGlobalConfig,
  encodePlatformConfig,
  encodePoolState,
  encodeTokenAccount,
  type EncodedAccount,
} from '../../../../support/launchlab-accounts.js';

/**
 * Whatever numbers a pool account holds, a plan is either sound or a LaunchLabRefusal: never
 * a crash, never a buy that can spend more than asked, never a minimum out above the quote.
 * Accounts are served from memory (the venue's reads through a stand-in Connection).
 */
const u64 = (max: bigint = (1n << 64n) - 1n) => fc.bigInt({ min: 0n, max });

function memoryConnection(accounts: Map<string, EncodedAccount>) {
  return {
    getMultipleAccountsInfo: async (keys: PublicKey[]): Promise<(AccountInfo<Buffer> | null)[]> =>
      keys.map((k) => {
        const a = accounts.get(k.toBase58());
        return a ? { data: a.data, owner: a.owner, lamports: a.lamports ?? 1, executable: false } : null;
      }),
  };
}

/** Half arbitrary u64s, half pools on a curve (sold less than the virtual base, some left to sell), so both sides are exercised. */
const poolNumbers = fc.oneof(
  fc.record({
    status: fc.integer({ min: 0, max: 3 }),
    virtualBase: u64(),
    virtualQuote: u64(1n << 56n),
    realBase: u64(),
    realQuote: u64(1n << 56n),
    totalBaseSell: u64(),
  }),
  fc
    .record({ virtualBase: fc.bigInt({ min: 2n, max: (1n << 64n) - 1n }), virtualQuote: fc.bigInt({ min: 1n, max: 1n << 56n }), soldShare: fc.double({ min: 0, max: 0.999, noNaN: true }), sellShare: fc.double({ min: 0.001, max: 1, noNaN: true }), realQuote: u64(1n << 56n) })
    .map(({ virtualBase, virtualQuote, soldShare, sellShare, realQuote }) => {
      const totalBaseSell = BigInt(Math.max(1, Math.floor(Number(virtualBase - 1n) * sellShare)));
      const realBase = BigInt(Math.floor(Number(totalBaseSell) * soldShare)) % totalBaseSell;
      return { status: 0, virtualBase, virtualQuote, realBase, realQuote, totalBaseSell };
    }),
);

const feeRates = fc.record({ protocol: u64(600_000n), platform: u64(600_000n), creator: u64(100_000n) });

/** A bonk.fun pool world whose pool and configs hold the given numbers. */
function worldWith(n: { status: number; virtualBase: bigint; virtualQuote: bigint; realBase: bigint; realQuote: bigint; totalBaseSell: bigint }, fees: { protocol: bigint; platform: bigint; creator: bigint }) {
  const world = bonkPoolWorld();
  world.accounts.set(world.pool.toBase58(), encodePoolState({ ...world.fields, ...n }));
  world.accounts.set(world.globalConfig.toBase58(), encodeGlobalConfig({ curveType: 0, index: 0, tradeFeeRate: fees.protocol, maxShareFeeRate: 0n, quoteMint: NATIVE_MINT }));
  world.accounts.set(world.platformConfig.toBase58(), encodePlatformConfig({ feeRate: fees.platform, name: 'letsbonk.fun', creatorFeeRate: fees.creator }));
  return world;
}

async function outcome<T>(plan: Promise<T>): Promise<T | LaunchLabRefusal> {
  try {
    return await plan;
  } catch (error) {
    // Anything but a refusal fails the property with the error itself.
    if (error instanceof LaunchLabRefusal) return error;
    throw error;
  }
}

describe('LaunchLabVenue on arbitrary pool numbers', () => {
  it('buy: a sound plan or a refusal; a plan never spends more than asked and never asks more than its quote', async () => {
    let planned = 0;
    await fc.assert(
      fc.asyncProperty(poolNumbers, feeRates, fc.bigInt({ min: 1n, max: 1n << 50n }), fc.integer({ min: 0, max: 999 }), async (n, fees, lamports, slipTenths) => {
        const world = worldWith(n, fees);
        const venue = new LaunchLabVenue({ connection: memoryConnection(world.accounts), configTtlMs: 0 });
        const result = await outcome(venue.planBuy({ mint: world.mint, user: Keypair.generate().publicKey, solLamports: lamports, slippagePct: slipTenths / 10 }));
        if (result instanceof LaunchLabRefusal) return;
        planned += 1;
        expect(n.status).toBe(0);
        expect(result.maxSolCostLamports > 0n && result.maxSolCostLamports <= lamports).toBe(true);
        expect(result.expectedTokensRaw > 0n).toBe(true);
        const ix = result.instructions.find((i) => i.programId.equals(LAUNCHLAB_PROGRAM_ID))!;
        const data = Buffer.from(ix.data);
        expect(data.readBigUInt64LE(8)).toBe(result.maxSolCostLamports);
        expect(data.readBigUInt64LE(16) <= result.expectedTokensRaw).toBe(true);
        expect(result.expectedTokensRaw <= n.totalBaseSell - n.realBase).toBe(true);
      }),
      { numRuns: 150, seed: 88 },
    );
    expect(planned).toBeGreaterThan(30); // the property was checked on real plans, not only on refusals
  });

  it('sell: a sound plan or a refusal; the minimum out never above the quote, never zero', async () => {
    let planned = 0;
    await fc.assert(
      fc.asyncProperty(poolNumbers, feeRates, fc.bigInt({ min: 1n, max: 1n << 60n }), fc.integer({ min: 0, max: 999 }), async (n, fees, tokens, slipTenths) => {
        const world = worldWith(n, fees);
        const user = Keypair.generate().publicKey;
        const holding = getAssociatedTokenAddressSync(world.mint, user, false, TOKEN_PROGRAM_ID);
        world.accounts.set(holding.toBase58(), encodeTokenAccount(world.mint, user, tokens));
        const venue = new LaunchLabVenue({ connection: memoryConnection(world.accounts), configTtlMs: 0 });
        const result = await outcome(venue.planSell({ mint: world.mint, user, tokensRaw: tokens, slippagePct: slipTenths / 10 }));
        if (result instanceof LaunchLabRefusal) return;
        planned += 1;
        expect(n.status).toBe(0);
        expect(result.minSolOutLamports > 0n).toBe(true);
        const ix = result.instructions.find((i) => i.programId.equals(LAUNCHLAB_PROGRAM_ID))!;
        const data = Buffer.from(ix.data);
        expect(data.readBigUInt64LE(8)).toBe(tokens);
        expect(data.readBigUInt64LE(16)).toBe(result.minSolOutLamports);
        // Never more than the pool's quote side holds.
        expect(result.minSolOutLamports <= n.virtualQuote + n.realQuote).toBe(true);
      }),
      { numRuns: 150, seed: 89 },
    );
    expect(planned).toBeGreaterThan(30);
  });

  it('garbage in a pool account is a refusal, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 600 }), fc.boolean(), async (bytes, keepDiscriminator) => {
        const world = bonkPoolWorld();
        const data = Buffer.from(bytes);
        if (keepDiscriminator && data.length >= 8) data.set(encodePoolState(world.fields).data.subarray(0, 8), 0);
        world.accounts.set(world.pool.toBase58(), { owner: LAUNCHLAB_PROGRAM_ID, data });
        const venue = new LaunchLabVenue({ connection: memoryConnection(world.accounts) });
        const result = await outcome(venue.planBuy({ mint: world.mint, user: Keypair.generate().publicKey, solLamports: 1_000_000n, slippagePct: 1 }));
        expect(result).toBeInstanceOf(LaunchLabRefusal);
      }),
      { numRuns: 200, seed: 90 },
    );
  });
});
