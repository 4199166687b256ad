import { NATIVE_MINT, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, VersionedTransaction, type PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { quoteBuyExactIn, quoteSellExactIn } from '../../../../../electron/core/live/bonk/launchlab-curve.js';
import { INSTRUCTION_DISCRIMINATORS } from '../../../../../electron/core/live/bonk/launchlab-instructions.js';
import { LAUNCHLAB_PROGRAM_ID, POOL_STATUS } from '../../../../../electron/core/live/bonk/launchlab-layout.js';
import type { BuyOrder, Fence, SellOrder } from '../../../../../electron/core/traders/trader.js';
import { actions } from '../../../../support/fake-solana-rpc.js';
import { serveHolding, type BonkPoolOptions } from '../../../../support/launchlab-accounts.js';
import { bonkOnLiveEnv, lateRouter, WORLD_FEES } from '../../../../support/launchlab-chain.js';
import { useLiveEnv } from '../../../../support/live-trader-env.js';

/**
 * bonk.fun through the same LiveTrader as pump.fun: the pump engineer's router hands
 * 'bonk.fun' to the LaunchLab venue, which reads the pool from the fake node; the trader signs,
 * records the fence through the gate before the first send, sends and reads the outcome from
 * the chain. The node applies a landed buy_exact_in / sell_exact_in with the pool's own curve.
 */
const liveEnv = useLiveEnv();

async function bonkEnv(options: BonkPoolOptions = {}) {
  const late = lateRouter();
  const env = await liveEnv({ router: late.router });
  return { env, ...bonkOnLiveEnv(env, late, options) };
}

const buyOrder = (mint: PublicKey, solAmount = 0.1): BuyOrder => ({ attemptId: 'bonk-1', mint: mint.toBase58(), platform: 'bonk.fun', symbol: 'BONKY', solAmount });
const sellOrder = (mint: PublicKey, tokens: number): SellOrder => ({
  sellId: 'bonk-sell-1',
  positionId: 'p-bonk',
  mint: mint.toBase58(),
  platform: 'bonk.fun',
  symbol: 'BONKY',
  tokens,
  reason: 'manual',
});

/** The LaunchLab instruction of a signed transaction, with its index (compute budget first). */
function launchLabInstruction(signedBytes: string) {
  const tx = VersionedTransaction.deserialize(Buffer.from(signedBytes, 'base64'));
  const keys = tx.message.staticAccountKeys;
  const index = tx.message.compiledInstructions.findIndex((ix) => keys[ix.programIdIndex]?.equals(LAUNCHLAB_PROGRAM_ID));
  const ix = tx.message.compiledInstructions[index]!;
  const data = Buffer.from(ix.data);
  return { index, discriminator: data.subarray(0, 8), amount: data.readBigUInt64LE(8), threshold: data.readBigUInt64LE(16), tx };
}

describe('a bonk.fun trade through LiveTrader and the LaunchLab venue', () => {
  it('a buy: fence recorded before the only send, landed, the fill read from the chain', async () => {
    const { env, world, drive } = await bonkEnv({ realBase: 50_000_000_000_000n, realQuote: 1_500_000_000n });
    const fences: Fence[] = [];
    const sendsAtGate: number[] = [];
    const result = await drive(
      env.trader.buy(buyOrder(world.mint, 0.1), (fence) => {
        sendsAtGate.push(env.server.callsOf('sendTransaction'));
        fences.push(fence);
        return true;
      }),
    );
    const tokensRaw = quoteBuyExactIn(world.fields, WORLD_FEES, 100_000_000n).tokensOut;
    // 0.1 SOL wrapped and spent + 5 000 signature fee + 200 000 units × 10 000 µ-lamports.
    expect(result).toEqual({ kind: 'success', signature: fences[0]!.signature, solSpent: 0.100007, tokens: Number(tokensRaw) / 1e6 });
    expect(sendsAtGate).toEqual([0]);
    expect(env.server.distinctSignatures(world.mint)).toBe(1);
    expect(env.server.tokenBalanceOf(env.signer.publicKey, world.mint)).toBe(tokensRaw);

    const buy = launchLabInstruction(fences[0]!.signedBytes!);
    expect([...buy.discriminator]).toEqual([...INSTRUCTION_DISCRIMINATORS.buyExactIn]);
    expect(buy.amount).toBe(100_000_000n);
    expect(buy.threshold).toBe((tokensRaw * 900n) / 1000n); // the default 10 % slippage
    expect(buy.tx.message.recentBlockhash).toBe(fences[0]!.blockhash);
    const wsol = getAssociatedTokenAddressSync(NATIVE_MINT, env.signer.publicKey, false, TOKEN_PROGRAM_ID);
    expect(buy.tx.message.staticAccountKeys.some((k) => k.equals(wsol))).toBe(true);
  });

  it('a Token-2022 coin: its token account under Token-2022 in the buy, the fill read from it', async () => {
    const { env, world, drive } = await bonkEnv({ tokenProgram: TOKEN_2022_PROGRAM_ID });
    const fences: Fence[] = [];
    const result = await drive(env.trader.buy(buyOrder(world.mint, 0.25), (fence) => (fences.push(fence), true)));
    const tokensRaw = quoteBuyExactIn(world.fields, WORLD_FEES, 250_000_000n).tokensOut;
    expect(result).toEqual({ kind: 'success', signature: fences[0]!.signature, solSpent: 0.250007, tokens: Number(tokensRaw) / 1e6 });
    const { tx } = launchLabInstruction(fences[0]!.signedBytes!);
    const holding = getAssociatedTokenAddressSync(world.mint, env.signer.publicKey, false, TOKEN_2022_PROGRAM_ID);
    expect(tx.message.staticAccountKeys.some((k) => k.equals(holding))).toBe(true);
    expect(tx.message.staticAccountKeys.some((k) => k.equals(TOKEN_2022_PROGRAM_ID))).toBe(true);
  });

  it('a buy that lands with LaunchLab’s ExceededSlippage: failure named from the venue, one signature', async () => {
    const { env, world, drive } = await bonkEnv();
    const fences: Fence[] = [];
    env.server.script = (sent) => {
      const { index } = launchLabInstruction(Buffer.from(sent.transaction.serialize()).toString('base64'));
      return actions.landWithError({ InstructionError: [index, { Custom: 6004 }] });
    };
    const result = await drive(env.trader.buy(buyOrder(world.mint), (fence) => (fences.push(fence), true)));
    expect(result).toMatchObject({ kind: 'failure', signature: fences[0]!.signature });
    expect((result as { error: string }).error).toContain('ExceededSlippage');
    expect(env.server.distinctSignatures(world.mint)).toBe(1);
    expect(env.server.tokenBalanceOf(env.signer.publicKey, world.mint)).toBe(0n);
  });

  it('an unknown buy is never rebuilt: the reconcile re-sends the same bytes, then finds it landed', async () => {
    const { env, world, drive } = await bonkEnv();
    const fences: Fence[] = [];
    env.server.script = (sent) => (sent.nth === 0 ? actions.hang({ afterBlocks: 10 }) : actions.dropped());
    const first = await drive(env.newTrader({ confirm: { deadlineMs: 2_000 } }).buy(buyOrder(world.mint), (fence) => (fences.push(fence), true)));
    expect(first.kind).toBe('unknown');
    const query = { attemptId: 'bonk-1', mint: world.mint.toBase58(), platform: 'bonk.fun' as const, solAmount: 0.1, at: 0, fence: fences[0]! };
    expect(await drive(env.trader.reconcile(query))).toMatchObject({ kind: 'still-unknown', detail: expect.stringContaining('re-sent') });
    env.server.advanceBlocks(10);
    const tokensRaw = quoteBuyExactIn(world.fields, WORLD_FEES, 100_000_000n).tokensOut;
    expect(await drive(env.trader.reconcile(query))).toEqual({ kind: 'landed', signature: fences[0]!.signature, solSpent: 0.100007, tokens: Number(tokensRaw) / 1e6 });
    expect(fences).toHaveLength(1);
    expect(env.server.distinctSignatures(world.mint)).toBe(1);
    expect(env.server.sendsOf(world.mint)).toBeGreaterThan(1);
  });

  it('a sell: tokens held, sold on the curve, SOL received from the unwrap', async () => {
    const { env, world, drive } = await bonkEnv({ realBase: 100_000_000_000_000n, realQuote: 3_100_000_000n });
    serveHolding(env.server, world, env.signer.publicKey, 2_000_000_000_000n);
    const fences: Fence[] = [];
    const result = await drive(env.trader.sell(sellOrder(world.mint, 2_000_000), (fence) => (fences.push(fence), true)));
    const lamportsOut = quoteSellExactIn(world.fields, WORLD_FEES, 2_000_000_000_000n).lamportsOut;
    expect(result).toEqual({ kind: 'success', signature: fences[0]!.signature, solReceived: Number(lamportsOut - 7_000n) / 1e9, tokensSold: 2_000_000 });
    const sell = launchLabInstruction(fences[0]!.signedBytes!);
    expect([...sell.discriminator]).toEqual([...INSTRUCTION_DISCRIMINATORS.sellExactIn]);
    expect(sell.amount).toBe(2_000_000_000_000n);
    expect(sell.threshold).toBe((lamportsOut * 900n) / 1000n);
  });

  it('a migrated bonk.fun pool: not sent, the venue’s sentence in the failure', async () => {
    const { env, world, drive } = await bonkEnv({ status: POOL_STATUS.migrated });
    serveHolding(env.server, world, env.signer.publicKey, 1_000_000_000n);
    let gated = 0;
    const sell = await drive(env.trader.sell(sellOrder(world.mint, 1_000), () => (gated++, true)));
    expect(sell).toMatchObject({ kind: 'failure' });
    expect((sell as { error: string }).error).toMatch(/^not sent: the sell could not be prepared: .*migrated to Raydium: not sellable here yet/);
    const buy = await drive(env.trader.buy(buyOrder(world.mint), () => (gated++, true)));
    expect((buy as { error: string }).error).toContain('migrated to Raydium');
    expect(gated).toBe(0);
    expect(env.server.callsOf('sendTransaction')).toBe(0);
  });

  it('a pool of another LaunchLab platform: not sent', async () => {
    const { env, world, drive } = await bonkEnv({ platformConfig: Keypair.generate().publicKey });
    const buy = await drive(env.trader.buy(buyOrder(world.mint), () => true));
    expect((buy as { error: string }).error).toContain('which is not a bonk.fun platform id');
    expect(env.server.callsOf('sendTransaction')).toBe(0);
  });
});
