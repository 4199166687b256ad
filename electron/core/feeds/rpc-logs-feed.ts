import type { PublicKey } from '@solana/web3.js';
import type { FeedEvent } from '../../../shared/feed-events.js';
import type { Clock } from '../time/clock.js';
import type { Rng } from '../time/rng.js';
import type { BackoffOptions } from './backoff.js';
import type { Feed, FeedAlert, FeedCounters } from './feed.js';
import { FeedStats } from './feed-stats.js';
import { PUMP_PROGRAM_ID, decodePumpLogs } from './pump-log-decoder.js';
import { ReconnectingSocket } from './reconnecting-socket.js';
import { classifyRpcFrame, isRequestShapeComplaint, type LogsValue } from './rpc-frames.js';

export interface RpcLogsFeedOptions {
  clock: Clock;
  rng: Rng;
  /** The node's HTTP endpoint; the WebSocket one is derived from it unless given. */
  rpcUrl: string;
  /** Defaults to rpcUrl with http→ws, https→wss and an explicit port + 1, as web3.js derives it. */
  wsUrl?: string;
  alert?: FeedAlert;
  programId?: PublicKey;
  backoff?: BackoffOptions;
  /** pump.fun logs several events a second; this long without one means a dead subscription. */
  silenceMs?: number;
  maxFrameBytes?: number;
  /** WebSocket pings that keep idle proxies from closing the socket. Default 20 s. */
  pingIntervalMs?: number;
}

/**
 * pump.fun launches, trades and graduations straight from a Solana RPC node: `logsSubscribe`
 * on the program at 'confirmed', decoding the Anchor events in its logs. This is the
 * complete stream (every trade of every coin), so whale and volume modules work without a
 * PumpPortal key. Every new socket subscribes again; only notifications of the current
 * subscription count as signs of life.
 */
export class RpcLogsFeed implements Feed {
  readonly name = 'solana-rpc';
  private readonly stats: FeedStats;
  private readonly socket: ReconnectingSocket;
  private emit: ((event: FeedEvent) => void) | undefined;
  private nextRequestId = 1;
  private subscribeRequestId: number | undefined;
  private subscription: number | undefined;

  constructor(private readonly options: RpcLogsFeedOptions) {
    this.stats = new FeedStats(this.name, options.alert);
    this.socket = new ReconnectingSocket({
      clock: options.clock,
      rng: options.rng,
      url: () => new URL(options.wsUrl ?? wsUrlOf(options.rpcUrl)),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      silenceMs: options.silenceMs ?? 60_000,
      silenceText: 'no notification',
      maxFrameBytes: options.maxFrameBytes ?? 1 << 20,
      pingIntervalMs: options.pingIntervalMs ?? 20_000,
      // RPC providers put API keys in the URL; socket errors may echo it.
      redact: (text) => redactUrl(text, options.wsUrl ?? wsUrlOf(options.rpcUrl)),
      onOpen: () => this.subscribe(),
      onFrame: (text) => this.onFrame(text),
      onBadFrame: (reason) => this.stats.drop(`solana-rpc: ${reason}`),
      onClose: (reason) => {
        this.stats.connected = false;
        this.subscription = undefined;
        this.subscribeRequestId = undefined;
        this.stats.lastError = `solana-rpc: ${reason}`;
      },
    });
  }

  async start(emit: (event: FeedEvent) => void): Promise<void> {
    this.emit = emit;
    this.socket.start();
  }

  async stop(): Promise<void> {
    await this.socket.stop();
    this.stats.connected = false;
  }

  counters(): FeedCounters {
    return this.stats.snapshot();
  }

  private subscribe(): void {
    const id = this.nextRequestId++;
    this.subscribeRequestId = id;
    const program = (this.options.programId ?? PUMP_PROGRAM_ID).toBase58();
    this.socket.send(
      JSON.stringify({ jsonrpc: '2.0', id, method: 'logsSubscribe', params: [{ mentions: [program] }, { commitment: 'confirmed' }] }),
    );
  }

  private onFrame(text: string): void {
    const frame = classifyRpcFrame(text);
    switch (frame.kind) {
      case 'logs':
        if (frame.subscription !== this.subscription) {
          this.stats.skip('notification of another subscription');
          return;
        }
        this.onLogs(frame.value);
        return;
      case 'result':
        if (frame.id === this.subscribeRequestId && typeof frame.result === 'number') {
          this.subscription = frame.result;
          this.stats.connected = true;
          this.socket.alive();
        }
        return;
      case 'error':
        if (frame.id !== null && frame.id === this.subscribeRequestId) {
          // A node that refuses the subscription (no logsSubscribe, a quota) will not heal at once: back off.
          this.stats.alertOnce('error', `Solana RPC refused logsSubscribe: ${frame.message}`);
          this.socket.fail(`logsSubscribe refused: ${frame.message}`);
          return;
        }
        if (isRequestShapeComplaint(frame)) return;
        this.stats.lastError = `solana-rpc: ${frame.message}`;
        return;
      case 'bad':
        this.stats.drop(`solana-rpc: ${frame.reason}`);
        return;
      default: {
        const never: never = frame;
        return never;
      }
    }
  }

  private onLogs(value: LogsValue): void {
    this.socket.alive();
    this.socket.healthy();
    // A failed transaction's events were rolled back: nothing in it happened.
    if (value.err !== null) return;
    const decoded = decodePumpLogs(value.logs, this.options.clock.now(), value.signature);
    for (let i = 0; i < decoded.bad; i++) this.stats.drop(`solana-rpc: undecodable log line in ${value.signature}`);
    for (const event of decoded.events) if (this.emit) this.stats.emitValidated(this.emit, event);
  }
}

/**
 * web3.js's derivation, kept so `--rpc-url` alone finds the same socket as before: ws for
 * http, wss for https, and an explicit port + 1 (a local validator serves RPC on 8899 and
 * its WebSocket on 8900).
 */
export function wsUrlOf(rpcUrl: string): string {
  const url = new URL(rpcUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (url.port !== '') url.port = String(Number(url.port) + 1);
  return url.toString();
}

function redactUrl(text: string, url: string): string {
  const parsed = new URL(url);
  const secret = `${parsed.pathname}${parsed.search}`;
  return secret.length > 1 ? text.split(secret).join('/…') : text;
}
