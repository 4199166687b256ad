import { createWriteStream, type WriteStream } from 'node:fs';
import type { FeedEvent } from '../../../shared/feed-events.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { Feed, FeedCounters } from './feed.js';
import { encodeTapeHeader, encodeTapeLine } from './tape-format.js';

export interface TapeRecorderOptions {
  /** The feed to record; its events pass through unchanged. */
  inner: Feed;
  /** The tape file; created, or truncated if it exists. */
  path: string;
  clock?: Clock;
}

/**
 * Records any feed to a tape while passing its events on. Transparent to the engine: same
 * name, same counters (plus a write error, if the disk fails). A failing disk stops the
 * recording, never the feed.
 */
export class TapeRecorder implements Feed {
  readonly name: string;
  private readonly inner: Feed;
  private readonly clock: Clock;
  private stream: WriteStream | undefined;
  private startedAt = 0;
  private writeError: string | undefined;
  private lines = 0;

  constructor(private readonly options: TapeRecorderOptions) {
    this.inner = options.inner;
    this.name = options.inner.name;
    this.clock = options.clock ?? systemClock;
  }

  /** Events written to the tape so far. */
  recorded(): number {
    return this.lines;
  }

  async start(emit: (event: FeedEvent) => void): Promise<void> {
    if (this.stream) return;
    const stream = await openForWriting(this.options.path);
    stream.on('error', (err) => {
      this.writeError = `tape ${this.options.path}: ${err.message}`;
    });
    this.stream = stream;
    this.startedAt = this.clock.now();
    stream.write(encodeTapeHeader({ tape: 1, feed: this.inner.name, startedAt: this.startedAt }));
    try {
      await this.inner.start((event) => {
        this.record(event);
        emit(event);
      });
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.inner.stop();
    await this.close();
  }

  counters(): FeedCounters {
    const counters = this.inner.counters();
    return this.writeError !== undefined ? { ...counters, lastError: this.writeError } : counters;
  }

  private record(event: FeedEvent): void {
    const stream = this.stream;
    if (!stream || stream.destroyed || this.writeError !== undefined) return;
    // Tens of events a second: the stream's buffer absorbs a slow disk without backpressure.
    stream.write(encodeTapeLine(this.clock.now() - this.startedAt, event));
    this.lines++;
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

function openForWriting(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(path, { flags: 'w' });
    stream.once('open', () => resolve(stream));
    stream.once('error', (err) => reject(new Error(`cannot write tape ${path}: ${err.message}`)));
  });
}
