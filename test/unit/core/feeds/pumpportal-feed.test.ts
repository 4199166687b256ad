import { Keypair } from '@solana/web3.js';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PumpPortalFeed } from '../../../../electron/core/feeds/pumpportal-feed.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { Rng } from '../../../../electron/core/time/rng.js';
import { feedEventSchema, type FeedEvent } from '../../../../shared/feed-events.js';
import { LocalWsServer } from '../../../support/feeds/local-ws-server.js';
import { waitFor } from '../../../support/feeds/wait-for.js';

const address = () => Keypair.generate().publicKey.toBase58();

function pumpCreate(mint: string, creator: string) {
  return {
    signature: '5'.repeat(88),
    mint,
    traderPublicKey: creator,
    txType: 'create',
    initialBuy: 34_612_903.225806,
    solAmount: 1,
    bondingCurveKey: address(),
    vTokensInBondingCurve: 1_038_387_096.774194,
    vSolInBondingCurve: 31,
    marketCapSol: 29.85,
    name: 'Test Coin',
    symbol: 'TEST',
    uri: 'https://ipfs.io/ipfs/QmTest',
    pool: 'pump',
    is_mayhem_mode: false,
  };
}

function bonkCreate(mint: string, creator: string) {
  return {
    signature: '4'.repeat(88),
    mint,
    traderPublicKey: creator,
    txType: 'create',
    initialBuy: 0,
    solAmount: 0,
    newTokenBalance: 0,
    solInPool: 0,
    tokensInPool: 1_073_025_605.596382,
    marketCapSol: 27.96,
    pool: 'bonk',
  };
}

describe('PumpPortalFeed', () => {
  let server: LocalWsServer;
  let clock: ManualClock;
  let feed: PumpPortalFeed | undefined;
  let events: FeedEvent[];
  let alerts: { level: string; message: string }[];

  beforeEach(async () => {
    server = await LocalWsServer.start();
    clock = new ManualClock();
    events = [];
    alerts = [];
  });

  afterEach(async () => {
    await feed?.stop();
    feed = undefined;
    await server.close();
  });

  function makeFeed(extra: Partial<ConstructorParameters<typeof PumpPortalFeed>[0]> = {}) {
    feed = new PumpPortalFeed({
      clock,
      rng: new Rng(7),
      url: server.url,
      alert: (level, message) => alerts.push({ level, message }),
      backoff: { initialMs: 500, maxMs: 8_000 },
      ...extra,
    });
    return feed;
  }

  async function startAndWaitForSubscribe(f: PumpPortalFeed, connection = 0) {
    await f.start((event) => {
      expect(feedEventSchema.safeParse(event).success).toBe(true);
      events.push(event);
    });
    await waitFor(() => server.messagesOf(connection).length >= 2, 'subscriptions');
  }

  it('subscribes to launches, migrations, watched tokens and wallets, with the api key in the URL', async () => {
    const mint = address();
    const wallet = address();
    const f = makeFeed({ apiKey: 'k-123', tokens: [mint, 'not-a-mint'], accounts: [wallet] });
    await startAndWaitForSubscribe(f);
    await waitFor(() => server.messagesOf(0).length === 4, 'four subscribe messages');
    expect(server.messagesOf(0)).toEqual([
      { method: 'subscribeNewToken' },
      { method: 'subscribeMigration' },
      { method: 'subscribeTokenTrade', keys: [mint] },
      { method: 'subscribeAccountTrade', keys: [wallet] },
    ]);
    expect(new URL(server.urls[0] ?? '', 'ws://x').searchParams.get('api-key')).toBe('k-123');
    expect(f.counters().connected).toBe(true);
  });

  it('maps pump and bonk creates, trades and migrations into feed events', async () => {
    const f = makeFeed();
    await startAndWaitForSubscribe(f);
    const [pumpMint, bonkMint, creator, trader] = [address(), address(), address(), address()];
    const socket = server.latest;
    socket.send(JSON.stringify({ message: 'Successfully subscribed to token creation events.' }));
    socket.send(JSON.stringify(pumpCreate(pumpMint, creator)));
    socket.send(JSON.stringify(bonkCreate(bonkMint, creator)));
    socket.send(
      JSON.stringify({
        signature: '3'.repeat(88), mint: pumpMint, traderPublicKey: trader, txType: 'buy', tokenAmount: 1_000_000,
        solAmount: 0.5, newTokenBalance: 1_000_000, bondingCurveKey: address(), vTokensInBondingCurve: 1e9,
        vSolInBondingCurve: 31.5, marketCapSol: 31.5, pool: 'pump',
      }),
    );
    socket.send(JSON.stringify({ signature: '2'.repeat(88), mint: pumpMint, txType: 'migrate', pool: 'pump-amm' }));
    socket.send(JSON.stringify({ ...pumpCreate(address(), creator), pool: 'some-other-launchpad' }));
    await waitFor(() => events.length === 4, 'four events');
    expect(events[0]).toMatchObject({
      kind: 'launch', platform: 'pump.fun', mint: pumpMint, creator, symbol: 'TEST', initialBuySol: 1, vSol: 31,
      marketCapSol: 29.85,
    });
    expect(events[1]).toMatchObject({ kind: 'launch', platform: 'bonk.fun', mint: bonkMint, marketCapSol: 27.96 });
    // No vSol/vTokens on the wire: the LaunchLab curve's virtual reserves, not the pool amounts.
    expect((events[1] as { vSol: number }).vSol).toBeCloseTo(30.000852951, 9);
    expect((events[1] as { vTokens: number }).vTokens).toBeCloseTo(1_073_025_605.596382, 3);
    expect(events[2]).toMatchObject({ kind: 'trade', side: 'buy', wallet: trader, solAmount: 0.5, tokenAmount: 1_000_000 });
    expect(events[3]).toMatchObject({ kind: 'migration', mint: pumpMint, pool: 'pump-amm' });
    expect(events.every((e) => e.at === clock.now())).toBe(true);
    expect(f.counters()).toMatchObject({ received: 4, dropped: 0 });
    expect(alerts).toEqual([]);
  });

  it('takes subscription acks as information and counts mis-parsed quote-mint creates as skipped, not as errors', async () => {
    const f = makeFeed();
    await startAndWaitForSubscribe(f);
    const socket = server.latest;
    socket.send(JSON.stringify({ message: 'Successfully subscribed to token creation events.' }));
    socket.send(JSON.stringify({ message: "Subscribed to 'migration' events." }));
    for (const mint of ['EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', 'So11111111111111111111111111111111111111112']) {
      const { name: _n, symbol: _s, uri: _u, ...noMetadata } = pumpCreate(mint, address());
      socket.send(JSON.stringify(noMetadata));
    }
    socket.send(JSON.stringify({ ...bonkCreate('Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB', address()) }));
    const real = address();
    socket.send(JSON.stringify(bonkCreate(real, address())));
    await waitFor(() => events.length === 1, 'the real launch');
    expect(events.map((e) => e.kind === 'launch' && e.mint)).toEqual([real]);
    expect(alerts).toEqual([]);
    expect(f.counters()).toEqual({
      name: 'pumpportal',
      connected: true,
      received: 1,
      dropped: 0,
      skipped: { count: 3, reasons: { 'create naming the quote mint USDC': 1, 'create naming the quote mint wSOL': 1, 'create naming the quote mint USDT': 1 } },
    });
  });

  it('surfaces the API-key-required refusal as one alert and keeps streaming launches', async () => {
    const f = makeFeed({ tokens: [address()] });
    await startAndWaitForSubscribe(f);
    const refusal = 'To subscribe to token trades and account trades you need a funded API key.';
    server.latest.send(JSON.stringify({ message: refusal }));
    server.latest.send(JSON.stringify({ message: refusal }));
    server.latest.send(JSON.stringify(pumpCreate(address(), address())));
    await waitFor(() => events.length === 1, 'launch after the refusal');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.level).toBe('error');
    expect(alerts[0]?.message).toContain('funded API key');
    expect(f.counters().lastError).toContain('funded API key');
  });

  it('sends runtime subscribe and unsubscribe messages for tokens and wallets', async () => {
    const f = makeFeed();
    await startAndWaitForSubscribe(f);
    const [a, b, w] = [address(), address(), address()];
    expect(f.addTokens([a, b, a, 'junk'])).toEqual([a, b]);
    expect(f.addAccounts([w])).toEqual([w]);
    expect(f.removeTokens([a, address()])).toEqual([a]);
    expect(f.removeAccounts([w])).toEqual([w]);
    await waitFor(() => server.messagesOf(0).length === 6, 'runtime messages');
    expect(server.messagesOf(0).slice(2)).toEqual([
      { method: 'subscribeTokenTrade', keys: [a, b] },
      { method: 'subscribeAccountTrade', keys: [w] },
      { method: 'unsubscribeTokenTrade', keys: [a] },
      { method: 'unsubscribeAccountTrade', keys: [w] },
    ]);
  });

  it('reconnects after a drop with backoff and resubscribes what is currently watched', async () => {
    const [kept, removed, wallet] = [address(), address(), address()];
    const f = makeFeed({ tokens: [kept, removed] });
    await startAndWaitForSubscribe(f);
    f.removeTokens([removed]);
    f.addAccounts([wallet]);
    server.latest.terminate();
    await waitFor(() => !f.counters().connected, 'the drop to be seen');
    // Seeded jitter puts the first retry in [250, 500] ms: nothing may happen before 250.
    clock.advance(249);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.sockets).toHaveLength(1);
    clock.advance(251);
    await waitFor(() => server.messagesOf(1).length === 4, 'resubscription');
    expect(server.messagesOf(1)).toEqual([
      { method: 'subscribeNewToken' },
      { method: 'subscribeMigration' },
      { method: 'subscribeTokenTrade', keys: [kept] },
      { method: 'subscribeAccountTrade', keys: [wallet] },
    ]);
    expect(f.counters().connected).toBe(true);
  });

  it('backs off exponentially while the service keeps dropping the connection', async () => {
    const f = makeFeed();
    await startAndWaitForSubscribe(f);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = server.sockets.length;
      server.latest.terminate();
      await waitFor(() => !f.counters().connected, 'the drop');
      let waited = 0;
      while (server.sockets.length === before) {
        clock.advance(50);
        waited += 50;
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (waited > 20_000) throw new Error('no reconnect');
      }
      delays.push(waited);
      await waitFor(() => f.counters().connected, 'reconnected');
    }
    // Caps double: 500, 1000, 2000, 4000 with each delay in [cap/2, cap] (+50 ms of step).
    [500, 1000, 2000, 4000].forEach((cap, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(cap / 2);
      expect(delays[i]).toBeLessThanOrEqual(cap + 50);
    });
  });

  it('treats a silent socket as dead and reconnects', async () => {
    const f = makeFeed({ silenceMs: 10_000 });
    await startAndWaitForSubscribe(f);
    clock.advance(10_000);
    await waitFor(() => !f.counters().connected, 'the silent socket to be closed');
    expect(f.counters().lastError).toContain('no frame');
    clock.advance(500);
    await waitFor(() => server.messagesOf(1).length === 2, 'resubscription');
  });

  it('drops and counts malformed, oversized and wrong-typed frames', async () => {
    const f = makeFeed({ maxFrameBytes: 4_096 });
    await startAndWaitForSubscribe(f);
    const socket = server.latest;
    socket.send('{not json');
    socket.send(JSON.stringify({ ...pumpCreate(address(), address()), name: 'x'.repeat(5_000) }));
    socket.send(JSON.stringify({ ...pumpCreate(address(), address()), vSolInBondingCurve: 'thirty' }));
    socket.send(JSON.stringify({ ...pumpCreate('not-a-mint', address()) }));
    socket.send(JSON.stringify([1, 2, 3]));
    socket.send(Buffer.from([0xff, 0xfe, 0x00]));
    socket.send(JSON.stringify(pumpCreate(address(), address())));
    await waitFor(() => events.length === 1, 'the one good frame');
    expect(f.counters()).toMatchObject({ received: 1, dropped: 6, connected: true });
  });

  it('survives thousands of random frames without crashing or emitting junk', async () => {
    const f = makeFeed();
    await startAndWaitForSubscribe(f);
    const valid = pumpCreate(address(), address());
    const frame = fc.oneof(
      fc.json(),
      fc.string(),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc.record({ txType: fc.constantFrom('create', 'buy', 'sell', 'migrate', 'x'), mint: fc.string() }).map((o) =>
        JSON.stringify(o),
      ),
      fc.tuple(fc.constantFrom(...Object.keys(valid)), fc.jsonValue()).map(([key, value]) =>
        JSON.stringify({ ...valid, [key]: value === undefined ? null : value, txType: 'buy' }),
      ),
    );
    const frames = fc.sample(frame, { numRuns: 3_000, seed: 42 });
    for (const item of frames) server.latest.send(item);
    server.latest.send(JSON.stringify(valid));
    await waitFor(() => events.some((e) => e.kind === 'launch' && e.mint === valid.mint), 'the sentinel', 10_000);
    const counters = f.counters();
    expect(counters.connected).toBe(true);
    expect(counters.received + counters.dropped).toBeGreaterThan(2_500);
    expect(counters.dropped).toBeGreaterThan(2_500);
  });
});
