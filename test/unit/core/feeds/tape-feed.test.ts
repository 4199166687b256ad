import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../../shared/feed-events.js';
import { TapeFeed } from '../../../../electron/core/feeds/tape-feed.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { recordSimTape, TAPE_START_AT } from '../../../support/feeds/record-sim-tape.js';

const startAt = TAPE_START_AT;
const text = (events: FeedEvent[]) => events.map((e) => JSON.stringify(e));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tape-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Records `seconds` of the seeded simulator to a tape; returns what the engine saw. */
async function recordSim(path: string, seconds: number): Promise<FeedEvent[]> {
  const { seen, recorder } = await recordSimTape(path, seconds);
  expect(recorder.recorded()).toBe(seen.length);
  return seen;
}

async function replayFast(path: string, yieldEvery?: number): Promise<{ feed: TapeFeed; events: FeedEvent[] }> {
  const feed = new TapeFeed({ path, speed: 'fast', yieldEvery });
  const events: FeedEvent[] = [];
  await feed.start((e) => events.push(e));
  await feed.done();
  return { feed, events };
}

describe('TapeRecorder + TapeFeed', () => {
  it('replays fast: the identical event sequence, in order', async () => {
    const path = join(dir, 'sim.jsonl');
    const seen = await recordSim(path, 60);
    const { feed, events } = await replayFast(path);
    expect(seen.length).toBeGreaterThan(500);
    expect(text(events)).toEqual(text(seen));
    expect(feed.counters()).toEqual({ name: 'tape', connected: false, received: seen.length, dropped: 0 });
    expect(feed.header()).toEqual({ tape: 1, feed: 'sim', startedAt: startAt });
  });

  it('replays at recorded speed: same sequence, each event at its recorded offset', async () => {
    const path = join(dir, 'sim.jsonl');
    const seen = await recordSim(path, 30);
    const clock = new ManualClock(5_000);
    const feed = new TapeFeed({ path, speed: 'recorded', clock });
    const events: FeedEvent[] = [];
    const offsets: number[] = [];
    await feed.start((e) => {
      events.push(e);
      offsets.push(clock.now() - 5_000);
    });
    let finished = false;
    void feed.done().then(() => (finished = true));
    for (let i = 0; i < 10_000 && !finished; i++) {
      await new Promise((r) => setImmediate(r));
      if (events.length > 0 && !finished) clock.advance(100);
    }
    expect(finished).toBe(true);
    expect(text(events)).toEqual(text(seen));
    // Each event is emitted no earlier than its offset and less than one clock step after it.
    const wrong = seen.filter((e, i) => offsets[i]! < e.at - startAt || offsets[i]! >= e.at - startAt + 100);
    expect(wrong).toEqual([]);
  });

  it('does not emit an event before its recorded offset', async () => {
    const path = join(dir, 'sim.jsonl');
    await recordSim(path, 10);
    const clock = new ManualClock(0);
    const feed = new TapeFeed({ path, speed: 'recorded', clock });
    const events: FeedEvent[] = [];
    await feed.start((e) => events.push(e));
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    // Offset 0 (launch 0) is due at once; launch 1 at 1 s is not.
    expect(events.map((e) => e.at - startAt)).toEqual([0]);
    clock.advance(1_000);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(events.every((e) => e.at - startAt <= 1_000)).toBe(true);
    expect(events.length).toBeGreaterThan(1);
    await feed.stop();
    const count = events.length;
    clock.advance(60_000);
    expect(events).toHaveLength(count);
  });

  it('retime shifts every event by the gap between recording and replay', async () => {
    const path = join(dir, 'sim.jsonl');
    const seen = await recordSim(path, 5);
    const clock = new ManualClock(startAt + 3_600_000);
    const feed = new TapeFeed({ path, speed: 'fast', clock, retime: true });
    const events: FeedEvent[] = [];
    await feed.start((e) => events.push(e));
    await feed.done();
    expect(events.map((e) => e.at)).toEqual(seen.map((e) => e.at + 3_600_000));
  });

  it('yields to the event loop during a fast replay', async () => {
    const path = join(dir, 'sim.jsonl');
    const seen = await recordSim(path, 60);
    const feed = new TapeFeed({ path, speed: 'fast', yieldEvery: 50 });
    let emitted = 0;
    let seenByOtherTask = -1;
    await feed.start(() => emitted++);
    setImmediate(() => (seenByOtherTask = emitted));
    await feed.done();
    expect(emitted).toBe(seen.length);
    expect(seenByOtherTask).toBeGreaterThanOrEqual(0);
    expect(seenByOtherTask).toBeLessThan(seen.length);
  });

  it('drops and counts corrupt lines, and replays the rest in order', async () => {
    const path = join(dir, 'sim.jsonl');
    const seen = await recordSim(path, 5);
    const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
    const corrupt = [
      '{"t": 1, "e": {"kind": "launch"',
      'not json at all',
      JSON.stringify({ t: 2, e: { ...seen[0], mint: 'not-a-mint' } }),
      JSON.stringify({ t: -5, e: seen[0] }),
      JSON.stringify({ t: 3, e: { kind: 'mystery', at: 1 } }),
      '',
      'x'.repeat(300_000),
    ];
    writeFileSync(path, [header, corrupt[0], ...lines.slice(0, 3), ...corrupt.slice(1), ...lines.slice(3)].join('\n') + '\n');
    const { feed, events } = await replayFast(path);
    expect(text(events)).toEqual(text(seen));
    expect(feed.counters().dropped).toBe(6);
    expect(feed.counters().received).toBe(seen.length);
    expect(feed.counters().lastError).toBeDefined();
  });

  it('fails start clearly for a missing file, an empty file and a bad header', async () => {
    await expect(new TapeFeed({ path: join(dir, 'nope.jsonl'), speed: 'fast' }).start(() => {})).rejects.toThrow(
      /tape file not found/,
    );
    writeFileSync(join(dir, 'empty.jsonl'), '');
    await expect(new TapeFeed({ path: join(dir, 'empty.jsonl'), speed: 'fast' }).start(() => {})).rejects.toThrow(/not a tape/);
    writeFileSync(join(dir, 'bad.jsonl'), '{"tape":2,"feed":"sim","startedAt":1}\n');
    const bad = new TapeFeed({ path: join(dir, 'bad.jsonl'), speed: 'fast' });
    await expect(bad.start(() => {})).rejects.toThrow(/not a tape/);
    expect(bad.counters().lastError).toMatch(/not a tape/);
  });

});
