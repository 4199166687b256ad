import { ComputeBudgetProgram, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { maxCostLamports } from '../../../../electron/core/live/max-cost.js';
import type { BuyOrder, Fence, SellOrder } from '../../../../electron/core/traders/trader.js';
import { actions } from '../../../support/fake-solana-rpc.js';
import { useLiveEnv } from '../../../support/live-trader-env.js';

const liveEnv = useLiveEnv();

const buyOrder = (mint: string, solAmount = 0.1): BuyOrder => ({ attemptId: `a-${mint.slice(0, 6)}`, mint, platform: 'pump.fun', symbol: 'TEST', solAmount });
const sellOrder = (mint: string, tokens: number): SellOrder => ({ sellId: `s-${mint.slice(0, 6)}`, positionId: 'p1', mint, platform: 'pump.fun', symbol: 'TEST', tokens, reason: 'manual' });

function computeBudgetOf(signedBytes: string): { units?: number; microLamports?: bigint } {
  const tx = VersionedTransaction.deserialize(Buffer.from(signedBytes, 'base64'));
  const keys = tx.message.staticAccountKeys;
  const out: { units?: number; microLamports?: bigint } = {};
  for (const ix of tx.message.compiledInstructions) {
    if (!keys[ix.programIdIndex]?.equals(ComputeBudgetProgram.programId)) continue;
    const data = Buffer.from(ix.data);
    if (data[0] === 2) out.units = data.readUInt32LE(1);
    if (data[0] === 3) out.microLamports = data.readBigUInt64LE(1);
  }
  return out;
}

describe('LiveTrader.buy', () => {
  it('signs, fences through the gate, sends, and reads the fill from the meta (SOL spent incl. fees)', async () => {
    const env = await liveEnv();
    const mint = env.newMint();
    const fences: Fence[] = [];
    const result = await env.drive(env.trader.buy(buyOrder(mint.toBase58(), 0.1), (fence) => (fences.push(fence), true)));
    // 0.1 SOL + 5 000 signature fee + 200 000 units × 10 000 µ-lamports = 2 000 lamports priority.
    expect(result).toEqual({ kind: 'success', signature: fences[0]!.signature, solSpent: 0.100007, tokens: 3_000 });
    expect(env.server.tokenBalanceOf(env.signer.publicKey, mint)).toBe(3_000_000_000n);
    expect(env.server.distinctSignatures(mint)).toBe(1);
    const [fence] = fences;
    const tx = VersionedTransaction.deserialize(Buffer.from(fence!.signedBytes!, 'base64'));
    expect(bs58.encode(tx.signatures[0]!)).toBe(fence!.signature);
    expect(tx.message.recentBlockhash).toBe(fence!.blockhash);
    expect(fence!.lastValidBlockHeight).toBeGreaterThan(env.server.blockHeight - 30);
    expect(computeBudgetOf(fence!.signedBytes!)).toEqual({ units: 200_000, microLamports: 10_000n });
    expect(env.venue.plans[0]?.request).toMatchObject({ solLamports: 100_000_000n, slippagePct: 10 });
  });

  it('the gate says no: nothing is sent', async () => {
    const env = await liveEnv();
    const mint = env.newMint();
    const result = await env.drive(env.trader.buy(buyOrder(mint.toBase58()), () => false));
    expect(result.kind).toBe('not-sent');
    expect(env.server.callsOf('sendTransaction')).toBe(0);
  });

  it('a venue that cannot plan, or a bad mint: failure, nothing signed or sent', async () => {
    const env = await liveEnv();
    const mint = env.newMint();
    env.venue.failPlanning = 'bonding curve account not found';
    let gated = 0;
    expect(await env.drive(env.trader.buy(buyOrder(mint.toBase58()), () => (gated++, true)))).toEqual({ kind: 'failure', error: 'not sent: the buy could not be prepared: bonding curve account not found' });
    expect(await env.trader.buy(buyOrder('not-a-mint'))).toMatchObject({ kind: 'failure', error: expect.stringContaining('not a mint') });
    expect(gated).toBe(0);
    expect(env.server.callsOf('sendTransaction')).toBe(0);
  });

  it('a plan that could spend more than the limits reserved is not signed nor sent', async () => {
    const env = await liveEnv();
    env.venue.extraMaxCost = 1n;
    let gated = 0;
    const result = await env.drive(env.trader.buy(buyOrder(env.newMint().toBase58(), 0.1), () => (gated++, true)));
    expect(result).toEqual({ kind: 'failure', error: 'not sent: the pump-curve plan could spend 110000001 lamports, more than the 110000000 reserved for this buy' });
    expect(gated).toBe(0);
    expect(env.server.callsOf('sendTransaction')).toBe(0);
    env.venue.extraMaxCost = 0n;
    expect((await env.drive(env.trader.buy(buyOrder(env.newMint().toBase58(), 0.1)))).kind).toBe('success');
  });

  it('settings changed between the claim and the send: a buy that could now cost more than was reserved is not signed nor sent', async () => {
    const env = await liveEnv({ execution: { slippagePct: 10 } });
    const reserved = maxCostLamports(0.1, env.execution);
    env.execution.slippagePct = 50;
    let gated = 0;
    const result = await env.drive(env.trader.buy({ ...buyOrder(env.newMint().toBase58(), 0.1), maxCostLamports: reserved }, () => (gated++, true)));
    expect(result).toMatchObject({ kind: 'failure', error: expect.stringContaining(`more than the ${reserved} the limits reserved`) });
    expect(gated).toBe(0);
    expect(env.server.callsOf('sendTransaction')).toBe(0);
    // Lowered instead: it costs less than reserved, and goes.
    env.execution.slippagePct = 5;
    expect((await env.drive(env.trader.buy({ ...buyOrder(env.newMint().toBase58(), 0.1), maxCostLamports: reserved }))).kind).toBe('success');
  });

  it('dynamic priority fee: the 75th percentile of recent fees for the traded accounts, never above the cap', async () => {
    const env = await liveEnv({ execution: { priorityFee: { mode: 'dynamic', microLamports: 1_000, capMicroLamports: 50_000 } } });
    const fences: Fence[] = [];
    env.server.priorityFees = [0, 100, 200, 300, 400, 500, 600, 700];
    await env.drive(env.trader.buy(buyOrder(env.newMint().toBase58()), (f) => (fences.push(f), true)));
    expect(computeBudgetOf(fences[0]!.signedBytes!).microLamports).toBe(500n);
    const askedFor = env.server.calls.find((c) => c.method === 'getRecentPrioritizationFees')?.params[0] as string[];
    expect(askedFor).not.toContain(env.signer.publicKey.toBase58());
    expect(askedFor.length).toBeGreaterThan(0);

    env.server.priorityFees = [9_000_000, 9_000_000];
    await env.drive(env.trader.buy(buyOrder(env.newMint().toBase58()), (f) => (fences.push(f), true)));
    expect(computeBudgetOf(fences[1]!.signedBytes!).microLamports).toBe(50_000n);

    env.server.fail({ kind: 'http', status: 503 }, 1, 'getRecentPrioritizationFees');
    await env.drive(env.trader.buy(buyOrder(env.newMint().toBase58()), (f) => (fences.push(f), true)));
    expect(computeBudgetOf(fences[2]!.signedBytes!).microLamports).toBe(1_000n);
  });

  it('landed with a venue error: failure, the error named by the venue', async () => {
    const env = await liveEnv();
    const mint = env.newMint();
    env.server.script = (sent) => (sent.nth === 0 ? actions.landWithError({ InstructionError: [2, { Custom: 6002 }] }) : undefined);
    const result = await env.drive(env.trader.buy(buyOrder(mint.toBase58())));
    expect(result).toMatchObject({ kind: 'failure', error: expect.stringContaining('6002 (TooMuchSolRequired') });
    expect(env.server.tokenBalanceOf(env.signer.publicKey, mint)).toBe(0n);
  });

  it('maxCostSol: amount × (1 + slippage) + signature fee + priority at its cap + two accounts of rent', async () => {
    const env = await liveEnv({ execution: { slippagePct: 10, computeUnitLimit: 200_000, priorityFee: { mode: 'dynamic', microLamports: 1, capMicroLamports: 2_000_000 } } });
    // 0.11 SOL + 5 000 + 400 000 (200 000 × 2 µ-lamport-millions) + 4 078 560.
    expect(maxCostLamports(0.1, env.execution)).toBe(110_000_000n + 5_000n + 400_000n + 4_078_560n);
    expect(env.trader.maxCostSol(0.1)).toBeCloseTo(0.11448356, 9);
  });
});

describe('LiveTrader.sell', () => {
  it('sells what is asked, capped at what the wallet holds, and reads SOL received net of fees', async () => {
    const env = await liveEnv();
    const mint = env.newMint();
    env.server.setTokenBalance(env.signer.publicKey, mint, 3_000_000_000n);
    const result = await env.drive(env.trader.sell!(sellOrder(mint.toBase58(), 1_000)));
    // 1 000 tokens = 10^9 raw / 30 per lamport = 33 333 333 lamports, less 7 000 in fees.
    expect(result).toMatchObject({ kind: 'success', solReceived: 0.033326333, tokensSold: 1_000 });
    expect(env.server.tokenBalanceOf(env.signer.publicKey, mint)).toBe(2_000_000_000n);

    const all = await env.drive(env.trader.sell!(sellOrder(mint.toBase58(), 2_000.0000001)));
    expect(all).toMatchObject({ kind: 'success', tokensSold: 2_000 });
    expect(env.venue.plans.at(-1)?.request).toMatchObject({ tokensRaw: 2_000_000_000n });
  });

  it('nothing held: failure before anything is signed', async () => {
    const env = await liveEnv();
    const mint = env.newMint();
    expect(await env.drive(env.trader.sell!(sellOrder(mint.toBase58(), 5)))).toEqual({ kind: 'failure', error: 'not sent: the wallet holds none of this token' });
    expect(env.server.callsOf('sendTransaction')).toBe(0);
  });
});

describe('LiveTrader.reconcile', () => {
  async function unknownBuy(env: Awaited<ReturnType<typeof liveEnv>>, mint: string) {
    const fences: Fence[] = [];
    const result = await env.drive(env.newTrader({ confirm: { deadlineMs: 2_000 } }).buy(buyOrder(mint), (f) => (fences.push(f), true)));
    expect(result.kind).toBe('unknown');
    return fences[0]!;
  }

  it('landed behind an unknown: landed, with the fill from the meta', async () => {
    const env = await liveEnv();
    const mint = env.newMint().toBase58();
    env.server.script = (sent) => (sent.nth === 0 ? actions.hang({ afterBlocks: 10 }) : actions.dropped());
    const fence = await unknownBuy(env, mint);
    const query = { attemptId: 'a', mint, solAmount: 0.1, at: 0, fence };
    expect(await env.drive(env.trader.reconcile(query))).toMatchObject({ kind: 'still-unknown', detail: expect.stringContaining('re-sent') });
    env.server.advanceBlocks(10);
    expect(await env.drive(env.trader.reconcile(query))).toEqual({ kind: 'landed', signature: fence.signature, solSpent: 0.100007, tokens: 3_000 });
    expect(env.server.distinctSignatures(mint)).toBe(1);
  });

  it('pending: re-sends the same bytes only; expired with no status and no tokens: not landed', async () => {
    const env = await liveEnv();
    const mint = env.newMint().toBase58();
    env.server.script = (sent) => (sent.nth === 0 ? actions.hang() : actions.dropped());
    const fence = await unknownBuy(env, mint);
    const sendsBefore = env.server.sendsOf(mint);
    const query = { attemptId: 'a', mint, solAmount: 0.1, at: 0, fence };
    expect((await env.drive(env.trader.reconcile(query))).kind).toBe('still-unknown');
    expect(env.server.sendsOf(mint)).toBe(sendsBefore + 1);
    env.server.advanceBlocks(40);
    expect(await env.drive(env.trader.reconcile(query))).toEqual({ kind: 'not-landed', detail: expect.stringMatching(/^expired: .* and the wallet holds none of the token$/) });
    expect(env.server.distinctSignatures(mint)).toBe(1);
  });

  it('landed with an error: not landed, the error named from the signed bytes', async () => {
    const env = await liveEnv();
    const mint = env.newMint().toBase58();
    env.server.script = (sent) => (sent.nth === 0 ? actions.hang({ afterBlocks: 5, err: { InstructionError: [2, { Custom: 6002 }] } }) : actions.dropped());
    const fence = await unknownBuy(env, mint);
    env.server.advanceBlocks(5);
    // A fresh trader (another instance) learns the venue from the platform of the intent.
    expect(await env.drive(env.trader.reconcile({ attemptId: 'a', mint, platform: 'pump.fun', solAmount: 0.1, at: 0, fence }))).toEqual({
      kind: 'not-landed',
      detail: expect.stringContaining('custom program error 6002 (TooMuchSolRequired'),
    });
  });

  it('a node without history: an expired fence with tokens in the wallet counts as landed; the RPC failing stays unknown', async () => {
    const env = await liveEnv();
    const mint = env.newMint().toBase58();
    env.server.script = (sent) => (sent.nth === 0 ? actions.hang({ afterBlocks: 2 }) : actions.dropped());
    const fence = await unknownBuy(env, mint);
    env.server.advanceBlocks(40);
    env.server.forgetHistory();
    const query = { attemptId: 'a', mint, solAmount: 0.1, at: 0, fence, adoptedFrom: 'dead' };
    env.server.fail({ kind: 'reset' }, 1, 'getTokenAccountsByOwner');
    expect((await env.drive(env.trader.reconcile(query))).kind).toBe('still-unknown');
    expect(await env.drive(env.trader.reconcile(query))).toEqual({ kind: 'landed', signature: fence.signature, solSpent: 0.1, tokens: 3_000 });
    await env.server.down();
    expect(await env.drive(env.trader.reconcile(query))).toMatchObject({ kind: 'still-unknown', detail: expect.stringContaining('the RPC could not say') });
  });

  it('no fence: never sent', async () => {
    const env = await liveEnv();
    expect(await env.trader.reconcile({ attemptId: 'a', mint: env.newMint().toBase58(), solAmount: 0.1, at: 0 })).toMatchObject({ kind: 'not-landed' });
    expect(env.server.calls).toEqual([]);
  });

  it('reconcileSell: landed sell read from its meta; expired with no status: not landed', async () => {
    const env = await liveEnv();
    const mint = env.newMint();
    env.server.setTokenBalance(env.signer.publicKey, mint, 3_000_000_000n);
    const fences: Fence[] = [];
    env.server.script = (sent) => (sent.nth === 0 ? actions.hang({ afterBlocks: 3 }) : actions.dropped());
    const trader = env.newTrader({ confirm: { deadlineMs: 500 } });
    expect((await env.drive(trader.sell!(sellOrder(mint.toBase58(), 1_500), (f) => (fences.push(f), true)))).kind).toBe('unknown');
    env.server.advanceBlocks(3);
    const query = { sellId: 's', mint: mint.toBase58(), tokens: 1_500, at: 0, fence: fences[0]! };
    expect(await env.drive(trader.reconcileSell!(query))).toMatchObject({ kind: 'landed', tokensSold: 1_500 });

    env.server.script = (sent) => (sent.nth === 0 ? actions.hang() : actions.dropped());
    expect((await env.drive(trader.sell!(sellOrder(mint.toBase58(), 10), (f) => (fences.push(f), true)))).kind).toBe('unknown');
    env.server.advanceBlocks(40);
    expect(await env.drive(trader.reconcileSell!({ ...query, fence: fences[1]! }))).toMatchObject({ kind: 'not-landed', detail: expect.stringContaining('expired') });
  });
});
