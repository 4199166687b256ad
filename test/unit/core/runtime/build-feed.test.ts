import fs from 'node:fs';
import path from 'node:path';
import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { PumpPortalFeed } from '../../../../electron/core/feeds/pumpportal-feed.js';
import { RpcLogsFeed } from '../../../../electron/core/feeds/rpc-logs-feed.js';
import { SimulatorFeed } from '../../../../electron/core/feeds/simulator-feed.js';
import { TapeFeed } from '../../../../electron/core/feeds/tape-feed.js';
import { RecordedFeed } from '../../../../electron/core/feeds/tape-recorder.js';
import type { Feed } from '../../../../electron/core/feeds/feed.js';
import { attachPollers, buildMainFeed } from '../../../../electron/core/runtime/build-feed.js';
import { FeedAlerts } from '../../../../electron/core/runtime/feed-alerts.js';
import { ObservedFeed } from '../../../../electron/core/runtime/observed-feed.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { Rng } from '../../../../electron/core/time/rng.js';
import type { FeedEvent } from '../../../../shared/feed-events.js';
import { tempDataDir } from '../../../support/engine-fixture.js';

const deps = () => {
  const clock = new ManualClock(1_700_000_000_000);
  return { clock, rng: new Rng(1), alerts: new FeedAlerts(() => clock.now()) };
};
const innerOf = (feed: unknown) => (feed instanceof ObservedFeed ? feed.inner : feed);

function writeTape(events: FeedEvent[]): string {
  const file = path.join(tempDataDir('tape'), 'in.jsonl');
  const lines = [JSON.stringify({ tape: 1, feed: 'test', startedAt: 1_000 }), ...events.map((e, i) => JSON.stringify({ t: i, e }))];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('buildMainFeed', () => {
  it("sim: paper sells quote the simulator's curve, and a migrated coin its pool at the curve's last price", () => {
    const built = buildMainFeed({ kind: 'sim', seed: 5, launchesPerSecond: 4 }, deps());
    const sim = built.simulator!;
    const launch = sim.take(50).find((e) => e.kind === 'launch')!;
    // A paper position may hold more than the curve sold (paper buys never move it): still sellable.
    const tokens = 1_000_000;
    expect(built.quoteSell(launch.mint, tokens)).toBeGreaterThan(0);
    let migrated: string | undefined;
    for (let i = 0; i < 400_000 && !migrated; i++) {
      const event = sim.next();
      if (event.kind === 'migration') migrated = event.mint;
    }
    expect(migrated, 'a migration within 400 000 simulated events').toBeDefined();
    const curve = sim.curve(migrated!)!;
    expect(curve.complete).toBe(true);
    expect(sim.quoteSell(migrated!, tokens)).toBeUndefined();
    const pool = built.quoteSell(migrated!, tokens)!;
    const gross = (curve.vSol * tokens) / (curve.vTokens + tokens);
    expect(pool).toBeCloseTo(gross * (1 - 0.0025), 12);
    expect(built.quoteSell(Keypair.generate().publicKey.toBase58(), tokens)).toBeUndefined();
  });

  it('sim: the simulator feed, quoting against the simulator\'s own curves', () => {
    const built = buildMainFeed({ kind: 'sim', seed: 5, launchesPerSecond: 1 }, deps());
    expect(built.feed).toBeInstanceOf(SimulatorFeed);
    const launch = built.simulator!.take(50).find((e) => e.kind === 'launch')!;
    expect(built.quote(launch.mint, 0.1)).toBe(built.simulator!.quoteBuy(launch.mint, 0.1)!.tokens);
    expect(built.quote(Keypair.generate().publicKey.toBase58(), 0.1)).toBeUndefined();
  });

  it('pumpportal: the PumpPortal feed, with a note when there is no API key', () => {
    const without = buildMainFeed({ kind: 'pumpportal', url: 'ws://127.0.0.1:1' }, deps());
    expect(innerOf(without.feed)).toBeInstanceOf(PumpPortalFeed);
    expect(without.pumpPortal).toBe(innerOf(without.feed));
    expect(without.notes.join()).toMatch(/no PUMPPORTAL_API_KEY/);
    const withKey = buildMainFeed({ kind: 'pumpportal', url: 'ws://127.0.0.1:1', apiKey: 'SECRET' }, deps());
    expect(withKey.notes.join()).not.toContain('SECRET');
  });

  it('rpc: the Solana logs feed, quoting from the live curve book', () => {
    const built = buildMainFeed({ kind: 'rpc', rpcUrl: 'http://127.0.0.1:1' }, deps());
    expect(innerOf(built.feed)).toBeInstanceOf(RpcLogsFeed);
    expect(built.curveBook).toBeDefined();
  });

  it('tape: events reach the curve book before the engine; a fast replay runs on the tape\'s clock', async () => {
    const mint = Keypair.generate().publicKey.toBase58();
    const file = writeTape([{ kind: 'launch', at: 5_000, platform: 'pump.fun', mint, vSol: 30, vTokens: 1_073_000_000 }]);
    const built = buildMainFeed({ kind: 'tape', path: file, speed: 'fast' }, deps());
    expect(innerOf(built.feed)).toBeInstanceOf(TapeFeed);
    const quotes: (number | undefined)[] = [];
    await built.feed.start(() => quotes.push(built.quote(mint, 0.1)));
    await built.tape!.done();
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toBeGreaterThan(0);
    expect(built.eventClock!.now()).toBe(5_000);
    expect(buildMainFeed({ kind: 'tape', path: file, speed: 'recorded' }, deps()).eventClock).toBeUndefined();
  });

  it('--record wraps the chosen feed in a tape recorder under the same name', async () => {
    const out = path.join(tempDataDir('rec'), 'out.jsonl');
    const d = deps();
    const built = buildMainFeed({ kind: 'sim', seed: 5, launchesPerSecond: 20 }, d, out);
    expect(built.feed).toBeInstanceOf(RecordedFeed);
    expect(built.feed.name).toBe('sim');
    let seen = 0;
    await built.feed.start(() => seen++);
    d.clock.advance(2_000);
    await built.feed.stop();
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(seen).toBeGreaterThan(10);
    expect(lines).toHaveLength(seen + 1);
    expect(built.notes.join()).toMatch(/recording sim/);
  });

  describe('attachPollers', () => {
    /** A poller stand-in: emits the given trending events when started. */
    function fakePoller(name: string, events: FeedEvent[]): Feed {
      let connected = false;
      return {
        name,
        start: async (emit) => {
          connected = true;
          for (const e of events) emit(e);
        },
        stop: async () => {
          connected = false;
        },
        counters: () => ({ name, connected, received: events.length, dropped: 0 }),
      };
    }
    const hot = Keypair.generate().publicKey.toBase58();
    const trending: FeedEvent = {
      kind: 'trending', at: 1_700_000_000_500, source: 'dexscreener', mint: hot, platform: 'pump.fun', rank: 1,
      priceSol: 4.285e-7, vSol: 85.7, vTokens: 200_000_000,
    };

    it('prices a token only a poller saw, on the simulator too (no more "no market" for trending buys)', async () => {
      const built = buildMainFeed({ kind: 'sim', seed: 5, launchesPerSecond: 1 }, deps());
      expect(built.quote(hot, 0.5)).toBeUndefined();
      const [poller] = attachPollers([fakePoller('dexscreener', [trending])], built);
      await poller!.start(() => undefined);
      expect(built.quote(hot, 0.5)).toBeCloseTo((200_000_000 * (0.5 / 1.01)) / (85.7 + 0.5 / 1.01), 3);
    });

    it('--record writes the pollers\' events to the main feed\'s tape, and its replay brings them back priced', async () => {
      const out = path.join(tempDataDir('rec'), 'out.jsonl');
      const d = deps();
      const built = buildMainFeed({ kind: 'sim', seed: 5, launchesPerSecond: 20 }, d, out);
      const pollers = attachPollers([fakePoller('dexscreener', [trending])], built);
      const seen: FeedEvent[] = [];
      await built.feed.start((e) => seen.push(e));
      await pollers[0]!.start((e) => seen.push(e));
      d.clock.advance(1_000);
      await built.feed.stop();
      await pollers[0]!.stop();
      const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { e?: FeedEvent });
      expect(lines[0]).toMatchObject({ tape: 1, feed: 'sim+dexscreener' });
      expect(lines.slice(1).map((l) => l.e)).toEqual(seen);
      expect(seen.filter((e) => e.kind === 'trending' && e.source === 'dexscreener')).toHaveLength(1);
      expect(built.notes.join()).toMatch(/recording the trending pollers \(dexscreener\)/);

      const replay = buildMainFeed({ kind: 'tape', path: out, speed: 'fast' }, deps());
      const replayed: FeedEvent[] = [];
      await replay.feed.start((e) => replayed.push(e));
      await replay.tape!.done();
      expect(replayed).toEqual(seen);
      expect(replay.quote(hot, 0.5)).toBeCloseTo((200_000_000 * (0.5 / 1.01)) / (85.7 + 0.5 / 1.01), 3);
    });
  });
});
