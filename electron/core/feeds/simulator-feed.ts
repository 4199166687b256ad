import type { FeedEvent } from '../../../shared/feed-events.js';
import type { MarketSimulator } from '../sim/market-simulator.js';
import type { Feed, FeedCounters } from './feed.js';

/**
 * The embedded default feed: the seeded market simulator, emitting on its clock. It takes
 * the simulator rather than building one, so the paper trader can quote against the very
 * same curves the modules see.
 */
export class SimulatorFeed implements Feed {
  readonly name = 'sim';
  private received = 0;
  private lastError: string | undefined;

  constructor(private readonly simulator: MarketSimulator) {}

  async start(emit: (event: FeedEvent) => void): Promise<void> {
    if (this.simulator.running) return;
    this.simulator.start((event) => {
      this.received++;
      // The engine's handler failing must not kill the simulator's timer loop.
      try {
        emit(event);
      } catch (err) {
        this.lastError = `event handler failed: ${err instanceof Error ? err.message : String(err)}`;
      }
    });
  }

  async stop(): Promise<void> {
    this.simulator.stop();
  }

  counters(): FeedCounters {
    const counters: FeedCounters = { name: this.name, connected: this.simulator.running, received: this.received, dropped: 0 };
    if (this.lastError !== undefined) counters.lastError = this.lastError;
    return counters;
  }
}
