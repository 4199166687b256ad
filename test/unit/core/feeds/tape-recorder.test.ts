import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../../shared/feed-events.js';
import { SimulatorFeed } from '../../../../electron/core/feeds/simulator-feed.js';
import { TapeRecorder } from '../../../../electron/core/feeds/tape-recorder.js';
import { MarketSimulator } from '../../../../electron/core/sim/market-simulator.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { recordSimTape, TAPE_START_AT } from '../../../support/feeds/record-sim-tape.js';

const startAt = TAPE_START_AT;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tape-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function recordSim(path: string, seconds: number): Promise<FeedEvent[]> {
  const { seen, recorder } = await recordSimTape(path, seconds);
  expect(recorder.name).toBe('sim');
  expect(recorder.recorded()).toBe(seen.length);
  expect(recorder.counters()).toMatchObject({ name: 'sim', connected: false, received: seen.length });
  return seen;
}

describe('TapeRecorder', () => {
  it('writes a header, then one {t, e} line per event', async () => {
    const path = join(dir, 'sim.jsonl');
    const seen = await recordSim(path, 10);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ tape: 1, feed: 'sim', startedAt: startAt });
    expect(lines).toHaveLength(seen.length + 1);
    expect(JSON.parse(lines[1]!)).toEqual({ t: seen[0]!.at - startAt, e: seen[0] });
  });

  it('flushes everything on stop: each line is a recorded event at its clock offset', async () => {
    const path = join(dir, 'sim.jsonl');
    const seen = await recordSim(path, 30);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n').slice(1).map((l) => JSON.parse(l));
    expect(lines).toEqual(seen.map((e) => ({ t: e.at - startAt, e })));
  });

  it('recorder fails start clearly when the tape cannot be written', async () => {
    const inner = new SimulatorFeed(new MarketSimulator({ seed: 1, clock: new ManualClock(startAt) }));
    const recorder = new TapeRecorder({ inner, path: join(dir, 'missing-dir', 'x.jsonl') });
    await expect(recorder.start(() => {})).rejects.toThrow(/cannot write tape/);
    expect(inner.counters().connected).toBe(false);
  });

  it('flushes what was recorded even when the recorded feed fails to stop', async () => {
    const path = join(dir, 'failing.jsonl');
    const event: FeedEvent = { kind: 'migration', at: startAt, mint: 'So11111111111111111111111111111111111111112' };
    const inner = {
      name: 'flaky',
      start: async (emit: (e: FeedEvent) => void) => emit(event),
      stop: async () => {
        throw new Error('socket would not close');
      },
      counters: () => ({ name: 'flaky', connected: false, received: 1, dropped: 0 }),
    };
    const recorder = new TapeRecorder({ inner, path, clock: new ManualClock(startAt) });
    await recorder.start(() => undefined);
    await expect(recorder.stop()).rejects.toThrow(/would not close/);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ tape: 1, feed: 'flaky', startedAt: startAt }, { t: 0, e: event }]);
  });
});
