import { Keypair } from '@solana/web3.js';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcLogsFeed } from '../../../../electron/core/feeds/rpc-logs-feed.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { Rng } from '../../../../electron/core/time/rng.js';
import type { FeedEvent } from '../../../../shared/feed-events.js';
import { LocalSolanaRpc } from '../../../support/feeds/local-solana-rpc.js';
import { createEventLine, pumpInvocation, tradeEventLine } from '../../../support/feeds/pump-event-encoder.js';
import { waitFor } from '../../../support/feeds/wait-for.js';

const PUMP = '6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P';
const key = () => Keypair.generate().publicKey;

describe('RpcLogsFeed', () => {
  let rpc: LocalSolanaRpc;
  let clock: ManualClock;
  let feed: RpcLogsFeed;
  let events: FeedEvent[];

  beforeEach(async () => {
    rpc = await LocalSolanaRpc.start();
    clock = new ManualClock();
    events = [];
    feed = new RpcLogsFeed({
      clock,
      rng: new Rng(3),
      rpcUrl: rpc.rpcUrl,
      wsUrl: rpc.wsUrl,
      backoff: { initialMs: 1_000, maxMs: 10_000 },
      silenceMs: 30_000,
    });
    await feed.start((event) => events.push(event));
    await waitFor(() => rpc.subscriptions.length === 1 && feed.counters().connected, 'logsSubscribe');
  });

  afterEach(async () => {
    await feed.stop();
    await rpc.close();
  });

  function pushLaunch() {
    const mint = key();
    rpc.pushLogs(pumpInvocation(createEventLine({ mint, creator: key() })));
    return mint.toBase58();
  }

  it('subscribes to the pump.fun program logs at confirmed commitment', () => {
    expect(rpc.subscriptions[0]?.params).toEqual([{ mentions: [PUMP] }, { commitment: 'confirmed' }]);
  });

  it('emits launches and trades decoded from real encoded events, skipping failed transactions', async () => {
    const [mint, whale] = [key(), key()];
    rpc.pushLogs(pumpInvocation(tradeEventLine({ mint, user: whale, isBuy: true, sol: 12, tokens: 3e8 })), {
      err: { InstructionError: [0, { Custom: 6002 }] },
    });
    rpc.pushLogs(
      pumpInvocation(
        createEventLine({ mint, creator: whale }),
        tradeEventLine({ mint, user: whale, isBuy: true, sol: 2.5, tokens: 7e7 }),
      ),
      { signature: 'abc' },
    );
    await waitFor(() => events.length === 2, 'two events');
    // The creator's buy in the create transaction is on the launch, as PumpPortal reports it.
    expect(events[0]).toMatchObject({ kind: 'launch', mint: mint.toBase58(), signature: 'abc', at: clock.now(), initialBuySol: 2.5 });
    expect(events[1]).toMatchObject({ kind: 'trade', side: 'buy', wallet: whale.toBase58(), solAmount: 2.5 });
    expect(feed.counters()).toMatchObject({ received: 2, dropped: 0 });
  });

  it('drops and counts garbage log lines and malformed frames without crashing', async () => {
    rpc.pushLogs(['garbage', ...pumpInvocation('Program data: AAAAAAAAAAAAAAAAAAAAAA==')]);
    for (const frame of [
      'null',
      '{nope',
      '[1,2]',
      JSON.stringify({ jsonrpc: '2.0', method: 'logsNotification', params: null }),
      JSON.stringify({ notification: 'logsNotification', params: null }),
      JSON.stringify({ jsonrpc: '2.0', method: 'logsNotification', params: { subscription: 1, result: 5 } }),
      JSON.stringify({ jsonrpc: '2.0', method: 'accountNotification', params: { result: 1 } }),
      'x'.repeat(2 << 20),
    ]) {
      rpc.pushRaw(frame);
    }
    const mint = pushLaunch();
    await waitFor(() => events.some((e) => e.kind === 'launch' && e.mint === mint), 'the launch after the junk');
    expect(feed.counters().dropped).toBe(10);
    expect(feed.counters().connected).toBe(true);
  });

  it('re-establishes the subscription after the socket is killed', async () => {
    rpc.ws.latest.terminate();
    await waitFor(() => !feed.counters().connected, 'the drop');
    clock.advance(499);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rpc.ws.sockets).toHaveLength(1);
    clock.advance(501);
    await waitFor(() => rpc.subscriptions.length === 2, 'a second logsSubscribe');
    expect(rpc.subscriptions[1]?.connection).toBe(1);
    const mint = pushLaunch();
    await waitFor(() => events.some((e) => e.kind === 'launch' && e.mint === mint), 'a launch on the new socket');
  });

  it('re-establishes the subscription after a normal (1000) server close, which web3.js alone does not', async () => {
    rpc.ws.latest.close(1000);
    await waitFor(() => !feed.counters().connected, 'the close');
    clock.advance(1_000);
    await waitFor(() => rpc.subscriptions.length === 2, 'a second logsSubscribe');
    const mint = pushLaunch();
    await waitFor(() => events.some((e) => e.kind === 'launch' && e.mint === mint), 'a launch on the new socket');
  });

  it('treats a silent subscription as dead and subscribes again', async () => {
    clock.advance(30_000);
    await waitFor(() => !feed.counters().connected, 'the watchdog');
    expect(feed.counters().lastError).toContain('no notification');
    clock.advance(1_000);
    await waitFor(() => rpc.subscriptions.length === 2, 'a second logsSubscribe');
  });

  it('survives thousands of random frames and log lines', async () => {
    const notification = fc.record({
      jsonrpc: fc.constant('2.0'),
      method: fc.constantFrom('logsNotification', 'slotNotification', 'x'),
      params: fc.oneof(fc.jsonValue(), fc.record({ subscription: fc.integer(), result: fc.jsonValue() })),
    });
    const frame = fc.oneof(fc.json(), fc.string(), notification.map((n) => JSON.stringify(n)));
    for (const item of fc.sample(frame, { numRuns: 2_000, seed: 7 })) rpc.pushRaw(item);
    for (const lines of fc.sample(fc.array(fc.string(), { maxLength: 8 }), { numRuns: 1_000, seed: 8 })) {
      rpc.pushLogs(pumpInvocation(...lines.map((l) => `Program data: ${l}`)));
    }
    const mint = pushLaunch();
    await waitFor(() => events.some((e) => e.kind === 'launch' && e.mint === mint), 'the sentinel', 10_000);
    expect(feed.counters().dropped).toBeGreaterThan(1_500);
    expect(events).toHaveLength(1);
  });

  it('takes the error replies providers send to web3.js-style pings (id: null) as neither a bad frame nor an error', async () => {
    // One a 5 s ping would draw each: a minute of them.
    for (let i = 0; i < 12; i++) {
      rpc.pushRaw(JSON.stringify({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid request' }, id: null }));
    }
    const mint = pushLaunch();
    await waitFor(() => events.some((e) => e.kind === 'launch' && e.mint === mint), 'the launch after the replies');
    expect(feed.counters()).toEqual({ name: 'solana-rpc', connected: true, received: 1, dropped: 0 });
  });

  it('shows an id-less error that is not about a request shape (a rate limit) as the last error, without dropping it', async () => {
    rpc.pushRaw(JSON.stringify({ jsonrpc: '2.0', error: { code: 429, message: 'Too many requests' }, id: null }));
    await waitFor(() => feed.counters().lastError !== undefined, 'the error');
    expect(feed.counters()).toMatchObject({ dropped: 0, lastError: 'solana-rpc: Too many requests', connected: true });
  });

  it('alerts once when the node refuses logsSubscribe, and retries with backoff', async () => {
    const alerts: string[] = [];
    await feed.stop();
    rpc.refuseSubscribe = { code: -32601, message: 'Method not found' };
    feed = new RpcLogsFeed({
      clock, rng: new Rng(3), rpcUrl: rpc.rpcUrl, wsUrl: rpc.wsUrl, backoff: { initialMs: 1_000, maxMs: 10_000 },
      silenceMs: 30_000, alert: (_level, message) => alerts.push(message),
    });
    const sockets = rpc.ws.sockets.length;
    await feed.start((event) => events.push(event));
    await waitFor(() => alerts.length === 1 && rpc.ws.sockets.length === sockets + 1, 'the refusal');
    await waitFor(() => rpc.ws.latest.readyState === rpc.ws.latest.CLOSED, 'the refused socket closed');
    expect(alerts[0]).toBe('Solana RPC refused logsSubscribe: Method not found');
    expect(feed.counters().connected).toBe(false);
    rpc.refuseSubscribe = undefined;
    clock.advance(1_000);
    await waitFor(() => rpc.subscriptions.length === 2, 'the subscription on the retry');
    await waitFor(() => feed.counters().connected, 'connected');
    expect(alerts).toHaveLength(1);
  });

  it('keeps the socket alive with WebSocket pings, not JSON-RPC messages the node would answer with errors', async () => {
    let pings = 0;
    rpc.ws.latest.on('ping', () => pings++);
    const before = rpc.ws.received.length;
    clock.advance(20_000);
    await waitFor(() => pings === 1, 'a ping');
    expect(rpc.ws.received.length).toBe(before);
  });
});
