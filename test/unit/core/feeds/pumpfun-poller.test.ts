import { Keypair } from '@solana/web3.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PumpFunPoller } from '../../../../electron/core/feeds/pumpfun-poller.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { Rng } from '../../../../electron/core/time/rng.js';
import type { FeedEvent } from '../../../../shared/feed-events.js';
import { driveClockUntil } from '../../../support/feeds/drive-clock.js';
import { LocalHttpServer, json } from '../../../support/feeds/local-http-server.js';
import { waitFor } from '../../../support/feeds/wait-for.js';

const coin = (mint: string, usd: unknown = 6_085.13) => ({
  mint, name: 'Coin', symbol: 'COIN', description: '', image_uri: 'https://ipfs.io/ipfs/x',
  bonding_curve: Keypair.generate().publicKey.toBase58(), creator: Keypair.generate().publicKey.toBase58(),
  created_timestamp: 1_739_259_431_166, complete: false, virtual_sol_reserves: 30_880_533_392,
  virtual_token_reserves: 1_042_404_274_316_511, total_supply: 1_000_000_000_000_000,
  last_trade_timestamp: 1_739_259_433_000, market_cap: 29.62, usd_market_cap: usd, nsfw: false,
});

describe('PumpFunPoller', () => {
  let clock: ManualClock;
  let server: LocalHttpServer;
  let poller: PumpFunPoller;
  let events: FeedEvent[];

  beforeEach(async () => {
    clock = new ManualClock();
    server = await LocalHttpServer.start(() => clock.now());
    events = [];
    poller = new PumpFunPoller({ clock, rng: new Rng(2), baseUrl: server.url, intervalMs: 20_000 });
  });

  afterEach(async () => {
    await poller.stop();
    await server.close();
  });

  it('asks for the most recently traded coins and emits them ranked', async () => {
    const [a, b] = [Keypair.generate().publicKey.toBase58(), Keypair.generate().publicKey.toBase58()];
    server.route('/coins', (_q, r) => json(r, 200, [coin(a), coin('not-a-mint'), coin(b, 'lots'), 42]));
    await poller.start((e) => events.push(e));
    await waitFor(() => poller.completedCycles() === 1, 'one cycle');
    const query = new URL(server.requests[0]?.url ?? '', 'http://x').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      offset: '0', limit: '50', sort: 'last_trade_timestamp', order: 'DESC', includeNsfw: 'false',
    });
    // The coin's curve: 30.880533392 SOL and 1 042 404 274.316511 tokens of virtual reserves.
    const curve = { vSol: 30.880533392, vTokens: 1_042_404_274.316511, priceSol: 30.880533392 / 1_042_404_274.316511 };
    expect(events).toEqual([
      { kind: 'trending', at: clock.now(), source: 'pump.fun', platform: 'pump.fun', mint: a, rank: 1, symbol: 'COIN', marketCapUsd: 6_085.13, ...curve },
      { kind: 'trending', at: clock.now(), source: 'pump.fun', platform: 'pump.fun', mint: b, rank: 3, symbol: 'COIN', ...curve },
    ]);
    expect(poller.counters()).toMatchObject({ received: 2, dropped: 2 });
  });

  it('prices a completed coin (reserves 0, trading on PumpSwap) from its market cap in SOL, without reserves', async () => {
    const mint = Keypair.generate().publicKey.toBase58();
    server.route('/coins', (_q, r) =>
      json(r, 200, [{ ...coin(mint), complete: true, virtual_sol_reserves: 0, virtual_token_reserves: 0, market_cap: 420.5 }]),
    );
    await poller.start((e) => events.push(e));
    await waitFor(() => events.length === 1, 'the coin');
    expect(events[0]).toMatchObject({ mint, priceSol: 420.5 / 1e9 });
    expect(events[0]).not.toHaveProperty('vSol', expect.anything());
  });

  it('honours Retry-After and stays within 30 requests a minute', async () => {
    let calls = 0;
    server.route('/coins', (_q, r) => (++calls === 1 ? json(r, 429, {}, { 'retry-after': '60' }) : json(r, 200, [])));
    poller = new PumpFunPoller({ clock, rng: new Rng(2), baseUrl: server.url, intervalMs: 100 });
    await poller.start((e) => events.push(e));
    await waitFor(() => calls === 1, 'the first request');
    await driveClockUntil(clock, () => calls === 2, 'the retry', { stepMs: 500 });
    const [first, second] = server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(60_000);
    // Polling every 100 ms is asked for; the bucket still allows only one request per 2 s.
    const start = clock.now();
    await driveClockUntil(clock, () => clock.now() - start >= 60_000, 'a minute', { stepMs: 250 });
    const inMinute = server.requests.filter((r) => r.at > start && r.at <= start + 60_000).length;
    expect(inMinute).toBeLessThanOrEqual(30);
    expect(inMinute).toBeGreaterThanOrEqual(25);
  });
});
