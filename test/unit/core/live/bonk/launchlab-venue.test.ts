import { NATIVE_MINT, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Connection, Keypair, PublicKey, type TransactionInstruction } from '@solana/web3.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BONK_PLATFORM_IDS, parseBonkPlatformIds } from '../../../../../electron/core/live/bonk/bonk-platforms.js';
import { quoteBuyExactIn, quoteSellExactIn } from '../../../../../electron/core/live/bonk/launchlab-curve.js';
import { LAUNCHLAB_PROGRAM_ID, POOL_STATUS } from '../../../../../electron/core/live/bonk/launchlab-layout.js';
import { ChainReadError } from '../../../../../electron/core/live/pump/chain-read.js';
import { LaunchLabRefusal, LaunchLabVenue } from '../../../../../electron/core/live/bonk/launchlab-venue.js';
import { FakeSolanaRpc } from '../../../../support/fake-solana-rpc.js';
import { bonkPoolWorld, encodePoolState, serveBonkPool, serveHolding, type BonkPoolOptions, type BonkPoolWorld } from '../../../../support/launchlab-accounts.js';

/**
 * The venue end to end through a web3.js Connection against the scripted local JSON-RPC node
 * (test/support/fake-solana-rpc.ts) serving the pool's encoded accounts: what it plans, and
 * what it refuses with which words.
 */
let server: FakeSolanaRpc | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const connectionTo = (rpc: FakeSolanaRpc) => new Connection(rpc.url, { commitment: 'confirmed', disableRetryOnRateLimit: true });

async function venueFor(options: BonkPoolOptions = {}, platformIds?: string[]): Promise<{ venue: LaunchLabVenue; world: BonkPoolWorld; user: PublicKey }> {
  const world = bonkPoolWorld(options);
  server = await FakeSolanaRpc.start();
  serveBonkPool(server, world);
  const venue = new LaunchLabVenue({
    connection: connectionTo(server),
    bonkPlatformIds: parseBonkPlatformIds(platformIds ?? DEFAULT_BONK_PLATFORM_IDS),
  });
  return { venue, world, user: Keypair.generate().publicKey };
}

/** The account-read calls the venue made (getMultipleAccounts / getAccountInfo). */
const reads = () => server!.calls.filter((c) => c.method === 'getMultipleAccounts' || c.method === 'getAccountInfo');

const FEES = { protocol: 2_500n, platform: 10_000n, creator: 0n };

function launchLabIx(instructions: TransactionInstruction[]): { amount: bigint; threshold: bigint; keys: TransactionInstruction['keys'] } {
  const ix = instructions.find((i) => i.programId.equals(LAUNCHLAB_PROGRAM_ID));
  if (!ix) throw new Error('no LaunchLab instruction');
  const data = Buffer.from(ix.data);
  return { amount: data.readBigUInt64LE(8), threshold: data.readBigUInt64LE(16), keys: ix.keys };
}

async function refusal(promise: Promise<unknown>): Promise<LaunchLabRefusal> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LaunchLabRefusal);
  return error as LaunchLabRefusal;
}

describe('LaunchLabVenue', () => {
  it('plans a bonk.fun buy on an SPL mint: exact SOL in, tokens quoted on the curve with the pool’s fees, slippage on the tokens', async () => {
    const { venue, world, user } = await venueFor({ realBase: 100_000_000_000_000n, realQuote: 3_200_000_000n });
    const plan = await venue.planBuy({ mint: world.mint, user, solLamports: 500_000_000n, slippagePct: 2.5 });

    const quote = quoteBuyExactIn(world.fields, FEES, 500_000_000n);
    expect(plan.venue).toBe('launchlab');
    expect(plan.maxSolCostLamports).toBe(500_000_000n);
    expect(plan.expectedTokensRaw).toBe(quote.tokensOut);
    expect(plan.expectedTokensRaw > 0n).toBe(true);
    expect(plan.tokenProgram.equals(TOKEN_PROGRAM_ID)).toBe(true);
    expect(plan.userTokenAccount.equals(getAssociatedTokenAddressSync(world.mint, user, false, TOKEN_PROGRAM_ID))).toBe(true);
    expect(plan.decimals).toBe(6);
    const ix = launchLabIx(plan.instructions);
    expect(ix.amount).toBe(500_000_000n);
    expect(ix.threshold).toBe((quote.tokensOut * 975n) / 1000n);
    expect(ix.keys[4]!.pubkey.equals(world.pool)).toBe(true);
    // Reads at 'confirmed': the pool and mint together, then the two configs.
    expect(server!.calls.map((c) => c.method)).toEqual(['getMultipleAccounts', 'getMultipleAccounts']);
    expect(reads()[0]!.params[1]).toMatchObject({ commitment: 'confirmed' });
    expect(reads()[0]!.params[0]).toEqual([world.pool.toBase58(), world.mint.toBase58()]);
  });

  it('plans a Token-2022 buy: the mint’s own program, its ATA, and the transfer fee taken off the tokens expected', async () => {
    const { venue, world, user } = await venueFor({
      tokenProgram: TOKEN_2022_PROGRAM_ID,
      transferFee: { basisPoints: 100, maximumFee: 1_000_000_000_000n },
    });
    const plan = await venue.planBuy({ mint: world.mint, user, solLamports: 1_000_000_000n, slippagePct: 0 });
    const gross = quoteBuyExactIn(world.fields, FEES, 1_000_000_000n).tokensOut;
    const fee = (gross * 100n + 9_999n) / 10_000n;
    expect(plan.tokenProgram.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
    expect(plan.userTokenAccount.equals(getAssociatedTokenAddressSync(world.mint, user, false, TOKEN_2022_PROGRAM_ID))).toBe(true);
    expect(plan.expectedTokensRaw).toBe(gross - fee);
    const ix = launchLabIx(plan.instructions);
    expect(ix.threshold).toBe(gross - fee);
    expect(ix.keys[11]!.pubkey.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
  });

  it('caps a buy that would run past the curve’s end: the plan spends only what the rest costs', async () => {
    const { venue, world, user } = await venueFor({ realBase: 793_000_000_000_000n, realQuote: 84_000_000_000n });
    const plan = await venue.planBuy({ mint: world.mint, user, solLamports: 50_000_000_000n, slippagePct: 1 });
    expect(plan.maxSolCostLamports < 50_000_000_000n).toBe(true);
    expect(plan.expectedTokensRaw).toBe(100_000_000_000n);
    expect(launchLabIx(plan.instructions).amount).toBe(plan.maxSolCostLamports);
  });

  it('plans a sell: exact tokens in, the least SOL out after fees and slippage', async () => {
    const { venue, world, user } = await venueFor({ realBase: 200_000_000_000_000n, realQuote: 7_500_000_000n });
    serveHolding(server!, world, user, 12_000_000_000_000n);
    const plan = await venue.planSell({ mint: world.mint, user, tokensRaw: 10_000_000_000_000n, slippagePct: 5 });
    const out = quoteSellExactIn(world.fields, FEES, 10_000_000_000_000n).lamportsOut;
    expect(plan.tokensRaw).toBe(10_000_000_000_000n);
    expect(plan.minSolOutLamports).toBe((out * 950n) / 1000n);
    const ix = launchLabIx(plan.instructions);
    expect(ix.amount).toBe(10_000_000_000_000n);
    expect(ix.threshold).toBe(plan.minSolOutLamports);
  });

  it('refuses a sell of tokens the wallet does not hold, with what it holds', async () => {
    const { venue, world, user } = await venueFor({ tokenProgram: TOKEN_2022_PROGRAM_ID, realBase: 1_000_000_000_000n, realQuote: 30_000_000n });
    let error = await refusal(venue.planSell({ mint: world.mint, user, tokensRaw: 5_000_000_000n, slippagePct: 1 }));
    expect(error.reason).toBe('not-held');
    expect(error.message).toContain('the wallet has no token account for this mint');
    serveHolding(server!, world, user, 4_999_999_999n);
    error = await refusal(venue.planSell({ mint: world.mint, user, tokensRaw: 5_000_000_000n, slippagePct: 1 }));
    expect(error.message).toContain('selling 5000000000 raw tokens but the wallet holds 4999999999');
    serveHolding(server!, world, user, 5_000_000_000n);
    const plan = await venue.planSell({ mint: world.mint, user, tokensRaw: 5_000_000_000n, slippagePct: 1 });
    expect(plan.userTokenAccount.equals(getAssociatedTokenAddressSync(world.mint, user, false, TOKEN_2022_PROGRAM_ID))).toBe(true);
  });

  it('refuses a LaunchLab pool of another platform, naming it and the list; accepts it once the list names it', async () => {
    const other = new PublicKey('4Bu96XjU84XjPDSpveTVf6LYGCkfW5FK7SNkREWcEfV4');
    const { venue, world, user } = await venueFor({ platformConfig: other });
    const error = await refusal(venue.planBuy({ mint: world.mint, user, solLamports: 1_000_000n, slippagePct: 1 }));
    expect(error.reason).toBe('not-bonk');
    expect(error.message).toContain(`launched on LaunchLab platform ${other.toBase58()}, which is not a bonk.fun platform id`);
    expect(error.message).toContain(DEFAULT_BONK_PLATFORM_IDS[0]);
    expect((await refusal(venue.planSell({ mint: world.mint, user, tokensRaw: 1_000n, slippagePct: 1 }))).reason).toBe('not-bonk');

    const widened = new LaunchLabVenue({
      connection: connectionTo(server!),
      bonkPlatformIds: parseBonkPlatformIds([...DEFAULT_BONK_PLATFORM_IDS, other.toBase58()]),
    });
    const plan = await widened.planBuy({ mint: world.mint, user, solLamports: 1_000_000n, slippagePct: 1 });
    expect(plan.expectedTokensRaw > 0n).toBe(true);
  });

  it('refuses a migrated pool, buy and sell: "migrated to Raydium: not sellable here yet"', async () => {
    const { venue, world, user } = await venueFor({ status: POOL_STATUS.migrated });
    const buy = await refusal(venue.planBuy({ mint: world.mint, user, solLamports: 1_000_000n, slippagePct: 1 }));
    const sell = await refusal(venue.planSell({ mint: world.mint, user, tokensRaw: 1_000_000n, slippagePct: 1 }));
    expect([buy.reason, sell.reason]).toEqual(['migrated', 'migrated']);
    expect(sell.message).toContain('migrated to Raydium: not sellable here yet');
  });

  it('refuses a pool whose curve completed and is waiting for migration', async () => {
    const { venue, world, user } = await venueFor({ status: POOL_STATUS.migrating });
    const error = await refusal(venue.planSell({ mint: world.mint, user, tokensRaw: 1_000_000n, slippagePct: 1 }));
    expect(error.reason).toBe('migrating');
    expect(error.message).toContain('migrating to Raydium: not tradable here');
  });

  it('a malformed pool account is a clear error, whether garbage, truncated or owned by another program', async () => {
    const { venue, world, user } = await venueFor();
    const key = world.pool.toBase58();
    const request = { mint: world.mint, user, solLamports: 1_000_000n, slippagePct: 1 };

    server!.setAccount(key, { owner: LAUNCHLAB_PROGRAM_ID, data: Buffer.alloc(429, 0xab) });
    let error = await refusal(venue.planBuy(request));
    expect(error.reason).toBe('malformed');
    expect(error.message).toContain(`LaunchLab pool ${key}`);
    expect(error.message).toContain('PoolState: not this account (wrong discriminator)');

    server!.setAccount(key, { owner: LAUNCHLAB_PROGRAM_ID, data: encodePoolState(world.fields).data.subarray(0, 100) });
    error = await refusal(venue.planBuy(request));
    expect(error.message).toContain('PoolState: account is 100 bytes, expected at least 365');

    server!.setAccount(key, { owner: TOKEN_PROGRAM_ID, data: encodePoolState(world.fields).data });
    error = await refusal(venue.planBuy(request));
    expect(error.message).toContain(`owned by ${TOKEN_PROGRAM_ID.toBase58()}, not by LaunchLab`);
  });

  it('a pool naming another mint, a missing mint or a config of another kind is a clear error', async () => {
    const { venue, world, user } = await venueFor();
    const request = { mint: world.mint, user, solLamports: 1_000_000n, slippagePct: 1 };
    server!.setAccount(world.pool, encodePoolState({ ...world.fields, baseMint: Keypair.generate().publicKey }));
    expect((await refusal(venue.planBuy(request))).message).toContain('the pool account names mints');

    server!.setAccount(world.pool, encodePoolState(world.fields));
    const mintAccount = world.accounts.get(world.mint.toBase58())!;
    server!.deleteAccount(world.mint);
    expect((await refusal(venue.planBuy(request))).message).toContain('the mint account does not exist');

    server!.setAccount(world.mint, { ...mintAccount, data: Buffer.alloc(10) });
    expect((await refusal(venue.planBuy(request))).message).toContain('the mint account is not a mint');

    server!.setAccount(world.mint, mintAccount);
    server!.setAccount(world.globalConfig, world.accounts.get(world.platformConfig.toBase58())!);
    expect((await refusal(venue.planBuy(request))).message).toContain('GlobalConfig: not this account');
  });

  it('no pool for the mint: refused as no-pool, nothing planned', async () => {
    const { venue, user } = await venueFor();
    const error = await refusal(venue.planBuy({ mint: Keypair.generate().publicKey, user, solLamports: 1_000_000n, slippagePct: 1 }));
    expect(error.reason).toBe('no-pool');
    expect(error.message).toContain('no LaunchLab pool quoted in SOL exists for this mint');
  });

  it('refuses a pool on a curve other than constant product', async () => {
    const { venue, world, user } = await venueFor({ curveType: 2 });
    const error = await refusal(venue.planBuy({ mint: world.mint, user, solLamports: 1_000_000n, slippagePct: 1 }));
    expect(error.reason).toBe('unsupported');
    expect(error.message).toContain('curve type 2');
  });

  it('a malformed or failed RPC reply rejects the plan with the pool it was reading, rather than planning on it', async () => {
    const { venue, world, user } = await venueFor();
    const request = { mint: world.mint, user, solLamports: 1_000_000n, slippagePct: 1 };
    const where = `could not read the accounts of ${world.mint.toBase58()} (LaunchLab pool ${world.pool.toBase58()}) from the RPC`;
    const faults = [
      { kind: 'garbage' as const }, // a truncated JSON body
      { kind: 'garbage' as const, body: '{"jsonrpc":"2.0","id":"1","result":{"context":{"slot":1},"value":"not accounts"}}' },
      { kind: 'http' as const, status: 429 },
      { kind: 'http' as const, status: 502 },
      { kind: 'reset' as const },
    ];
    for (const fault of faults) {
      server!.fail(fault, 1, 'getMultipleAccounts');
      const error = await venue.planBuy(request).catch((e: unknown) => e);
      expect(error, JSON.stringify(fault)).toBeInstanceOf(ChainReadError);
      expect((error as Error).message).toContain(where);
    }
    server!.fail({ kind: 'http', status: 503 }, 1, 'getMultipleAccounts');
    expect(((await venue.planSell({ mint: world.mint, user, tokensRaw: 1_000n, slippagePct: 1 }).catch((e: unknown) => e)) as Error).message).toContain(where);
    // And once the node answers again, the same request plans.
    expect((await venue.planBuy(request)).maxSolCostLamports).toBe(1_000_000n);
  });

  it('a read the node never answers fails after the read timeout, naming the pool', async () => {
    const world = bonkPoolWorld();
    server = await FakeSolanaRpc.start();
    serveBonkPool(server, world);
    const venue = new LaunchLabVenue({ connection: connectionTo(server), readTimeoutMs: 50 });
    server.fail({ kind: 'hang' }, 1, 'getMultipleAccounts');
    const error = await venue.planBuy({ mint: world.mint, user: Keypair.generate().publicKey, solLamports: 1_000n, slippagePct: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainReadError);
    expect((error as Error).message).toBe(`the RPC did not answer within 50 ms while reading the accounts of ${world.mint.toBase58()} (LaunchLab pool ${world.pool.toBase58()})`);
  });

  it('keeps a pool’s fee configs for configTtlMs: a later plan is one read; a refused config is read again', async () => {
    const world = bonkPoolWorld({ curveType: 2 });
    server = await FakeSolanaRpc.start();
    serveBonkPool(server, world);
    let now = 1_000_000;
    const venue = new LaunchLabVenue({ connection: connectionTo(server), configTtlMs: 60_000, now: () => now });
    const user = Keypair.generate().publicKey;
    const request = { mint: world.mint, user, solLamports: 10_000_000n, slippagePct: 1 };
    expect((await refusal(venue.planBuy(request))).reason).toBe('unsupported');
    server.setAccount(world.globalConfig, bonkPoolWorld().accounts.get(world.globalConfig.toBase58())!); // curve type 0 now
    await venue.planBuy(request);
    expect(reads()).toHaveLength(4);
    await venue.planBuy(request);
    await venue.planSell({ mint: world.mint, user, tokensRaw: 1n, slippagePct: 1 }).catch(() => undefined);
    expect(reads()).toHaveLength(6); // one read each: the configs were kept
    now += 60_000;
    await venue.planBuy(request);
    expect(reads()).toHaveLength(8);
    expect(reads()[7]!.params[0]).toEqual([world.globalConfig.toBase58(), world.platformConfig.toBase58()]);
  });

  it('refuses bad amounts and slippage before reading anything', async () => {
    const { venue, world, user } = await venueFor();
    await expect(venue.planBuy({ mint: world.mint, user, solLamports: 0n, slippagePct: 1 })).rejects.toThrow(/positive lamport amount/);
    await expect(venue.planSell({ mint: world.mint, user, tokensRaw: -5n, slippagePct: 1 })).rejects.toThrow(/positive token amount/);
    await expect(venue.planBuy({ mint: world.mint, user, solLamports: 1_000n, slippagePct: 100 })).rejects.toThrow(/slippage 100%/);
    await expect(venue.planSell({ mint: world.mint, user, tokensRaw: 1_000n, slippagePct: Number.NaN })).rejects.toThrow(/slippage NaN%/);
    expect(server!.calls).toHaveLength(0);
  });

  it('names LaunchLab’s custom errors from its IDL', async () => {
    const { venue } = await venueFor();
    expect(venue.describeError(6004)).toMatch(/^ExceededSlippage/);
    expect(venue.describeError(6006)).toMatch(/^PoolMigrated/);
    expect(venue.describeError(6018)).toMatch(/^NotEnoughRemainingAccounts/);
    expect(venue.describeError(6999)).toBeUndefined();
    // Anchor's framework codes (an account constraint failed) and the token program's inside the instruction.
    expect(venue.describeError(2006)).toBe('Anchor ConstraintSeeds: A seeds constraint was violated (an account LaunchLab was given is not what it expects)');
    expect(venue.describeError(3012)).toMatch(/^Anchor AccountNotInitialized: /);
    expect(venue.describeError(1)).toMatch(/^token program InsufficientFunds: .*\(raised inside the LaunchLab instruction\)$/);
    expect(venue.describeError(50)).toBeUndefined();
    expect(venue.programId.equals(LAUNCHLAB_PROGRAM_ID)).toBe(true);
    expect(NATIVE_MINT.toBase58()).toBe('So11111111111111111111111111111111111111112');
  });
});
