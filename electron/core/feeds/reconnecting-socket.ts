import WebSocket from 'ws';
import type { Clock } from '../time/clock.js';
import type { Rng } from '../time/rng.js';
import { ExponentialBackoff, defaultReconnectBackoff, type BackoffOptions } from './backoff.js';
import { errorText } from './feed-stats.js';

export interface ReconnectingSocketOptions {
  clock: Clock;
  /** Reconnect jitter only. */
  rng: Rng;
  /** Built again for every connection attempt (it may carry a key: never logged as is). */
  url: () => URL;
  backoff?: BackoffOptions;
  /** A socket with no `alive()` for this long is treated as dead (half-open TCP, a dropped subscription). */
  silenceMs: number;
  /** What the silence was of, for the error: "no frame", "no notification". */
  silenceText?: string;
  /** Frames above this are dropped unread; a frame far above it closes the socket (ws's hard cap). */
  maxFrameBytes: number;
  handshakeTimeoutMs?: number;
  /** WebSocket-level pings (control frames, answered by the peer's WebSocket stack), to keep idle proxies open. */
  pingIntervalMs?: number;
  /** Text safe to show for an error (an API key replaced). */
  redact?: (text: string) => string;
  /** A new socket is open: subscribe everything wanted, through `send`. */
  onOpen: () => void;
  /** A text frame within the cap. */
  onFrame: (text: string) => void;
  /** A frame dropped unread (binary, oversized). */
  onBadFrame: (reason: string) => void;
  /** The socket is gone (closed, failed, silent); a reconnect is scheduled unless stopped. */
  onClose: (reason: string) => void;
}

/**
 * One WebSocket that stays up: reconnects with jittered exponential backoff, calls
 * `onOpen` on every new socket so the owner resubscribes (neither PumpPortal nor a Solana
 * RPC node keeps a session across sockets), treats a socket that stopped proving itself
 * alive as dead, and drops oversized or binary frames before anyone parses them. Written on
 * `ws` directly rather than a JSON-RPC client library: the feeds need to see and count
 * every frame, and to own the reconnect (web3.js's own client resumed without
 * resubscribing, and crashed the process on a `null` frame).
 */
export class ReconnectingSocket {
  private readonly backoff: ExponentialBackoff;
  private socket: WebSocket | undefined;
  private reconnectTimer: unknown;
  private silenceTimer: unknown;
  private pingTimer: unknown;
  private lastAliveAt = 0;
  private lastError: string | undefined;
  private stopped = true;

  constructor(private readonly options: ReconnectingSocketOptions) {
    this.backoff = new ExponentialBackoff(options.backoff ?? defaultReconnectBackoff, options.rng);
  }

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    this.options.clock.clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.terminate();
    });
  }

  /** Sends on the open socket; false when there is none (the owner resubscribes in `onOpen`). */
  send(text: string): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(text);
    return true;
  }

  /** The peer proved the stream works (a frame, a notification): the silence watchdog restarts. */
  alive(): void {
    this.lastAliveAt = this.options.clock.now();
  }

  /** The service proved healthy (an event, a confirmation): the next failure backs off from the start. */
  healthy(): void {
    this.backoff.reset();
  }

  /** Closes the current socket as failed (e.g. a refused subscription); it is reconnected with backoff. */
  fail(reason: string): void {
    const socket = this.socket;
    if (!socket) return;
    this.lastError = reason;
    socket.terminate();
  }

  private connect(): void {
    if (this.stopped) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url(), {
        handshakeTimeout: this.options.handshakeTimeoutMs ?? 10_000,
        // The hard cap protects memory; frames between the soft and the hard cap are dropped
        // and counted in onMessage instead of killing a healthy connection.
        maxPayload: Math.max(8 << 20, this.options.maxFrameBytes * 8),
      });
    } catch (error) {
      // A URL ws refuses throws here, inside a timer: reported and retried, never a crash.
      this.options.onClose(this.redact(errorText(error)));
      this.reconnectTimer = this.options.clock.setTimeout(() => this.connect(), this.backoff.nextDelayMs());
      return;
    }
    this.socket = socket;
    this.lastError = undefined;
    socket.on('open', () => this.onOpen(socket));
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => this.onMessage(socket, data, isBinary));
    socket.on('error', (error) => {
      if (socket === this.socket) this.lastError = this.redact(errorText(error));
    });
    socket.on('close', (code: number) => this.onSocketClose(socket, code));
  }

  private onOpen(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.alive();
    this.armSilenceWatch();
    const pingMs = this.options.pingIntervalMs;
    if (pingMs !== undefined && pingMs > 0) this.armPing(pingMs);
    this.options.onOpen();
  }

  private onMessage(socket: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (socket !== this.socket) return;
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (bytes.length > this.options.maxFrameBytes) {
      this.options.onBadFrame(`frame of ${bytes.length} bytes dropped`);
      return;
    }
    if (isBinary) {
      this.options.onBadFrame('binary frame dropped');
      return;
    }
    this.options.onFrame(bytes.toString('utf8'));
  }

  private onSocketClose(socket: WebSocket, code: number): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.clearTimers();
    const reason = this.lastError ?? `socket closed (code ${code})`;
    this.options.onClose(reason);
    if (this.stopped) return;
    this.reconnectTimer = this.options.clock.setTimeout(() => this.connect(), this.backoff.nextDelayMs());
  }

  private armSilenceWatch(): void {
    const { clock, silenceMs } = this.options;
    clock.clearTimeout(this.silenceTimer);
    this.silenceTimer = clock.setTimeout(() => {
      if (!this.socket || this.stopped) return;
      if (clock.now() - this.lastAliveAt >= silenceMs) {
        this.fail(`${this.options.silenceText ?? 'nothing'} for ${silenceMs} ms, reconnecting`);
        return;
      }
      this.armSilenceWatch();
    }, this.lastAliveAt + silenceMs - clock.now());
  }

  private armPing(intervalMs: number): void {
    this.pingTimer = this.options.clock.setTimeout(() => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      socket.ping();
      this.armPing(intervalMs);
    }, intervalMs);
  }

  private clearTimers(): void {
    this.options.clock.clearTimeout(this.silenceTimer);
    this.options.clock.clearTimeout(this.pingTimer);
  }

  private redact(text: string): string {
    return this.options.redact ? this.options.redact(text) : text;
  }
}
