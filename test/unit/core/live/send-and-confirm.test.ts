import { Keypair, SystemProgram, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { afterEach, describe, expect, it } from 'vitest';
import { sendAndConfirm, type ConfirmOutcome, type SendAndConfirmOptions } from '../../../../electron/core/live/send-and-confirm.js';
import { SolanaRpc } from '../../../../electron/core/live/solana-rpc.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { actions, FakeSolanaRpc, type SendScript } from '../../../support/fake-solana-rpc.js';
import { countingFetch, driveUntilDone } from '../../../support/fake-solana-rpc-driver.js';

const servers: FakeSolanaRpc[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** A fake node whose chain moves a block per 400 ms of the test's clock; blockhashes live 30 blocks (12 s). */
async function setup(script?: SendScript) {
  const clock = new ManualClock();
  const server = await FakeSolanaRpc.start({ now: () => clock.now(), msPerBlock: 400, blockhashValidBlocks: 30 });
  servers.push(server);
  if (script) server.script = script;
  const counting = countingFetch();
  const rpc = new SolanaRpc({ url: server.url, clock, fetch: counting.fetch, timeoutMs: 3_000 });
  const payer = Keypair.generate();
  const mint = Keypair.generate().publicKey;
  server.addMint(mint);
  server.setBalance(payer.publicKey, 10_000_000_000n);
  const { blockhash, lastValidBlockHeight } = await rpc.getLatestBlockhash();
  const instruction = SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: Keypair.generate().publicKey, lamports: 1_000_000 });
  instruction.keys.push({ pubkey: mint, isSigner: false, isWritable: false });
  const tx = new VersionedTransaction(new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: blockhash, instructions: [instruction] }).compileToV0Message());
  tx.sign([payer]);
  const signed = { signature: bs58.encode(tx.signatures[0]!), signedBytes: Buffer.from(tx.serialize()).toString('base64'), lastValidBlockHeight };
  const run = (extra: Partial<SendAndConfirmOptions> = {}): Promise<ConfirmOutcome> =>
    driveUntilDone(sendAndConfirm(signed, { rpc, clock, namer: (i, code) => (i === 0 && code === 6002 ? 'TooMuchSolRequired' : undefined), ...extra }), { clock, server, inFlight: counting.inFlight });
  return { clock, server, rpc, signed, mint, run };
}

describe('sendAndConfirm: one signed transaction from first send to verdict', () => {
  it('lands: the meta is read, one send', async () => {
    const { server, run, mint, signed } = await setup();
    const outcome = await run();
    expect(outcome).toMatchObject({ kind: 'landed', transaction: { meta: { err: null } } });
    expect(outcome.stats.sends).toBe(1);
    expect(server.distinctSignatures(mint)).toBe(1);
    expect(server.isLanded(signed.signature)).toBe(true);
  });

  it('landed with meta.err: failed, the custom error named, landed = true', async () => {
    const { run } = await setup((sent) => (sent.nth === 0 ? actions.landWithError({ InstructionError: [0, { Custom: 6002 }] }, { afterBlocks: 2 }) : undefined));
    expect(await run()).toMatchObject({ kind: 'failed', landed: true, reason: 'landed with an error: instruction 0 failed with custom program error 6002 (TooMuchSolRequired)' });
  });

  it('a preflight refusal ends at once as failed, never re-sent', async () => {
    const { run, server, mint } = await setup(() => actions.preflightRefusal({ InstructionError: [0, { Custom: 6002 }] }, ['Program log: slippage']));
    const outcome = await run();
    expect(outcome).toMatchObject({ kind: 'failed', landed: false, reason: expect.stringContaining('preflight') });
    expect(server.sendsOf(mint)).toBe(1);
    expect(server.callsOf('getSignatureStatuses')).toBe(0);
  });

  it('"already processed" on the first send: confirmed from its status', async () => {
    const { run } = await setup(() => actions.alreadyProcessed());
    expect((await run()).kind).toBe('landed');
  });

  it('first send times out, the transaction lands behind it: landed, same bytes re-sent meanwhile', async () => {
    const { run, server, mint } = await setup((sent) => (sent.nth === 0 ? actions.hang({ afterBlocks: 15 }) : undefined));
    const outcome = await run();
    expect(outcome.kind).toBe('landed');
    expect(outcome.stats.sends).toBeGreaterThan(1);
    expect(server.sendsOf(mint)).toBe(outcome.stats.sends);
    expect(server.distinctSignatures(mint)).toBe(1);
  });

  it('never lands: re-sent until the blockhash expired, then a history search, then failed "expired, never landed"', async () => {
    const { run, server, mint, signed } = await setup(() => actions.dropped());
    const outcome = await run();
    expect(outcome).toMatchObject({ kind: 'failed', landed: false, reason: expect.stringContaining('expired, never landed') });
    expect(server.calls.filter((c) => c.method === 'getSignatureStatuses').at(-1)?.params[1]).toEqual({ searchTransactionHistory: true });
    expect(server.blockHeight).toBeGreaterThan(signed.lastValidBlockHeight);
    expect(server.distinctSignatures(mint)).toBe(1);
    expect(outcome.stats.sends).toBeGreaterThan(2);
  });

  it('429s throughout: unknown at the deadline, never failed', async () => {
    const { run, server, mint } = await setup();
    server.fail({ kind: 'http', status: 429 }, 100_000);
    const outcome = await run({ deadlineMs: 20_000 });
    expect(outcome).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('429') });
    expect(server.distinctSignatures(mint)).toBe(1);
  });

  it('a 429 storm that passes: the chain decides (landed)', async () => {
    const { run, server } = await setup();
    server.fail({ kind: 'http', status: 429 }, 12);
    const outcome = await run();
    expect(outcome.kind).toBe('landed');
    expect(outcome.stats.rpcErrors).toBeGreaterThan(0);
  });

  it('a reset mid-send that had reached the leader: landed', async () => {
    const { run } = await setup((sent) => (sent.nth === 0 ? actions.reset({ afterBlocks: 3 }) : undefined));
    expect((await run()).kind).toBe('landed');
  });

  it('the status read fails past expiry: keeps asking, unknown only at the deadline', async () => {
    const { run, server, clock } = await setup(() => actions.dropped());
    server.fail({ kind: 'http', status: 503 }, 100_000, 'getSignatureStatuses');
    const outcome = await run({ deadlineMs: 30_000 });
    expect(outcome.kind).toBe('unknown');
    expect(clock.now()).toBeGreaterThanOrEqual(1_700_000_030_000);
  });

  it('a confirmed status whose transaction the node does not serve yet is not a verdict', async () => {
    const { run, server } = await setup();
    server.fail({ kind: 'garbage', body: '{"jsonrpc":"2.0","id":0,"result":null}' }, 3, 'getTransaction');
    const outcome = await run();
    expect(outcome.kind).toBe('landed');
    expect(server.callsOf('getTransaction')).toBe(4);
  });

  it('a landed transaction whose meta is malformed is never read as a fill or a failure: unknown', async () => {
    const { run, server } = await setup();
    server.fail({ kind: 'garbage', body: JSON.stringify({ jsonrpc: '2.0', id: '$ID', result: { slot: 5, meta: { err: null, fee: 'lots', preBalances: [1], postBalances: [0] } } }) }, 100_000, 'getTransaction');
    const outcome = await run({ deadlineMs: 20_000 });
    expect(outcome).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('unreadable reply from the RPC (meta.fee:') });
  });

  it('a signature subscription wakes the loop early; polling still decides', async () => {
    const { run } = await setup((sent) => (sent.nth === 0 ? actions.land({ afterBlocks: 1 }) : undefined));
    let closed = false;
    const outcome = await run({ pollIntervalMs: 10_000, watch: () => ({ heard: Promise.resolve(), close: () => (closed = true) }) });
    expect(outcome.kind).toBe('landed');
    expect(closed).toBe(true);
  });
});
