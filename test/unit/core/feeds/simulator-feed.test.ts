import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../../shared/feed-events.js';
import { SimulatorFeed } from '../../../../electron/core/feeds/simulator-feed.js';
import { MarketSimulator } from '../../../../electron/core/sim/market-simulator.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

const startAt = 1_700_000_000_000;

describe('SimulatorFeed', () => {
  it('emits the simulator’s events on its clock and counts them', async () => {
    const clock = new ManualClock(startAt);
    const feed = new SimulatorFeed(new MarketSimulator({ seed: 4, clock }));
    const seen: FeedEvent[] = [];
    expect(feed.counters()).toEqual({ name: 'sim', connected: false, received: 0, dropped: 0 });
    await feed.start((e) => seen.push(e));
    expect(feed.counters().connected).toBe(true);
    clock.advance(30_000);
    await feed.stop();
    clock.advance(30_000);
    const expected = new MarketSimulator({ seed: 4, startAt }).eventsUntil(30_000);
    expect(seen.map((e) => JSON.stringify(e))).toEqual(expected.map((e) => JSON.stringify(e)));
    expect(feed.counters()).toEqual({ name: 'sim', connected: false, received: expected.length, dropped: 0 });
  });

  it('survives a failing event handler and reports it', async () => {
    const clock = new ManualClock(startAt);
    const feed = new SimulatorFeed(new MarketSimulator({ seed: 4, clock }));
    let calls = 0;
    await feed.start(() => {
      calls++;
      throw new Error('engine hiccup');
    });
    clock.advance(10_000);
    await feed.stop();
    expect(calls).toBeGreaterThan(10);
    expect(feed.counters().received).toBe(calls);
    expect(feed.counters().lastError).toMatch(/engine hiccup/);
  });

  it('starting twice does not double the events', async () => {
    const clock = new ManualClock(startAt);
    const feed = new SimulatorFeed(new MarketSimulator({ seed: 4, clock }));
    const seen: FeedEvent[] = [];
    await feed.start((e) => seen.push(e));
    await feed.start((e) => seen.push(e));
    clock.advance(5_000);
    await feed.stop();
    expect(seen).toHaveLength(new MarketSimulator({ seed: 4, startAt }).eventsUntil(5_000).length);
  });
});
