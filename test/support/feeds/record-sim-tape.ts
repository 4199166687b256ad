import type { FeedEvent } from '../../../shared/feed-events.js';
import { SimulatorFeed } from '../../../electron/core/feeds/simulator-feed.js';
import { TapeRecorder } from '../../../electron/core/feeds/tape-recorder.js';
import { MarketSimulator } from '../../../electron/core/sim/market-simulator.js';
import { ManualClock } from '../../../electron/core/time/clock.js';

export const TAPE_START_AT = 1_700_000_000_000;

/** Records `seconds` of the seeded simulator (seed 77) to a tape; returns what the engine saw and the recorder. */
export async function recordSimTape(path: string, seconds: number): Promise<{ seen: FeedEvent[]; recorder: TapeRecorder }> {
  const clock = new ManualClock(TAPE_START_AT);
  const recorder = new TapeRecorder({ inner: new SimulatorFeed(new MarketSimulator({ seed: 77, clock })), path, clock });
  const seen: FeedEvent[] = [];
  await recorder.start((e) => seen.push(e));
  clock.advance(seconds * 1_000);
  await recorder.stop();
  return { seen, recorder };
}
