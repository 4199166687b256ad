import type { Feed } from '../feeds/feed.js';
import { PumpPortalFeed } from '../feeds/pumpportal-feed.js';
import { RpcLogsFeed } from '../feeds/rpc-logs-feed.js';
import { SimulatorFeed } from '../feeds/simulator-feed.js';
import { TapeFeed } from '../feeds/tape-feed.js';
import { TapeWriter } from '../feeds/tape-recorder.js';
import { MarketSimulator } from '../sim/market-simulator.js';
import type { Clock } from '../time/clock.js';
import type { Rng } from '../time/rng.js';
import { describeFeed } from './describe-feed.js';
import { EventTimeClock } from './event-time-clock.js';
import type { FeedAlerts } from './feed-alerts.js';
import { LiveCurveBook } from './live-curve-book.js';
import { ObservedFeed } from './observed-feed.js';
import type { FeedChoice } from './run-options.js';

export interface FeedDeps {
  clock: Clock;
  /** Reconnect jitter only; nothing a replay depends on. */
  rng: Rng;
  alerts: FeedAlerts;
}

export interface BuiltFeed {
  /** What the engine runs: the chosen feed, recorded if asked, observed by the curve book. */
  feed: Feed;
  /** Set on the sim feed: quotes, whale wallets. */
  simulator?: MarketSimulator;
  /** Set on the PumpPortal feed: watched wallets are subscribed through it. */
  pumpPortal?: PumpPortalFeed;
  /** Set on the tape feed: `done()` resolves when the replay is through. */
  tape?: TapeFeed;
  /**
   * Latest market per mint from the live feeds and the trending pollers. On the simulator
   * it prices only what the pollers saw: the simulator quotes its own tokens.
   */
  curveBook?: LiveCurveBook;
  /** Set with `--record`: the tape the main feed, and the pollers through `attachPollers`, record to. */
  recording?: TapeWriter;
  /** Tokens a paper buy of `sol` gets now; undefined = no market for the mint. */
  quote: (mint: string, sol: number) => number | undefined;
  /** SOL a paper sell of `tokens` gets now, from the same source as `quote`; undefined = no market. */
  quoteSell: (mint: string, tokens: number) => number | undefined;
  /** Set on a fast tape replay: the engine's clock, following the tape's event times. */
  eventClock?: EventTimeClock;
  /** Lines for the startup output: what this feed gives and lacks. */
  notes: string[];
}

/** Builds the main market feed of a run from its choice, with `--record` applied. */
export function buildMainFeed(choice: FeedChoice, deps: FeedDeps, record?: string): BuiltFeed {
  const built = buildChoice(choice, deps);
  let feed = built.feed;
  let recording: TapeWriter | undefined;
  if (record !== undefined) {
    recording = new TapeWriter(record, deps.clock);
    feed = recording.record(feed);
    built.notes.push(`recording ${describeFeed(choice)} to tape ${record}`);
  }
  const { curveBook, eventClock } = built;
  // The simulator's own events carry no price the book needs: its quotes come from its curves.
  if ((curveBook && !built.simulator) || eventClock) {
    feed = new ObservedFeed(feed, (event) => {
      eventClock?.observe(event);
      if (!built.simulator) curveBook?.observe(event);
    });
  }
  return { ...built, feed, ...(recording ? { recording } : {}) };
}

/**
 * The trending pollers as the engine runs them: observed by the main feed's curve book, so
 * a trending token has a paper price (what the poller saw: DexScreener's SOL price and
 * pool, pump.fun's curve), and recorded to the main feed's tape, so a replay has its
 * trending signals. Adds a startup note when the pollers are recorded.
 */
export function attachPollers(pollers: Feed[], main: BuiltFeed): Feed[] {
  const { curveBook, recording } = main;
  if (recording && pollers.length > 0) main.notes.push(`recording the trending pollers (${pollers.map((p) => p.name).join(', ')}) to the same tape`);
  return pollers.map((poller) => {
    const recorded = recording ? recording.record(poller) : poller;
    return curveBook ? new ObservedFeed(recorded, (event) => curveBook.observe(event)) : recorded;
  });
}

function buildChoice(choice: FeedChoice, deps: FeedDeps): BuiltFeed {
  const { clock, rng, alerts } = deps;
  switch (choice.kind) {
    case 'sim': {
      const simulator = new MarketSimulator({
        seed: choice.seed,
        launchesPerSecond: choice.launchesPerSecond,
        ...(choice.startAt !== undefined ? { startAt: choice.startAt } : {}),
        clock,
      });
      // The paper trader fills against the very curves the modules see; a token only a
      // trending poller saw is priced from what the poller saw.
      const curveBook = new LiveCurveBook();
      return {
        feed: new SimulatorFeed(simulator),
        simulator,
        curveBook,
        quote: (mint, sol) => simulator.quoteBuy(mint, sol)?.tokens ?? curveBook.quoteBuy(mint, sol),
        quoteSell: (mint, tokens) => simulator.quoteSell(mint, tokens)?.solAmount ?? simulatedPoolSell(simulator, mint, tokens) ?? curveBook.quoteSell(mint, tokens),
        notes: [],
      };
    }
    case 'pumpportal': {
      const pumpPortal = new PumpPortalFeed({
        clock,
        rng: rng.fork('pumpportal'),
        url: choice.url,
        ...(choice.apiKey ? { apiKey: choice.apiKey } : {}),
        alert: alerts.for('pumpportal'),
      });
      const notes = choice.apiKey
        ? ['PumpPortal API key: from PUMPPORTAL_API_KEY (not shown)']
        : [
            'no PUMPPORTAL_API_KEY: PumpPortal serves launches and migrations only; whale-copy and volume need trades ' +
              '(set the key, or use --feed rpc, which sees every trade without one)',
          ];
      return { ...withCurveBook(pumpPortal), pumpPortal, notes };
    }
    case 'rpc':
      return {
        ...withCurveBook(
          new RpcLogsFeed({
            clock,
            rng: rng.fork('rpc'),
            rpcUrl: choice.rpcUrl,
            ...(choice.wsUrl ? { wsUrl: choice.wsUrl } : {}),
            alert: alerts.for('solana-rpc'),
          }),
        ),
        notes: [],
      };
    case 'tape': {
      const fast = choice.speed === 'fast';
      // At the recorded pace the events are re-timed to look live; a fast replay keeps the
      // tape's times and runs the engine on them instead (see EventTimeClock).
      const tape = new TapeFeed({ path: choice.path, speed: choice.speed, clock, retime: !fast });
      return {
        ...withCurveBook(tape),
        tape,
        ...(fast ? { eventClock: new EventTimeClock(clock) } : {}),
        notes: [
          fast
            ? `replaying tape ${choice.path} as fast as the engine takes it, on the tape's own clock (use a fresh --data-dir)`
            : `replaying tape ${choice.path} at its recorded pace, re-timed to now`,
        ],
      };
    }
    default: {
      const never: never = choice;
      throw new Error(`unknown feed ${JSON.stringify(never)}`);
    }
  }
}

function withCurveBook(feed: Feed): Pick<BuiltFeed, 'feed' | 'curveBook' | 'quote' | 'quoteSell'> {
  const curveBook = new LiveCurveBook();
  return { feed, curveBook, quote: (mint, sol) => curveBook.quoteBuy(mint, sol), quoteSell: (mint, tokens) => curveBook.quoteSell(mint, tokens) };
}

/** PumpSwap's pool fee (0.25 %): what a migrated coin is sold at. */
const POOL_FEE = 0.0025;

/**
 * Where the simulator's curve refuses a paper sell, the market still takes it: a completed
 * (migrated) curve goes on trading in its pool, and paper buys never moved the curve, so a
 * paper position may hold more than the curve sold. Priced constant-product on the curve's
 * reserves as they stand (the pool starts at the curve's last price), with the pool's fee
 * after migration and the curve's (1 %) before.
 */
function simulatedPoolSell(simulator: MarketSimulator, mint: string, tokens: number): number | undefined {
  const curve = simulator.curve(mint);
  if (!curve || !(tokens > 0) || !(curve.vSol > 0) || !(curve.vTokens > 0)) return undefined;
  const gross = (curve.vSol * tokens) / (curve.vTokens + tokens);
  return gross * (1 - (curve.complete ? POOL_FEE : 0.01));
}

/** Makes the PumpPortal feed watch exactly `wallets`: subscribes the new, unsubscribes the dropped. */
export function syncWatchedAccounts(pumpPortal: PumpPortalFeed, wallets: readonly string[]): void {
  const wanted = new Set(wallets);
  pumpPortal.removeAccounts(pumpPortal.watchedAccounts().filter((w) => !wanted.has(w)));
  pumpPortal.addAccounts([...wanted]);
}
