import { Keypair, PublicKey, SystemProgram, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SolanaRpc, SolanaRpcError, type RpcFailure } from '../../../../electron/core/live/solana-rpc.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { FakeSolanaRpc } from '../../../support/fake-solana-rpc.js';
import { waitUntil } from '../../../support/wait-until.js';

const servers: FakeSolanaRpc[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function node(): Promise<FakeSolanaRpc> {
  const server = await FakeSolanaRpc.start();
  servers.push(server);
  return server;
}

async function failureOf(promise: Promise<unknown>): Promise<RpcFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SolanaRpcError);
  return (error as SolanaRpcError).failure;
}

async function transfer(rpc: SolanaRpc, payer: Keypair, to: PublicKey, lamports: number): Promise<VersionedTransaction> {
  const { blockhash } = await rpc.getLatestBlockhash();
  const message = new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: blockhash, instructions: [SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: to, lamports })] }).compileToV0Message();
  const transaction = new VersionedTransaction(message);
  transaction.sign([payer]);
  return transaction;
}

describe('SolanaRpc against the fake node', () => {
  it('reads heights, blockhashes, balances, token accounts and priority fees', async () => {
    const server = await node();
    const rpc = new SolanaRpc({ url: server.url });
    const owner = Keypair.generate().publicKey;
    const mint = Keypair.generate().publicKey;
    server.setBalance(owner, 2_000_000_000n);
    server.addMint(mint, { decimals: 6 });
    server.setTokenBalance(owner, mint, 1_234_567n);
    server.priorityFees = [0, 10, 5_000];

    expect(await rpc.getBlockHeight()).toBe(server.blockHeight);
    const latest = await rpc.getLatestBlockhash();
    expect(latest.lastValidBlockHeight).toBe(server.blockHeight + 150);
    expect(new PublicKey(latest.blockhash).toBytes()).toHaveLength(32);
    expect(await rpc.getBalance(owner.toBase58())).toBe(2_000_000_000n);
    const [account] = await rpc.getTokenAccountsByOwner(owner.toBase58(), mint.toBase58());
    expect(account).toMatchObject({ amountRaw: 1_234_567n, decimals: 6 });
    expect(await rpc.getTokenAccountBalance(account!.address)).toEqual({ amountRaw: 1_234_567n, decimals: 6 });
    expect(await rpc.getTokenAccountsByOwner(owner.toBase58(), Keypair.generate().publicKey.toBase58())).toEqual([]);
    expect(await rpc.getRecentPrioritizationFees([mint.toBase58()])).toEqual([0, 10, 5_000]);
  });

  it('sends a signed transaction, then reads its status and its meta once it landed', async () => {
    const server = await node();
    const rpc = new SolanaRpc({ url: server.url });
    const payer = Keypair.generate();
    const to = Keypair.generate().publicKey;
    server.setBalance(payer.publicKey, 1_000_000_000n);
    const transaction = await transfer(rpc, payer, to, 250_000_000);
    const signature = await rpc.sendTransaction(Buffer.from(transaction.serialize()).toString('base64'), { skipPreflight: false });
    expect(signature).toBe(bs58.encode(transaction.signatures[0]!));
    expect(await rpc.getSignatureStatuses([signature], { searchTransactionHistory: false })).toEqual([null]);
    expect(await rpc.getTransaction(signature)).toBeNull();

    server.advanceBlocks(1);
    const [status] = await rpc.getSignatureStatuses([signature], { searchTransactionHistory: false });
    expect(status).toMatchObject({ err: null, confirmationStatus: 'confirmed' });
    const landed = await rpc.getTransaction(signature);
    expect(landed?.meta).toMatchObject({ err: null, fee: 5_000 });
    expect(landed!.meta!.preBalances[0]! - landed!.meta!.postBalances[0]!).toBe(250_005_000);
    expect(await rpc.getBalance(to.toBase58())).toBe(250_000_000n);
    expect(server.callsOf('sendTransaction')).toBe(1);
    expect(server.calls.find((c) => c.method === 'sendTransaction')?.params[1]).toMatchObject({ encoding: 'base64', skipPreflight: false, maxRetries: 0 });
  });

  it('refuses a transaction whose signature does not verify, as -32003', async () => {
    const server = await node();
    const rpc = new SolanaRpc({ url: server.url });
    const payer = Keypair.generate();
    const transaction = await transfer(rpc, payer, Keypair.generate().publicKey, 1);
    transaction.signatures[0] = new Uint8Array(64).fill(7);
    const failure = await failureOf(rpc.sendTransaction(Buffer.from(transaction.serialize()).toString('base64'), { skipPreflight: false }));
    expect(failure).toMatchObject({ kind: 'json-rpc', code: -32003 });
  });

  it('keeps what each failure was: JSON-RPC code and data, HTTP status, reset, refused connection, garbage, timeout', async () => {
    const server = await node();
    const clock = new ManualClock();
    const rpc = new SolanaRpc({ url: server.url, clock, timeoutMs: 2_000 });

    expect(await failureOf(rpc.call('noSuchMethod', [], z.unknown()))).toMatchObject({ kind: 'json-rpc', code: -32601 });
    server.fail({ kind: 'http', status: 429 });
    expect(await failureOf(rpc.getBlockHeight())).toEqual({ kind: 'http', status: 429 });
    server.fail({ kind: 'http', status: 503 });
    expect(await failureOf(rpc.getBlockHeight())).toEqual({ kind: 'http', status: 503 });
    server.fail({ kind: 'reset' });
    expect(await failureOf(rpc.getBlockHeight())).toMatchObject({ kind: 'network' });
    server.fail({ kind: 'garbage' });
    expect(await failureOf(rpc.getBlockHeight())).toMatchObject({ kind: 'malformed', message: 'not JSON' });
    server.fail({ kind: 'garbage', body: '{"jsonrpc":"2.0","id":1,"result":-5}' });
    expect(await failureOf(rpc.getBlockHeight())).toMatchObject({ kind: 'malformed' });
    server.fail({ kind: 'garbage', body: '{"jsonrpc":"2.0","id":999999,"result":5}' });
    expect(await failureOf(rpc.getBlockHeight())).toEqual({ kind: 'malformed', message: 'a reply to another request' });
    server.fail({ kind: 'garbage', body: '{"jsonrpc":"2.0","id":1}' });
    expect(await failureOf(rpc.getBlockHeight())).toMatchObject({ kind: 'malformed' });

    server.fail({ kind: 'hang' });
    const hanging = failureOf(rpc.getBlockHeight());
    await waitUntil(() => server.heldCount === 1, 'the call to be held');
    clock.advance(2_000);
    expect(await hanging).toEqual({ kind: 'timeout', ms: 2_000 });

    await server.down();
    // The first call may meet the kept-alive socket the node just closed ("other side closed").
    expect(await failureOf(rpc.getBlockHeight())).toMatchObject({ kind: 'network' });
    expect(await failureOf(rpc.getBlockHeight())).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    await server.up();
    expect(await rpc.getBlockHeight()).toBe(server.blockHeight);
  });

  it('parses every reply: a malformed status or token account is an error, not a value', async () => {
    const server = await node();
    const rpc = new SolanaRpc({ url: server.url });
    server.fail({ kind: 'garbage', body: JSON.stringify({ jsonrpc: '2.0', id: 1, result: { context: { slot: 1 }, value: [{ slot: 'x' }] } }) });
    expect(await failureOf(rpc.getSignatureStatuses(['a'.repeat(64)], { searchTransactionHistory: false }))).toMatchObject({ kind: 'malformed' });
    server.fail({ kind: 'garbage', body: JSON.stringify({ jsonrpc: '2.0', id: 2, result: { context: { slot: 1 }, value: [] } }) });
    expect(await failureOf(rpc.getSignatureStatuses(['a'.repeat(64)], { searchTransactionHistory: false }))).toMatchObject({ kind: 'malformed', message: '0 statuses for 1 signatures' });
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => new SolanaRpc({ url: 'file:///etc/passwd' })).toThrow(/http/);
  });

  it("builds a web3.js Connection on the same node whose account reads parse (the venues' path)", async () => {
    const server = await node();
    const rpc = new SolanaRpc({ url: server.url });
    const mint = Keypair.generate().publicKey;
    server.addMint(mint, { decimals: 9 });
    const connection = rpc.connection();
    const info = await connection.getAccountInfo(mint);
    expect(info?.data).toHaveLength(82);
    expect(info?.data[44]).toBe(9);
    const [a, b] = await connection.getMultipleAccountsInfo([mint, Keypair.generate().publicKey]);
    expect(a?.owner.toBase58()).toBe('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
    expect(b).toBeNull();
    expect(rpc.connection()).toBe(connection);
  });

  it('the Connection times out on the same clock: a read the node never answers fails', async () => {
    const server = await node();
    const clock = new ManualClock();
    const rpc = new SolanaRpc({ url: server.url, clock, timeoutMs: 1_500 });
    server.fail({ kind: 'hang' });
    const read = rpc.connection().getAccountInfo(Keypair.generate().publicKey).catch((e: unknown) => e);
    await waitUntil(() => server.heldCount === 1, 'the read to be held');
    clock.advance(1_500);
    expect(String(await read)).toContain('no answer from the RPC within 1500 ms');
  });
});
