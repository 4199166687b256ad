import { Keypair } from '@solana/web3.js';
import { afterEach, describe, expect, it } from 'vitest';
import { SignatureSubscriptions } from '../../../../electron/core/live/signature-subscriptions.js';
import type { BuyOrder } from '../../../../electron/core/traders/trader.js';
import { useLiveEnv } from '../../../support/live-trader-env.js';
import { waitUntil } from '../../../support/wait-until.js';

const liveEnv = useLiveEnv();
const opened: SignatureSubscriptions[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const order = (mint: string): BuyOrder => ({ attemptId: 'a1', mint, platform: 'pump.fun', symbol: 'T', solAmount: 0.1 });

describe('SignatureSubscriptions', () => {
  it('wakes the confirm loop when the node notifies: the buy confirms with the clock standing still', async () => {
    const env = await liveEnv();
    const subscriptions = new SignatureSubscriptions({ wsUrl: env.server.wsUrl });
    opened.push(subscriptions);
    // Polls an hour apart: only the notification can bring the verdict while no time passes.
    const trader = env.newTrader({ watch: subscriptions.watch, confirm: { pollIntervalMs: 3_600_000 } });
    const mint = env.newMint().toBase58();
    const buying = trader.buy(order(mint));
    await waitUntil(() => env.server.callsOf('sendTransaction') === 1 && env.server.signatureSubscriptions === 1, 'the send and the subscription');
    expect(env.server.callsOf('getSignatureStatuses')).toBe(0);
    env.server.advanceBlocks(1);
    expect(await buying).toMatchObject({ kind: 'success', tokens: 3_000 });
    expect(env.server.callsOf('getSignatureStatuses')).toBe(1);
  });

  it('no socket to be had: the watch stays silent and polling decides', async () => {
    const env = await liveEnv();
    const subscriptions = new SignatureSubscriptions({ wsUrl: 'ws://127.0.0.1:1' });
    opened.push(subscriptions);
    const trader = env.newTrader({ watch: subscriptions.watch });
    expect(await env.drive(trader.buy(order(env.newMint().toBase58())))).toMatchObject({ kind: 'success' });
  });

  it('garbled frames and notifications for other subscriptions are ignored', async () => {
    const env = await liveEnv();
    const subscriptions = new SignatureSubscriptions({ wsUrl: env.server.wsUrl });
    opened.push(subscriptions);
    const heard = { a: false, b: false };
    const a = subscriptions.watch(Keypair.generate().publicKey.toBase58());
    await waitUntil(() => env.server.signatureSubscriptions === 1, 'the first subscription');
    const b = subscriptions.watch(Keypair.generate().publicKey.toBase58());
    await waitUntil(() => env.server.signatureSubscriptions === 2, 'the second subscription');
    void a.heard.then(() => (heard.a = true));
    void b.heard.then(() => (heard.b = true));
    const note = (subscription: unknown) => JSON.stringify({ jsonrpc: '2.0', method: 'signatureNotification', params: { subscription, result: { value: { err: null } } } });
    env.server.pushWs('not json');
    env.server.pushWs(note(999_999));
    env.server.pushWs(note('x'));
    // The fake node numbers subscriptions from 1: b is 2. Frames arrive in order, so once b
    // has heard its own, the frames before it were read and ignored.
    env.server.pushWs(note(2));
    await waitUntil(() => heard.b, 'the second watch to hear its notification');
    expect(heard.a).toBe(false);
    a.close();
    b.close();
  });
});
