import { Keypair } from '@solana/web3.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DexScreenerPoller } from '../../../../electron/core/feeds/dexscreener-poller.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { Rng } from '../../../../electron/core/time/rng.js';
import type { FeedEvent, TrendingEvent } from '../../../../shared/feed-events.js';
import { driveClockUntil } from '../../../support/feeds/drive-clock.js';
import { LocalHttpServer, json } from '../../../support/feeds/local-http-server.js';
import { waitFor } from '../../../support/feeds/wait-for.js';

const address = () => Keypair.generate().publicKey.toBase58();
const boost = (tokenAddress: string, chainId = 'solana') => ({
  url: `https://dexscreener.com/${chainId}/${tokenAddress}`, chainId, tokenAddress, amount: 10, totalAmount: 500,
});
const pair = (mint: string, liquidityUsd: number, extra: Record<string, unknown> = {}) => ({
  chainId: 'solana', dexId: 'pumpswap', url: 'https://dexscreener.com/solana/x', pairAddress: address(),
  baseToken: { address: mint, name: 'Coin', symbol: 'COIN' },
  quoteToken: { address: 'So11111111111111111111111111111111111111112', name: 'Wrapped SOL', symbol: 'SOL' },
  priceNative: '0.0000001', priceUsd: '0.00002', txns: { m5: { buys: 10, sells: 3 } },
  volume: { h24: 100_000, h6: 50_000, h1: 9_000, m5: 1_500 }, priceChange: { m5: 12.5, h1: -3 },
  liquidity: { usd: liquidityUsd, base: 1, quote: 1 }, fdv: 90_000, marketCap: 88_000, pairCreatedAt: 1_700_000_000_000,
  ...extra,
});

describe('DexScreenerPoller', () => {
  let clock: ManualClock;
  let server: LocalHttpServer;
  let poller: DexScreenerPoller;
  let events: FeedEvent[];
  const [a, b, c] = [address(), address(), address()];

  beforeEach(async () => {
    clock = new ManualClock();
    server = await LocalHttpServer.start(() => clock.now());
    events = [];
    server.route('/token-boosts/top/v1', (_q, r) => json(r, 200, [boost(a), boost('0xdeadbeef', 'ethereum'), boost(b)]));
    server.route('/token-boosts/latest/v1', (_q, r) => json(r, 200, [boost(b), boost(c), { chainId: 5 }]));
    server.route('/tokens/v1/solana/', (_q, r) =>
      json(r, 200, [pair(a, 1_000, { dexId: 'raydium', marketCap: 1 }), pair(a, 50_000), pair(b, 20_000), { junk: true }]),
    );
    poller = new DexScreenerPoller({
      clock, rng: new Rng(1), baseUrl: server.url, intervalMs: 30_000, timeoutMs: 5_000,
      backoff: { initialMs: 2_000, maxMs: 16_000 },
    });
  });

  afterEach(async () => {
    await poller.stop();
    await server.close();
  });

  it('ranks Solana boosts (top first, deduplicated) and enriches them from the deepest pair', async () => {
    await poller.start((e) => events.push(e));
    await driveClockUntil(clock, () => poller.completedCycles() === 1, 'one cycle');
    const tokenCall = server.requests.find((r) => r.path.startsWith('/tokens/v1/solana/'));
    expect(tokenCall?.path).toBe(`/tokens/v1/solana/${a},${b},${c}`);
    const trending = events as TrendingEvent[];
    expect(trending.map((e) => [e.mint, e.rank])).toEqual([[a, 1], [b, 2], [c, 3]]);
    expect(trending[0]).toMatchObject({
      source: 'dexscreener', platform: 'pump.fun', symbol: 'COIN', marketCapUsd: 88_000, liquidityUsd: 50_000,
      volume5mUsd: 1_500, priceChange5mPct: 12.5,
    });
    expect(trending[2]).not.toHaveProperty('marketCapUsd', expect.anything());
    // { chainId: 5 } in latest, { junk: true } in the pairs.
    expect(poller.counters()).toMatchObject({ received: 3, dropped: 2, connected: true });
  });

  it('spaces its requests by the published per-endpoint limits', async () => {
    // Stamped when the request is made, not when the server sees it.
    const calls: { path: string; at: number }[] = [];
    poller = new DexScreenerPoller({
      clock, rng: new Rng(1), baseUrl: server.url, intervalMs: 30_000,
      fetch: (url, init) => {
        calls.push({ path: new URL(url).pathname, at: clock.now() });
        return fetch(url, init);
      },
    });
    await poller.start((e) => events.push(e));
    await driveClockUntil(clock, () => poller.completedCycles() === 1, 'one cycle', { stepMs: 10 });
    const [top, latest, tokens] = calls;
    // 60/minute on the boosts endpoints: the second boosts call waits a second; the
    // tokens endpoint has its own 300/minute bucket, so it does not wait on the boosts one.
    expect((latest?.at ?? 0) - (top?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(tokens?.path.startsWith('/tokens/v1/solana/')).toBe(true);
    await driveClockUntil(clock, () => poller.completedCycles() === 2, 'a second cycle');
    expect((calls[3]?.at ?? 0) - (tokens?.at ?? 0)).toBeGreaterThanOrEqual(30_000);
  });

  it('honours Retry-After on 429: no request to the service before it expires', async () => {
    let limited = true;
    server.route('/token-boosts/top/v1', (_q, r) =>
      limited ? json(r, 429, { error: 'rate limited' }, { 'retry-after': '45' }) : json(r, 200, [boost(a)]),
    );
    const alerts: string[] = [];
    poller = new DexScreenerPoller({
      clock, rng: new Rng(1), baseUrl: server.url, alert: (_l, m) => alerts.push(m), intervalMs: 10_000,
    });
    await poller.start((e) => events.push(e));
    await waitFor(() => server.count('/token-boosts/top') === 1, 'the first request');
    const limitedAt = server.requests[0]?.at ?? 0;
    limited = false;
    await driveClockUntil(clock, () => server.count('/token-boosts/top') === 2, 'the retry', { stepMs: 250 });
    const boostsAfter429 = server.requests.filter((r) => r.path.startsWith('/token-boosts') && r.at > limitedAt);
    expect(Math.min(...boostsAfter429.map((r) => r.at)) - limitedAt).toBeGreaterThanOrEqual(45_000);
    expect(poller.httpStats().rateLimited).toBe(1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('429');
  });

  it('backs off exponentially on 5xx and recovers to the normal interval', async () => {
    let failures = 3;
    server.route('/token-boosts/', (_q, r) => (failures-- > 0 ? json(r, 503, 'down') : json(r, 200, [])));
    await poller.start((e) => events.push(e));
    await driveClockUntil(clock, () => server.count('/token-boosts/') >= 6, 'recovery', { stepMs: 50 });
    const tops = server.requests.filter((r) => r.path === '/token-boosts/top/v1').map((r) => r.at);
    const gaps = tops.slice(1).map((t, i) => t - (tops[i] ?? 0));
    // Cycles 1 and 2 fail (3 failed requests): delays in [1000, 2000] then [2000, 4000].
    expect(gaps[0]).toBeGreaterThanOrEqual(1_000);
    expect(gaps[0]).toBeLessThanOrEqual(2_000 + 1_100);
    expect(gaps[1]).toBeGreaterThanOrEqual(2_000);
    expect(poller.httpStats().serverErrors).toBe(3);
    await driveClockUntil(clock, () => poller.counters().connected, 'a healthy cycle');
  });

  it('counts a request that never answers as a timeout', async () => {
    server.hang('/token-boosts/top/v1');
    await poller.start((e) => events.push(e));
    await waitFor(() => server.count('/token-boosts/top') === 1, 'the hanging request');
    clock.advance(4_999);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(poller.httpStats().timeouts).toBe(0);
    clock.advance(1);
    await waitFor(() => poller.httpStats().timeouts === 1, 'the timeout');
    expect(poller.counters().lastError).toContain('timed out');
  });

  it('drops malformed bodies and wrong-typed items without stopping', async () => {
    server.route('/token-boosts/top/v1', (_q, r) => json(r, 200, '{"not": json'));
    server.route('/token-boosts/latest/v1', (_q, r) => json(r, 200, { pairs: 'nope' }));
    await poller.start((e) => events.push(e));
    await driveClockUntil(clock, () => poller.completedCycles() === 1, 'one cycle');
    expect(events).toEqual([]);
    expect(poller.httpStats().badBodies).toBe(1);
    expect(poller.counters().dropped).toBe(2);
    server.route('/token-boosts/top/v1', (_q, r) => json(r, 200, [boost(a)]));
    await driveClockUntil(clock, () => events.length === 1, 'an event after recovery');
  });
});
