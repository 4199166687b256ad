import { WebSocket } from 'ws';
import type { Clock } from '../core/time/clock.js';

export interface ClientConnectionOptions {
  /** Calls of this connection in flight, from arrival until the reply is written to the socket. */
  maxPending: number;
  /** Unsent bytes (ws bufferedAmount) past which the client is cut off. */
  maxBuffered: number;
  /** Held at the cap, with replies that do not get out, this long: cut off. */
  stallTimeoutMs: number;
  /** Requests that arrive after reading stopped (ws had already read them) wait up to this many bytes. */
  maxWaitingBytes: number;
  clock: Clock;
  /** Turns one request into its reply; never rejects (see answerWsMessage). */
  answer(text: string | null): Promise<unknown>;
  cutOff(why: string, details: Record<string, unknown>): void;
}

/** Counted per waiting request besides its text, so empty frames cannot queue for free. */
const perRequestOverhead = 64;

/**
 * One WebSocket client's backpressure. A reply counts against the in-flight cap until it
 * is written to the socket, not merely queued; at the cap the host stops reading the
 * socket, so further requests wait in the kernel and then in the client, never in our
 * memory. Replies and event batches obey the same rule: a client with more than
 * `maxBuffered` unsent bytes is cut off, and so is one held at the cap whose replies have
 * not got out for `stallTimeoutMs` (a client that stopped reading but whose replies are
 * too small to reach the byte bound).
 */
export class ClientConnection {
  private inFlight = 0;
  /** Replies handed to ws.send whose write has not completed. */
  private unwritten = 0;
  private readonly waiting: (string | null)[] = [];
  private waitingBytes = 0;
  private stallTimer: unknown = null;
  private gone = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: ClientConnectionOptions,
  ) {
    // binaryType is the default 'nodebuffer': fragments arrive joined into one Buffer.
    ws.on('message', (data, isBinary) => this.receive(isBinary ? null : (data as Buffer).toString('utf8')));
  }

  /** An event batch; dropped with the connection if the client does not keep up. */
  push(text: string): void {
    this.write(text, () => undefined);
  }

  /** The socket closed: nothing more is sent or answered. */
  closed(): void {
    this.gone = true;
    this.clearStallTimer();
    this.waiting.length = 0;
    this.waitingBytes = 0;
  }

  private receive(text: string | null): void {
    if (this.gone) return;
    if (this.inFlight < this.options.maxPending && this.waiting.length === 0) {
      this.handle(text);
      return;
    }
    this.waiting.push(text);
    this.waitingBytes += (text?.length ?? 0) + perRequestOverhead;
    if (this.waitingBytes > this.options.maxWaitingBytes) {
      this.cutOff('sends far more calls than it waits for', { waiting: this.waiting.length });
      return;
    }
    this.hold();
  }

  private handle(text: string | null): void {
    this.inFlight++;
    if (this.inFlight >= this.options.maxPending) this.hold();
    void this.options.answer(text).then(
      (reply) => this.write(JSON.stringify(reply), () => this.settle(), true),
      () => this.settle(),
    );
  }

  private settle(): void {
    this.inFlight--;
    if (this.gone) return;
    while (this.waiting.length > 0 && this.inFlight < this.options.maxPending) {
      const text = this.waiting.shift()!;
      this.waitingBytes -= (text?.length ?? 0) + perRequestOverhead;
      this.handle(text);
    }
    if (this.inFlight < this.options.maxPending) {
      this.clearStallTimer();
      if (this.ws.isPaused) this.ws.resume();
    } else if (this.stallTimer !== null) {
      // A reply got out: the client still reads, however slowly.
      this.clearStallTimer();
      this.armStallTimer();
    }
  }

  /** Stops reading the socket until calls in flight drop below the cap. */
  private hold(): void {
    if (!this.ws.isPaused) this.ws.pause();
    if (this.stallTimer === null) this.armStallTimer();
  }

  private armStallTimer(): void {
    this.stallTimer = this.options.clock.setTimeout(() => {
      this.stallTimer = null;
      if (this.gone) return;
      // Held only because handlers are slow (nothing waits to be written): not the client's fault.
      if (this.unwritten === 0 && this.ws.bufferedAmount === 0) {
        if (this.inFlight >= this.options.maxPending || this.waiting.length > 0) this.armStallTimer();
        return;
      }
      this.cutOff('stopped reading', { inFlight: this.inFlight, buffered: this.ws.bufferedAmount });
    }, this.options.stallTimeoutMs);
  }

  private clearStallTimer(): void {
    if (this.stallTimer !== null) this.options.clock.clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }

  private write(text: string, done: () => void, isReply = false): void {
    if (this.gone || this.ws.readyState !== WebSocket.OPEN) return done();
    if (this.ws.bufferedAmount > this.options.maxBuffered) {
      this.cutOff('does not read what it is sent', { buffered: this.ws.bufferedAmount });
      return done();
    }
    if (isReply) this.unwritten++;
    this.ws.send(text, () => {
      if (isReply) this.unwritten--;
      done();
    });
  }

  private cutOff(why: string, details: Record<string, unknown>): void {
    if (this.gone) return;
    this.closed();
    this.options.cutOff(why, details);
    this.ws.terminate();
  }
}
