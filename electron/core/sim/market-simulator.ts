import type { FeedEvent } from '../../../shared/feed-events.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { CurveSnapshot } from './bonding-curve.js';
import { launchIdentity, type LaunchIdentity } from './launch-identity.js';
import { MarketModel } from './market-model.js';
import { resolveSimOptions, type MarketSimulatorOptions, type ResolvedSimOptions } from './sim-options.js';

export type { MarketSimulatorOptions } from './sim-options.js';

/** A fill a paper trader can take against the current curve. */
export interface SimQuote {
  /** Buy: SOL spent, fee included (less than asked when the buy completes the curve). Sell: SOL received. */
  solAmount: number;
  tokens: number;
  /** Average price of the fill in SOL per token, fee included. */
  priceSol: number;
}

/** Events handed out per timer tick at most, so a long backlog cannot starve the event loop. */
const maxEventsPerTick = 5_000;

/**
 * A deterministic, seeded launchpad market: launches, bonding-curve trades, whales, volume
 * spikes, trending lists, rugs and migrations, all a pure function of the seed.
 *
 * Two ways to read it, which yield the same sequence: pull (`next`, `eventsUntil`, `take`,
 * iteration) for tests and benchmarks, or `start(emit)` to emit each event when the clock
 * reaches its time. Quotes read the curve as of the last event handed out.
 */
export class MarketSimulator implements Iterable<FeedEvent> {
  readonly options: ResolvedSimOptions;
  private readonly clock: Clock;
  private readonly model: MarketModel;
  private outboxHead = 0;
  private timer: unknown;
  private emit: ((event: FeedEvent) => void) | undefined;

  constructor(options: MarketSimulatorOptions) {
    this.clock = options.clock ?? systemClock;
    this.options = resolveSimOptions(options, options.startAt ?? this.clock.now());
    this.model = new MarketModel(this.options);
  }

  get startAt(): number {
    return this.options.startAt;
  }

  /** Wall time of launch k (offset k / launchesPerSecond seconds, floored to the ms). */
  launchAt(k: number): number {
    return this.model.launchAt(k);
  }

  /** Mint, creator, platform, name and symbol of launch k: depend on (seed, k) only. */
  launchIdentity(k: number): LaunchIdentity {
    return launchIdentity(this.options.seed, k, this.options.bonkShare);
  }

  whaleWallets(): string[] {
    return [...this.model.whales];
  }

  /** The next event; the market never ends. */
  next(): FeedEvent {
    return this.nextDue(Infinity) as FeedEvent;
  }

  /** Time of the next event, without running anything. */
  nextAt(): number {
    const pending = this.model.outbox[this.outboxHead];
    return pending ? pending.at : this.model.nextActionAt();
  }

  /** Every event not yet handed out with `at <= startAt + offsetMs`, in order. */
  eventsUntil(offsetMs: number): FeedEvent[] {
    const out: FeedEvent[] = [];
    this.drain(this.startAt + offsetMs, Infinity, (e) => out.push(e));
    return out;
  }

  take(count: number): FeedEvent[] {
    const out: FeedEvent[] = [];
    for (let i = 0; i < count; i++) out.push(this.next());
    return out;
  }

  *[Symbol.iterator](): Iterator<FeedEvent> {
    for (;;) yield this.next();
  }

  /** Emits each event when the clock reaches its `at`; events already due are emitted at once. */
  start(emit: (event: FeedEvent) => void): void {
    if (this.emit) throw new Error('market simulator already started');
    this.emit = emit;
    this.schedule();
  }

  stop(): void {
    this.emit = undefined;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.emit !== undefined;
  }

  quoteBuy(mint: string, solAmount: number): SimQuote | undefined {
    return toQuote(this.model.curveOf(mint)?.quoteBuy(solAmount));
  }

  quoteSell(mint: string, tokens: number): SimQuote | undefined {
    return toQuote(this.model.curveOf(mint)?.quoteSell(tokens));
  }

  /** Reserves, price and market cap of a mint's curve, or undefined if unknown/forgotten. */
  curve(mint: string): CurveSnapshot | undefined {
    return this.model.curveOf(mint)?.snapshot();
  }

  private drain(limitAt: number, max: number, sink: (event: FeedEvent) => void): void {
    for (let emitted = 0; emitted < max; emitted++) {
      const event = this.nextDue(limitAt);
      if (!event) return;
      sink(event);
    }
  }

  /**
   * The next event if it is due by `limitAt`. Runs only actions due by then, even when one
   * of them produces nothing, so the market state is never ahead of the clock.
   */
  private nextDue(limitAt: number): FeedEvent | undefined {
    const outbox = this.model.outbox;
    while (this.outboxHead >= outbox.length) {
      outbox.length = 0;
      this.outboxHead = 0;
      if (this.model.nextActionAt() > limitAt) return undefined;
      this.model.runNextAction();
    }
    const event = outbox[this.outboxHead] as FeedEvent;
    if (event.at > limitAt) return undefined;
    this.outboxHead++;
    return event;
  }

  private schedule(): void {
    if (!this.emit) return;
    const delay = Math.max(0, this.nextAt() - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.tick(), delay);
  }

  private tick(): void {
    this.timer = undefined;
    const emit = this.emit;
    if (!emit) return;
    for (let emitted = 0; emitted < maxEventsPerTick && this.emit === emit; emitted++) {
      const event = this.nextDue(this.clock.now());
      if (!event) break;
      // `emit` may call stop(); the loop condition honours that before the next event.
      emit(event);
    }
    if (this.emit === emit && this.timer === undefined) this.schedule();
  }
}

function toQuote(fill: SimQuote | undefined): SimQuote | undefined {
  return fill ? { solAmount: fill.solAmount, tokens: fill.tokens, priceSol: fill.priceSol } : undefined;
}
