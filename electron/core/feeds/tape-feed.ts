import { open, type FileHandle } from 'node:fs/promises';
import type { Interface as LineReader } from 'node:readline';
import type { FeedEvent } from '../../../shared/feed-events.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { Feed, FeedCounters } from './feed.js';
import { parseTapeHeader, parseTapeLine, type TapeHeader } from './tape-format.js';

export interface TapeFeedOptions {
  path: string;
  /** 'recorded': each event at its recorded offset from start(), on the clock. 'fast': all at once, in order. */
  speed: 'recorded' | 'fast';
  clock?: Clock;
  /** Feed name in the engine's status. Default 'tape'. */
  name?: string;
  /** Events between two yields to the event loop, so the engine keeps up. Default 256. */
  yieldEvery?: number;
  /** Shift every event's `at` by (replay start - recording start), so old tapes look live. Default false. */
  retime?: boolean;
}

/**
 * Replays a tape file deterministically: events come out in file order, every time. A line
 * that is not valid JSON or not a valid event is dropped and counted; only a missing file
 * or a file that is not a tape at all fails `start`.
 */
export class TapeFeed implements Feed {
  readonly name: string;
  private readonly clock: Clock;
  private readonly yieldEvery: number;
  private received = 0;
  private dropped = 0;
  private connected = false;
  private lastError: string | undefined;
  private stopped = false;
  private tapeHeader: TapeHeader | undefined;
  private handle: FileHandle | undefined;
  private reader: LineReader | undefined;
  private replay: Promise<void> = Promise.resolve();
  private timer: unknown;
  private wake: (() => void) | undefined;

  constructor(private readonly options: TapeFeedOptions) {
    this.name = options.name ?? 'tape';
    this.clock = options.clock ?? systemClock;
    this.yieldEvery = Math.max(1, options.yieldEvery ?? 256);
  }

  /** The tape's header, once `start` has read it. */
  header(): TapeHeader | undefined {
    return this.tapeHeader;
  }

  /** Resolves when every event has been emitted, or the replay was stopped. */
  done(): Promise<void> {
    return this.replay;
  }

  async start(emit: (event: FeedEvent) => void): Promise<void> {
    if (this.handle) return;
    const path = this.options.path;
    try {
      this.handle = await open(path, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw this.fail(code === 'ENOENT' ? `tape file not found: ${path}` : `cannot read tape ${path}: ${String(err)}`);
    }
    this.reader = this.handle.readLines();
    const lines = this.reader[Symbol.asyncIterator]();
    const first = await lines.next();
    const header = parseTapeHeader(first.done ? undefined : first.value);
    if (!header) {
      await this.close();
      throw this.fail(`not a tape: the first line of ${path} must be {"tape":1,"feed":"<name>","startedAt":<ms>}`);
    }
    this.tapeHeader = header;
    this.stopped = false;
    this.connected = true;
    this.replay = this.run(lines, header, emit).finally(() => this.close());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.wake?.();
    await this.replay;
    await this.close();
  }

  counters(): FeedCounters {
    const counters: FeedCounters = { name: this.name, connected: this.connected, received: this.received, dropped: this.dropped };
    if (this.lastError !== undefined) counters.lastError = this.lastError;
    return counters;
  }

  private async run(lines: AsyncIterator<string>, header: TapeHeader, emit: (event: FeedEvent) => void): Promise<void> {
    const replayStart = this.clock.now();
    const shift = this.options.retime ? replayStart - header.startedAt : 0;
    let sinceYield = 0;
    try {
      for (let next = await lines.next(); !next.done && !this.stopped; next = await lines.next()) {
        if (next.value.trim() === '') continue;
        const parsed = parseTapeLine(next.value);
        if (!parsed.ok) {
          this.dropped++;
          this.lastError = parsed.reason;
          continue;
        }
        const { t, e } = parsed.line;
        if (this.options.speed === 'recorded') {
          const wait = replayStart + t - this.clock.now();
          if (wait > 0) await this.sleep(wait);
          if (this.stopped) break;
        }
        this.received++;
        try {
          emit(shift === 0 ? e : { ...e, at: Math.max(0, e.at + shift) });
        } catch (err) {
          this.lastError = `event handler failed: ${err instanceof Error ? err.message : String(err)}`;
        }
        // Reading lines resolves on microtasks: without a real yield a fast replay would
        // hold the event loop until the whole tape is through.
        if (++sinceYield >= this.yieldEvery) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    } catch (err) {
      this.lastError = `tape ${this.options.path}: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.connected = false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        resolve();
      }, ms);
    });
  }

  private fail(message: string): Error {
    this.lastError = message;
    return new Error(message);
  }

  private async close(): Promise<void> {
    const reader = this.reader;
    const handle = this.handle;
    this.reader = undefined;
    this.handle = undefined;
    reader?.close();
    await handle?.close().catch(() => undefined);
  }
}
