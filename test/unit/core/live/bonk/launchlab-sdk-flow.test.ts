import { Raydium, TxVersion, splAccountLayout } from '@raydium-io/raydium-sdk-v2';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Connection, Keypair, type PublicKey, type Transaction, type TransactionInstruction } from '@solana/web3.js';
import BN from 'bn.js';
import { afterEach, describe, expect, it } from 'vitest';
import { LAUNCHLAB_PROGRAM_ID } from '../../../../../electron/core/live/bonk/launchlab-layout.js';
import { LaunchLabVenue } from '../../../../../electron/core/live/bonk/launchlab-venue.js';
import { FakeSolanaRpc } from '../../../../support/fake-solana-rpc.js';
import { bonkPoolWorld, encodeTokenAccount, serveBonkPool, type BonkPoolOptions } from '../../../../support/launchlab-accounts.js';

/**
 * The whole plan against Raydium SDK's own flow: `launchpad.buyToken` / `sellToken` with
 * LEGACY output read the same pool, configs and mint from the same fake node as our venue,
 * and must put the same LaunchLab instruction in their transaction: same discriminator and
 * amount, the same minimum out up to rounding (the SDK rounds the slippage product to the
 * nearest unit, we round down), the same 18 accounts — except the user's quote account, for
 * which the SDK opens a fresh seed-derived WSOL account where we use the wallet's WSOL
 * associated account. The SDK (GPL-3.0) runs here only, with no API: every call it makes
 * goes to the local node.
 */
let server: FakeSolanaRpc | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const USER_QUOTE_TOKEN = 6;

async function setup(options: BonkPoolOptions) {
  server = await FakeSolanaRpc.start();
  const world = bonkPoolWorld(options);
  serveBonkPool(server, world);
  const owner = Keypair.generate();
  server.setBalance(owner.publicKey, 10_000_000_000n);
  const connection = new Connection(server.url, { commitment: 'confirmed', disableRetryOnRateLimit: true });
  // No API object: a call to Raydium's web API would throw instead of leaving this machine.
  const api = new Proxy({}, { get: (_target, name) => () => { throw new Error(`Raydium API ${String(name)} called`); } });
  const RaydiumCtor = Raydium as unknown as new (config: object) => Raydium;
  const raydium = new RaydiumCtor({ connection, owner, api, defaultChainTimeOffset: 1, defaultChainTime: Date.now() });
  const venue = new LaunchLabVenue({ connection });
  return { server, world, owner, raydium, venue };
}

function launchLab(instructions: TransactionInstruction[]) {
  const ix = instructions.find((i) => i.programId.equals(LAUNCHLAB_PROGRAM_ID));
  if (!ix) throw new Error('no LaunchLab instruction');
  const data = Buffer.from(ix.data);
  return {
    head: data.subarray(0, 16).toString('hex'), // discriminator + amount_in
    minimumOut: data.readBigUInt64LE(16),
    shareFeeRate: data.readBigUInt64LE(24),
    keys: ix.keys.map((k, i) => (i === USER_QUOTE_TOKEN ? 'user_quote_token' : `${k.pubkey.toBase58()}:${k.isSigner ? 's' : '-'}${k.isWritable ? 'w' : '-'}`)),
  };
}

const within = (a: bigint, b: bigint, tolerance: bigint) => (a > b ? a - b : b - a) <= tolerance;

describe.each([
  ['SPL Token', { realBase: 50_000_000_000_000n, realQuote: 1_500_000_000n }],
  ['Token-2022 with a transfer fee, a creator fee', {
    tokenProgram: TOKEN_2022_PROGRAM_ID,
    transferFee: { basisPoints: 50, maximumFee: 10_000_000_000n },
    creatorFeeRate: 500n,
    realBase: 300_000_000_000_000n,
    realQuote: 12_000_000_000n,
  }],
] as [string, BonkPoolOptions][])('our plan against Raydium SDK’s launchpad flow (%s)', (_name, options) => {
  it('buy: the same buy_exact_in', async () => {
    const { world, owner, raydium, venue } = await setup(options);
    const ours = await venue.planBuy({ mint: world.mint, user: owner.publicKey, solLamports: 250_000_000n, slippagePct: 1 });
    const built = await raydium.launchpad.buyToken({ mintA: world.mint, buyAmount: new BN(250_000_000), slippage: new BN(100), txVersion: TxVersion.LEGACY });
    const theirs = launchLab((built.transaction as Transaction).instructions);
    const mine = launchLab(ours.instructions);
    expect(mine.head).toBe(theirs.head);
    expect(mine.keys).toEqual(theirs.keys);
    expect(mine.shareFeeRate).toBe(theirs.shareFeeRate);
    expect(within(mine.minimumOut, theirs.minimumOut, 1n), `${mine.minimumOut} vs ${theirs.minimumOut}`).toBe(true);
    expect(mine.minimumOut <= theirs.minimumOut).toBe(true);
  });

  it('sell: the same sell_exact_in', async () => {
    const { server, world, owner, raydium, venue } = await setup(options);
    const tokenProgram = options.tokenProgram ?? TOKEN_PROGRAM_ID;
    // The wallet's token account, served as an account (our venue reads it; the SDK derives its address).
    const holding = getAssociatedTokenAddressSync(world.mint, owner.publicKey, false, tokenProgram);
    const account = encodeTokenAccount(world.mint, owner.publicKey, 9_000_000_000_000n, tokenProgram);
    server.setAccount(holding as PublicKey, account);
    // The SDK is handed the same account (the fake node answers getTokenAccountsByOwner parsed only, which the SDK cannot read).
    raydium.account.updateTokenAccount({
      tokenAccounts: [{ publicKey: holding, mint: world.mint, amount: new BN('9000000000000'), isAssociated: true, isNative: false, programId: tokenProgram }],
      tokenAccountRawInfos: [{ programId: tokenProgram, pubkey: holding, accountInfo: splAccountLayout.decode(account.data) }],
    });
    const ours = await venue.planSell({ mint: world.mint, user: owner.publicKey, tokensRaw: 4_000_000_000_000n, slippagePct: 1 });
    const built = await raydium.launchpad.sellToken({ mintA: world.mint, sellAmount: new BN('4000000000000'), slippage: new BN(100), txVersion: TxVersion.LEGACY });
    const theirs = launchLab((built.transaction as Transaction).instructions);
    const mine = launchLab(ours.instructions);
    expect(mine.head).toBe(theirs.head);
    expect(mine.keys).toEqual(theirs.keys);
    expect(within(mine.minimumOut, theirs.minimumOut, 1n), `${mine.minimumOut} vs ${theirs.minimumOut}`).toBe(true);
    expect(mine.minimumOut <= theirs.minimumOut).toBe(true);
  });
});
