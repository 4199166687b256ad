import { ComputeBudgetProgram, Keypair, PublicKey, SystemProgram, TransactionMessage, VersionedTransaction, type TransactionInstruction } from '@solana/web3.js';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import bs58 from 'bs58';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SolanaRpc, SolanaRpcError } from '../../../../electron/core/live/solana-rpc.js';
import { actions, FakeSolanaRpc } from '../../../support/fake-solana-rpc.js';

/** The scripted node itself: the other live tests lean on what it counts and how it lands. */
const servers: FakeSolanaRpc[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function setup() {
  const server = await FakeSolanaRpc.start();
  servers.push(server);
  const rpc = new SolanaRpc({ url: server.url });
  const payer = Keypair.generate();
  const mint = Keypair.generate().publicKey;
  server.setBalance(payer.publicKey, 5_000_000_000n);
  server.addMint(mint, { decimals: 6 });
  const ata = getAssociatedTokenAddressSync(mint, payer.publicKey);
  const sign = async (lamports: number, extra: TransactionInstruction[] = []) => {
    const { blockhash } = await rpc.getLatestBlockhash();
    const transferIx = SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: Keypair.generate().publicKey, lamports });
    transferIx.keys.push({ pubkey: mint, isSigner: false, isWritable: false }, { pubkey: ata, isSigner: false, isWritable: true });
    const tx = new VersionedTransaction(new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: blockhash, instructions: [...extra, transferIx] }).compileToV0Message());
    tx.sign([payer]);
    return { tx, base64: Buffer.from(tx.serialize()).toString('base64'), signature: bs58.encode(tx.signatures[0]!) };
  };
  return { server, rpc, payer, mint, ata, sign };
}

describe('FakeSolanaRpc', () => {
  it('counts distinct signatures per mint, not sends: re-sending the same bytes stays one', async () => {
    const { server, rpc, mint, sign } = await setup();
    const a = await sign(1_000);
    await rpc.sendTransaction(a.base64, { skipPreflight: false });
    await rpc.sendTransaction(a.base64, { skipPreflight: true });
    await rpc.sendTransaction(a.base64, { skipPreflight: true });
    expect(server.distinctSignatures(mint)).toBe(1);
    expect(server.sendsOf(mint)).toBe(3);
    const b = await sign(2_000);
    await rpc.sendTransaction(b.base64, { skipPreflight: false });
    expect(server.distinctSignatures(mint)).toBe(2);
  });

  it('lands after N blocks with the fee (base + priority), the transfers and a scripted token delta in the meta', async () => {
    const { server, rpc, payer, mint, ata, sign } = await setup();
    server.script = (sent) => (sent.nth === 0 ? actions.land({ afterBlocks: 3, tokenDelta: 5_000_000n }) : undefined);
    const { base64, signature } = await sign(100_000_000, [ComputeBudgetProgram.setComputeUnitLimit({ units: 100_000 }), ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 1_000_000 })]);
    await rpc.sendTransaction(base64, { skipPreflight: false });
    server.advanceBlocks(2);
    expect(server.isLanded(signature)).toBe(false);
    server.advanceBlocks(1);
    const landed = await rpc.getTransaction(signature);
    // 5 000 for the signature + 100 000 units × 1 lamport.
    expect(landed?.meta?.fee).toBe(105_000);
    expect(landed!.meta!.preBalances[0]! - landed!.meta!.postBalances[0]!).toBe(100_105_000);
    expect(landed?.meta?.preTokenBalances).toEqual([]);
    expect(landed?.meta?.postTokenBalances).toMatchObject([{ mint: mint.toBase58(), owner: payer.publicKey.toBase58(), uiTokenAmount: { amount: '5000000', uiAmount: 5 } }]);
    expect(server.tokenBalanceOf(payer.publicKey, mint)).toBe(5_000_000n);
    expect((await rpc.getTokenAccountsByOwner(payer.publicKey.toBase58(), mint.toBase58()))[0]?.address).toBe(ata.toBase58());
  });

  it('a landed error charges only the fee; a transaction past its blockhash never lands', async () => {
    const { server, rpc, payer, sign } = await setup();
    const failed = await sign(1_000_000);
    server.script = (sent) => (sent.signature === failed.signature && sent.nth === 0 ? actions.landWithError({ InstructionError: [0, { Custom: 6002 }] }) : undefined);
    await rpc.sendTransaction(failed.base64, { skipPreflight: false });
    server.advanceBlocks(1);
    expect(await rpc.getSignatureStatuses([failed.signature], { searchTransactionHistory: false })).toMatchObject([{ err: { InstructionError: [0, { Custom: 6002 }] } }]);
    expect(server.balanceOf(payer.publicKey)).toBe(5_000_000_000n - 5_000n);

    const late = await sign(1_000);
    server.script = () => actions.land({ afterBlocks: 200 });
    await rpc.sendTransaction(late.base64, { skipPreflight: true });
    server.advanceBlocks(400);
    expect(server.isLanded(late.signature)).toBe(false);
    // With preflight, an expired blockhash is refused.
    const refusal = await rpc.sendTransaction(late.base64, { skipPreflight: false }).catch((e: unknown) => e);
    expect((refusal as SolanaRpcError).failure).toMatchObject({ kind: 'json-rpc', code: -32002, data: { err: 'BlockhashNotFound' } });
  });

  it('an old status is found only by a history search; a node without history finds it no more', async () => {
    const { server, rpc, sign } = await setup();
    const a = await sign(1);
    await rpc.sendTransaction(a.base64, { skipPreflight: false });
    server.advanceBlocks(1);
    expect(await rpc.getSignatureStatuses([a.signature], { searchTransactionHistory: false })).toMatchObject([{ err: null }]);
    server.advanceBlocks(200);
    expect(await rpc.getSignatureStatuses([a.signature], { searchTransactionHistory: false })).toEqual([null]);
    expect(await rpc.getSignatureStatuses([a.signature], { searchTransactionHistory: true })).toMatchObject([{ err: null, confirmationStatus: 'finalized' }]);
    server.forgetHistory();
    expect(await rpc.getSignatureStatuses([a.signature], { searchTransactionHistory: true })).toEqual([null]);
    expect(await rpc.getTransaction(a.signature)).toBeNull();
  });

  it('"already processed" lands it; hang and reset still land when told to', async () => {
    const { server, rpc, sign } = await setup();
    const a = await sign(1);
    server.script = () => actions.alreadyProcessed();
    const error = await rpc.sendTransaction(a.base64, { skipPreflight: false }).catch((e: unknown) => e);
    expect((error as SolanaRpcError).failure).toMatchObject({ code: -32002, message: expect.stringContaining('already been processed') });
    expect(server.isLanded(a.signature)).toBe(true);

    const b = await sign(2);
    server.script = () => actions.reset({ afterBlocks: 1 });
    expect(await rpc.sendTransaction(b.base64, { skipPreflight: false }).catch((e: unknown) => (e as SolanaRpcError).failure.kind)).toBe('network');
    server.advanceBlocks(1);
    expect(server.isLanded(b.signature)).toBe(true);
  });

  it('notifies a signatureSubscribe when the transaction lands', async () => {
    const { server, rpc, sign } = await setup();
    const a = await sign(1);
    await rpc.sendTransaction(a.base64, { skipPreflight: false });
    const socket = new WebSocket(server.wsUrl);
    await new Promise((resolve) => socket.once('open', resolve));
    const frames: unknown[] = [];
    let subscribed: () => void = () => undefined;
    const subscribedOnce = new Promise<void>((resolve) => (subscribed = resolve));
    const notified = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { id?: number; method?: string };
        frames.push(frame);
        if (frame.id === 1) subscribed();
        if (frame.method === 'signatureNotification') resolve();
      }),
    );
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'signatureSubscribe', params: [a.signature, { commitment: 'confirmed' }] }));
    await subscribedOnce;
    expect(frames).toHaveLength(1);
    server.advanceBlocks(1);
    await notified;
    socket.close();
    expect(frames).toMatchObject([{ id: 1, result: expect.any(Number) }, { method: 'signatureNotification', params: { result: { value: { err: null } } } }]);
  });

  it('refuses an unsigned transaction and reads a zero-signature one as a verification failure', async () => {
    const { rpc, payer } = await setup();
    const { blockhash } = await rpc.getLatestBlockhash();
    const tx = new VersionedTransaction(new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: blockhash, instructions: [SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: PublicKey.default, lamports: 1 })] }).compileToV0Message());
    const error = await rpc.sendTransaction(Buffer.from(tx.serialize()).toString('base64'), { skipPreflight: false }).catch((e: unknown) => e);
    expect((error as SolanaRpcError).failure).toMatchObject({ code: -32003 });
  });
});
