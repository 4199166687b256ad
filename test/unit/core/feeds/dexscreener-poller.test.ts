import { Keypair } from '@solana/web3.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DexScreenerPoller } from '../../../../electron/core/feeds/dexscreener-poller.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { Rng } from '../../../../electron/core/time/rng.js';
import type { FeedEvent, TrendingEvent } from '../../../../shared/feed-events.js';
import { isSolanaAddress } from '../../../../shared/mint.js';
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
    // c has no pair listed and no pump suffix: nothing to buy it on, counted as skipped.
    expect(trending.map((e) => [e.mint, e.rank])).toEqual([[a, 1], [b, 2]]);
    expect(trending[0]).toMatchObject({
      source: 'dexscreener', platform: 'pump.fun', symbol: 'COIN', marketCapUsd: 88_000, liquidityUsd: 50_000,
      volume5mUsd: 1_500, priceChange5mPct: 12.5,
    });
    // { chainId: 5 } in latest, { junk: true } in the pairs.
    expect(poller.counters()).toMatchObject({
      received: 2, dropped: 2, connected: true,
      skipped: { count: 1, reasons: { 'not a pump.fun or bonk.fun token (no Solana pair listed)': 1 } },
    });
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
    // After the timeout the cycle goes on to the latest list; an answer there must not race the assertion.
    server.hang('/token-boosts/latest/v1');
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

  describe('on the real boost lists', () => {
    const vanity = (suffix: string) => {
      for (;;) {
        const text = address();
        const candidate = text.slice(0, text.length - suffix.length) + suffix;
        if (isSolanaAddress(candidate)) return candidate;
      }
    };
    /** Answers the tokens endpoint for exactly the mints asked, each with the pair `of` gives. */
    function serveTokens(of: (mint: string) => Record<string, unknown> | undefined) {
      server.route('/tokens/v1/solana/', (q, r) => {
        const mints = decodeURIComponent(new URL(q.url ?? '', 'http://x').pathname.split('/').pop() ?? '').split(',');
        json(r, 200, mints.map(of).filter(Boolean));
      });
    }

    it('looks up every boosted token, 30 to a request: 47 distinct tokens in two requests, the newest boosts included', async () => {
      const top = Array.from({ length: 30 }, () => address());
      const latest = [...top.slice(17), ...Array.from({ length: 17 }, () => address())];
      server.route('/token-boosts/top/v1', (_q, r) => json(r, 200, top.map((m) => boost(m))));
      server.route('/token-boosts/latest/v1', (_q, r) => json(r, 200, latest.map((m) => boost(m))));
      serveTokens((mint) => pair(mint, 10_000));
      await poller.start((e) => events.push(e));
      await driveClockUntil(clock, () => poller.completedCycles() === 1, 'one cycle');
      const lookups = server.requests.filter((r) => r.path.startsWith('/tokens/v1/solana/'));
      expect(lookups.map((r) => r.path.split('/').pop()!.split(',').length)).toEqual([30, 17]);
      const trending = events as TrendingEvent[];
      expect(trending).toHaveLength(47);
      expect(trending.map((e) => e.rank)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
      expect(trending.at(-1)?.mint).toBe(latest.at(-1));
    });

    it('prices a token in SOL: curve pairs on their curve, AMM pools from their amounts, USDC pairs not at all', async () => {
      const [onCurve, onPool, inUsdc, concentrated] = [vanity('pump'), vanity('pump'), vanity('pump'), vanity('pump')];
      server.route('/token-boosts/top/v1', (_q, r) => json(r, 200, [onCurve, onPool, inUsdc, concentrated].map((m) => boost(m))));
      server.route('/token-boosts/latest/v1', (_q, r) => json(r, 200, []));
      serveTokens((mint) => {
        if (mint === onCurve) return pair(mint, 9_000, { dexId: 'pumpfun', priceNative: '0.0000000350', liquidity: { usd: 9_000, base: 700_000_000, quote: 5 } });
        if (mint === onPool) return pair(mint, 60_000, { priceNative: '0.0000004285', liquidity: { usd: 60_000, base: 200_000_000, quote: 85.7 } });
        if (mint === inUsdc) return pair(mint, 60_000, { quoteToken: { address: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', symbol: 'USDC' }, priceNative: '0.00008' });
        return pair(mint, 60_000, { dexId: 'meteora', priceNative: '0.000001', liquidity: { usd: 60_000, base: 1_000, quote: 5_000 } });
      });
      await poller.start((e) => events.push(e));
      await driveClockUntil(clock, () => poller.completedCycles() === 1, 'one cycle');
      const byMint = new Map((events as TrendingEvent[]).map((e) => [e.mint, e]));
      const curve = byMint.get(onCurve)!;
      expect(curve.priceSol).toBeCloseTo(3.5e-8, 15);
      // Placed on pump.fun's curve (k = 30 × 1.073e9), not on the real amounts DexScreener lists.
      expect(curve.vSol! * curve.vTokens!).toBeCloseTo(30 * 1_073_000_000, -3);
      expect(curve.vSol! / curve.vTokens!).toBeCloseTo(3.5e-8, 15);
      expect(byMint.get(onPool)).toMatchObject({ priceSol: 4.285e-7, vSol: 85.7, vTokens: 200_000_000 });
      expect(byMint.get(inUsdc)).not.toHaveProperty('priceSol', expect.anything());
      expect(byMint.get(concentrated)).toMatchObject({ priceSol: 0.000001 });
      expect(byMint.get(concentrated)).not.toHaveProperty('vSol', expect.anything());
    });

    it('counts tokens that are neither pump.fun nor bonk.fun as skipped, with the venue, and emits the rest', async () => {
      const [graduatedBonk, raydium, bonk, pumpOnRaydium] = [vanity('bonk'), address(), vanity('bonk'), vanity('pump')];
      server.route('/token-boosts/top/v1', (_q, r) => json(r, 200, [graduatedBonk, raydium, bonk, pumpOnRaydium].map((m) => boost(m))));
      server.route('/token-boosts/latest/v1', (_q, r) => json(r, 200, []));
      serveTokens((mint) => {
        if (mint === bonk) return pair(mint, 5_000, { dexId: 'launchlab' });
        if (mint === graduatedBonk) return pair(mint, 5_000, { dexId: 'raydium' });
        return pair(mint, 5_000, { dexId: 'raydium' });
      });
      await poller.start((e) => events.push(e));
      await driveClockUntil(clock, () => poller.completedCycles() === 1, 'one cycle');
      expect((events as TrendingEvent[]).map((e) => [e.mint, e.platform])).toEqual([
        [bonk, 'bonk.fun'],
        [pumpOnRaydium, 'pump.fun'],
      ]);
      expect(poller.counters().skipped).toEqual({ count: 2, reasons: { 'not a pump.fun or bonk.fun token (raydium pool)': 2 } });
      expect(poller.counters().lastError).toBeUndefined();
    });
  });
});
