import { beforeAll, describe, expect, it } from 'vitest';
import { feedEventSchema, type FeedEvent, type TradeEvent } from '../../../../shared/feed-events.js';
import { MarketSimulator } from '../../../../electron/core/sim/market-simulator.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

const startAt = 1_700_000_000_000;
const sim = (seed: number, extra: Partial<ConstructorParameters<typeof MarketSimulator>[0]> = {}) =>
  new MarketSimulator({ seed, startAt, ...extra });
const launches = (events: FeedEvent[]) => events.filter((e) => e.kind === 'launch');
const trades = (events: FeedEvent[]) => events.filter((e): e is TradeEvent => e.kind === 'trade');
// JSON text compares thousands of events in milliseconds where a deep equal takes seconds.
const text = (events: FeedEvent[]) => events.map((e) => JSON.stringify(e));

describe('MarketSimulator determinism', () => {
  it('yields the identical sequence for the same seed, and a different one for another seed', () => {
    const a = sim(11).take(5_000);
    const b = sim(11).take(5_000);
    const c = sim(12).take(5_000);
    expect(text(b)).toEqual(text(a));
    expect(text(c)).not.toEqual(text(a));
    expect(launches(c)[0]!.kind === 'launch' && launches(c)[0]).not.toEqual(launches(a)[0]);
  });

  it('emits only events the feed schemas accept, in time order', () => {
    const events = sim(3).take(3_000);
    const invalid = events.filter((e) => !feedEventSchema.safeParse(e).success);
    expect(invalid).toEqual([]);
    expect(events.every((e, i) => i === 0 || e.at >= events[i - 1]!.at)).toBe(true);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['launch', 'trade', 'trending']));
  });

  it('puts launch k at offset exactly k / rate seconds', () => {
    for (const rate of [1, 3, 7.5]) {
      const events = launches(sim(5, { launchesPerSecond: rate }).eventsUntil(20_000));
      expect(events).toHaveLength(Math.floor(20 * rate) + 1);
      events.forEach((e, k) => expect(e.at).toBe(startAt + Math.floor((k * 1000) / rate)));
    }
  });

  it('makes launch k’s mint, creator and symbol depend on (seed, k) only', () => {
    const base = launches(sim(21).eventsUntil(60_000));
    const variants = [
      sim(21, { activity: 3, whaleCount: 2, trendingIntervalMs: 5_000 }).eventsUntil(60_000),
      sim(21, { activity: 0 }).eventsUntil(60_000),
      sim(21, { launchesPerSecond: 4 }).eventsUntil(15_000),
    ];
    const identity = (e: FeedEvent) => e.kind === 'launch' && [e.mint, e.creator, e.symbol, e.platform, e.name];
    for (const variant of variants) {
      const other = launches(variant);
      expect(other.length).toBeGreaterThanOrEqual(base.length);
      expect(other.slice(0, base.length).map(identity)).toEqual(base.map(identity));
    }
    expect(sim(21).launchIdentity(7).mint).toBe(base[7]!.kind === 'launch' && base[7]!.mint);
  });

  it('never repeats a mint', () => {
    const mints = launches(sim(9, { launchesPerSecond: 100, activity: 0 }).eventsUntil(60_000)).map(
      (e) => e.kind === 'launch' && e.mint,
    );
    expect(mints.length).toBeGreaterThan(5_000);
    expect(new Set(mints).size).toBe(mints.length);
  });

  it('rejects nonsense options', () => {
    expect(() => sim(1, { launchesPerSecond: 0 })).toThrow(RangeError);
    expect(() => sim(1.5)).toThrow(RangeError);
  });
});

describe('MarketSimulator market behaviour (seed 42, one simulated hour)', () => {
  let events: FeedEvent[];
  let simulator: MarketSimulator;
  beforeAll(() => {
    simulator = sim(42);
    events = simulator.eventsUntil(3_600_000);
  });

  it('keeps the volume at a few tens of events per second at rate 1', () => {
    const perSecond = events.length / 3_600;
    expect(perSecond).toBeGreaterThan(10);
    expect(perSecond).toBeLessThan(80);
  });

  it('launches on both platforms, mostly pump.fun', () => {
    const all = launches(events);
    const bonk = all.filter((e) => e.kind === 'launch' && e.platform === 'bonk.fun').length;
    expect(bonk / all.length).toBeGreaterThan(0.1);
    expect(bonk / all.length).toBeLessThan(0.3);
  });

  it('has fixed whales that buy big into some tokens', () => {
    const whales = simulator.whaleWallets();
    expect(whales).toEqual(sim(42).whaleWallets());
    expect(new Set(whales).size).toBe(6);
    const whaleBuys = trades(events).filter((t) => whales.includes(t.wallet) && t.side === 'buy');
    expect(whaleBuys.length).toBeGreaterThan(20);
    // At least 3 SOL, unless the buy completed the curve (then it got only what was left).
    const migratedAt = new Map(events.filter((e) => e.kind === 'migration').map((e) => [e.mint, e.at]));
    const small = whaleBuys.filter((t) => t.solAmount < 3 && migratedAt.get(t.mint) !== t.at);
    expect(small).toEqual([]);
  });

  it('has whales buying from the first rounds on, in every seed, and none without rounds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const s = sim(seed);
      const whales = new Set(s.whaleWallets());
      const early = trades(s.eventsUntil(15_000)).filter((t) => whales.has(t.wallet) && t.side === 'buy');
      expect(early.length, `seed ${seed}`).toBeGreaterThan(0);
    }
    const quiet = sim(6, { whaleRoundIntervalMs: 0 });
    const whales = new Set(quiet.whaleWallets());
    expect(trades(quiet.eventsUntil(15_000)).filter((t) => whales.has(t.wallet))).toEqual([]);
    expect(() => sim(1, { whaleRoundIntervalMs: 500 })).toThrow(RangeError);
  });

  it('has organic volume spikes: 20+ buys from 20+ unique wallets on one token within 10 s', () => {
    const buysByMint = new Map<string, TradeEvent[]>();
    for (const t of trades(events)) if (t.side === 'buy') buysByMint.set(t.mint, [...(buysByMint.get(t.mint) ?? []), t]);
    let spikes = 0;
    for (const buys of buysByMint.values()) {
      for (let i = 0, j = 0; j < buys.length; j++) {
        while (buys[j]!.at - buys[i]!.at > 10_000) i++;
        const wallets = new Set(buys.slice(i, j + 1).map((b) => b.wallet));
        if (wallets.size >= 20) {
          spikes++;
          break;
        }
      }
    }
    expect(spikes).toBeGreaterThan(10);
  });

  it('publishes a trending list within the first minute in every seed', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const first = sim(seed).eventsUntil(60_000).find((e) => e.kind === 'trending');
      expect(first, `seed ${seed}`).toBeDefined();
    }
  });

  it('publishes ranked trending lists computed from the market', () => {
    const trending = events.filter((e) => e.kind === 'trending');
    expect(trending.length).toBeGreaterThan(100);
    const first = trending.filter((e) => e.at === trending[0]!.at);
    expect(first.map((e) => e.kind === 'trending' && e.rank)).toEqual(first.map((_, i) => i + 1));
    for (const e of trending) {
      if (e.kind !== 'trending') continue;
      expect(e.source).toBe('sim');
      expect(e.volume5mUsd).toBeGreaterThanOrEqual(simulator.options.trendingMinVolumeUsd);
      expect(e.marketCapUsd).toBeGreaterThan(27 * 150);
    }
  });

  it('has rugs: the creator dumps and the market cap collapses below half its peak', () => {
    const creatorOf = new Map(launches(events).map((e) => [e.mint, e.kind === 'launch' ? e.creator : '']));
    const peak = new Map<string, number>();
    const low = new Map<string, number>();
    const dumped = new Set<string>();
    for (const t of trades(events)) {
      if (t.side === 'sell' && t.wallet === creatorOf.get(t.mint)) dumped.add(t.mint);
      const cap = t.marketCapSol ?? 0;
      if (!dumped.has(t.mint)) peak.set(t.mint, Math.max(peak.get(t.mint) ?? 0, cap));
      else low.set(t.mint, Math.min(low.get(t.mint) ?? Infinity, cap));
    }
    const collapsed = [...dumped].filter((m) => (low.get(m) ?? Infinity) < 0.5 * (peak.get(m) ?? 0));
    expect(dumped.size).toBeGreaterThan(50);
    expect(collapsed.length).toBeGreaterThan(dumped.size / 2);
  });

  it('migrates tokens whose curve completes, and trades them no more on the curve', () => {
    const migrated = events.filter((e) => e.kind === 'migration');
    expect(migrated.length).toBeGreaterThan(10);
    const migratedAt = new Map(migrated.map((m) => [m.mint, m.at]));
    const afterMigration = trades(events).filter((t) => t.at > (migratedAt.get(t.mint) ?? Infinity));
    expect(afterMigration).toEqual([]);
    for (const mint of migratedAt.keys()) expect(simulator.quoteBuy(mint, 1)).toBeUndefined();
  });

  it('moves prices with trades: every buy raises the market cap, every sell lowers it', () => {
    const lastCap = new Map(launches(events).map((e) => [e.mint, e.kind === 'launch' ? e.marketCapSol ?? 0 : 0]));
    const wrongWay = trades(events).filter((t) => {
      const before = lastCap.get(t.mint)!;
      lastCap.set(t.mint, t.marketCapSol!);
      return t.side === 'buy' ? !(t.marketCapSol! > before) : !(t.marketCapSol! < before);
    });
    expect(wrongWay).toEqual([]);
  });
});

describe('MarketSimulator quotes', () => {
  it('quotes against the curve as of the last event handed out', () => {
    const s = sim(8);
    const first = s.next();
    if (first.kind !== 'launch') throw new Error('first event must be a launch');
    const quote = s.quoteBuy(first.mint, 0.5)!;
    expect(quote.tokens).toBeGreaterThan(0);
    expect(quote.priceSol).toBeCloseTo(0.5 / quote.tokens, 18);
    expect(s.curve(first.mint)!.vSol).toBe(first.vSol);
    // Quoting twice gives the same answer: a quote is not a fill.
    expect(s.quoteBuy(first.mint, 0.5)).toEqual(quote);
    const sell = s.quoteSell(first.mint, quote.tokens / 2)!;
    expect(sell.solAmount).toBeLessThan(0.25);
    // After the next trade on this mint the quote follows the new price.
    let trade: TradeEvent | undefined;
    while (!trade) {
      const e = s.next();
      if (e.kind === 'trade' && e.mint === first.mint && e.side === 'buy') trade = e;
    }
    expect(s.quoteBuy(first.mint, 0.5)!.tokens).toBeLessThan(quote.tokens);
    expect(s.quoteBuy('11111111111111111111111111111111', 1)).toBeUndefined();
  });
});

describe('MarketSimulator on a clock', () => {
  it('emits with a ManualClock exactly the pull-API sequence, each at its time', () => {
    const clock = new ManualClock(startAt);
    const timed = new MarketSimulator({ seed: 33, clock });
    const emitted: FeedEvent[] = [];
    const late: FeedEvent[] = [];
    timed.start((e) => {
      if (e.at !== clock.now()) late.push(e);
      emitted.push(e);
    });
    for (let i = 0; i < 120; i++) clock.advance(1_000);
    timed.stop();
    expect(late).toEqual([]);
    const pulled = new MarketSimulator({ seed: 33, startAt }).eventsUntil(120_000);
    expect(emitted.length).toBeGreaterThan(1_000);
    expect(text(emitted)).toEqual(text(pulled));
  });

  it('stops emitting after stop(), also when stopped from inside emit', () => {
    const clock = new ManualClock(startAt);
    const timed = new MarketSimulator({ seed: 34, clock });
    let count = 0;
    timed.start(() => {
      count++;
      if (count === 50) timed.stop();
    });
    clock.advance(600_000);
    expect(count).toBe(50);
    expect(timed.running).toBe(false);
  });

  it('resumes where it stopped when started again', () => {
    const clock = new ManualClock(startAt);
    const timed = new MarketSimulator({ seed: 35, clock });
    const emitted: FeedEvent[] = [];
    timed.start((e) => emitted.push(e));
    clock.advance(30_000);
    timed.stop();
    clock.advance(10_000);
    timed.start((e) => emitted.push(e));
    clock.advance(20_000);
    timed.stop();
    expect(text(emitted)).toEqual(text(new MarketSimulator({ seed: 35, startAt }).eventsUntil(60_000)));
  });
});
