import { createWriteStream, type WriteStream } from 'node:fs';
import type { FeedEvent } from '../../../shared/feed-events.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { Feed, FeedCounters } from './feed.js';
import { encodeTapeHeader, encodeTapeLine } from './tape-format.js';

/**
 * One tape file that several feeds record into (the main feed and the trending pollers),
 * so a replay has every signal of the session. The file is opened when the first recorded
 * feed starts and closed when the last one stops; its header names all of them ("sim+
 * dexscreener"). Lines are written in the order the events reach the engine, which is the
 * order a replay emits them in.
 */
export class TapeWriter {
  private readonly names: string[] = [];
  private readonly clock: Clock;
  private stream: WriteStream | undefined;
  private opening: Promise<void> | undefined;
  private users = 0;
  private startedAt = 0;
  private lines = 0;
  /** Set when the disk failed: recording stops, the feeds go on. */
  writeError: string | undefined;

  constructor(
    private readonly path: string,
    clock?: Clock,
  ) {
    this.clock = clock ?? systemClock;
  }

  /** `feed`, recorded to this tape while it passes its events on. Call before any feed starts. */
  record(feed: Feed): RecordedFeed {
    this.names.push(feed.name);
    return new RecordedFeed(feed, this);
  }

  /** Events written so far. */
  recorded(): number {
    return this.lines;
  }

  /** Opens the file on the first call (writing the header); every call must be paired with `release`. */
  async acquire(): Promise<void> {
    this.users++;
    this.opening ??= this.open();
    try {
      await this.opening;
    } catch (err) {
      this.users--;
      this.opening = undefined;
      throw err;
    }
  }

  async release(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0) return;
    this.opening = undefined;
    await this.close();
  }

  write(event: FeedEvent): void {
    const stream = this.stream;
    if (!stream || stream.destroyed || this.writeError !== undefined) return;
    // Tens of events a second: the stream's buffer absorbs a slow disk without backpressure.
    stream.write(encodeTapeLine(this.clock.now() - this.startedAt, event));
    this.lines++;
  }

  private async open(): Promise<void> {
    const stream = await openForWriting(this.path);
    stream.on('error', (err) => {
      this.writeError = `tape ${this.path}: ${err.message}`;
    });
    this.stream = stream;
    this.startedAt = this.clock.now();
    stream.write(encodeTapeHeader({ tape: 1, feed: this.names.join('+') || 'none', startedAt: this.startedAt }));
  }

  /** Flushes everything written so far to the file, then closes it. */
  private async close(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    if (!stream || stream.destroyed) return;
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      stream.end();
    });
  }
}

/**
 * A feed recorded to a tape while passing its events on. Transparent to the engine: same
 * name, same counters (plus a write error, if the disk fails). A failing disk stops the
 * recording, never the feed.
 */
export class RecordedFeed implements Feed {
  readonly name: string;
  private started = false;

  constructor(
    readonly inner: Feed,
    private readonly writer: TapeWriter,
  ) {
    this.name = inner.name;
  }

  async start(emit: (event: FeedEvent) => void): Promise<void> {
    if (this.started) return;
    await this.writer.acquire();
    this.started = true;
    try {
      await this.inner.start((event) => {
        this.writer.write(event);
        emit(event);
      });
    } catch (err) {
      this.started = false;
      await this.writer.release();
      throw err;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.inner.stop();
    } finally {
      // What was recorded is flushed even when the feed fails to stop cleanly.
      if (this.started) {
        this.started = false;
        await this.writer.release();
      }
    }
  }

  counters(): FeedCounters {
    const counters = this.inner.counters();
    const error = this.writer.writeError;
    return error !== undefined ? { ...counters, lastError: error } : counters;
  }
}

export interface TapeRecorderOptions {
  /** The feed to record; its events pass through unchanged. */
  inner: Feed;
  /** The tape file; created, or truncated if it exists. */
  path: string;
  clock?: Clock;
}

/** One feed recorded to a tape of its own. */
export class TapeRecorder extends RecordedFeed {
  private readonly tape: TapeWriter;

  constructor(options: TapeRecorderOptions) {
    const tape = new TapeWriter(options.path, options.clock);
    tape.record(options.inner);
    super(options.inner, tape);
    this.tape = tape;
  }

  /** Events written to the tape so far. */
  recorded(): number {
    return this.tape.recorded();
  }
}

function openForWriting(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(path, { flags: 'w' });
    stream.once('open', () => resolve(stream));
    stream.once('error', (err) => reject(new Error(`cannot write tape ${path}: ${err.message}`)));
  });
}
