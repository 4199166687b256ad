import { Connection, type Logs, type PublicKey } from '@solana/web3.js';
import type { FeedEvent } from '../../../shared/feed-events.js';
import type { Clock } from '../time/clock.js';
import type { Rng } from '../time/rng.js';
import { ExponentialBackoff, defaultReconnectBackoff, type BackoffOptions } from './backoff.js';
import type { Feed, FeedAlert, FeedCounters } from './feed.js';
import { FeedStats, errorText } from './feed-stats.js';
import { PUMP_PROGRAM_ID, decodePumpLogs } from './pump-log-decoder.js';
import { disposeSocketClient, guardedDataPack, socketClientOf, type RpcSocketClient } from './rpc-socket-guard.js';

export interface RpcLogsFeedOptions {
  clock: Clock;
  rng: Rng;
  /** HTTP endpoint; web3.js requires one even though only the WebSocket is used here. */
  rpcUrl: string;
  /** Defaults to web3.js's derivation from rpcUrl (http→ws, https→wss). */
  wsUrl?: string;
  alert?: FeedAlert;
  programId?: PublicKey;
  backoff?: BackoffOptions;
  /** pump.fun logs several events a second; this long without one means a dead subscription. */
  silenceMs?: number;
  maxFrameBytes?: number;
}

interface Generation {
  id: number;
  connection: Connection;
  client: RpcSocketClient | undefined;
  subscriptionId: number;
}

/**
 * pump.fun launches, trades and graduations straight from a Solana RPC node: `logsSubscribe`
 * on the program at 'confirmed', decoding the Anchor events in its logs. This is the
 * complete stream (every trade of every coin), so whale and volume modules work without a
 * PumpPortal key. Each reconnect builds a fresh Connection and subscribes again; see
 * rpc-socket-guard.ts for why web3.js's own reconnect is switched off.
 */
export class RpcLogsFeed implements Feed {
  readonly name = 'solana-rpc';
  private readonly stats: FeedStats;
  private readonly backoff: ExponentialBackoff;
  private current: Generation | undefined;
  private generation = 0;
  private emit: ((event: FeedEvent) => void) | undefined;
  private reconnectTimer: unknown;
  private silenceTimer: unknown;
  private lastFrameAt = 0;
  private stopped = true;

  constructor(private readonly options: RpcLogsFeedOptions) {
    this.stats = new FeedStats(this.name, options.alert);
    this.backoff = new ExponentialBackoff(options.backoff ?? defaultReconnectBackoff, options.rng);
  }

  async start(emit: (event: FeedEvent) => void): Promise<void> {
    this.emit = emit;
    this.stopped = false;
    this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.clock.clearTimeout(this.reconnectTimer);
    this.options.clock.clearTimeout(this.silenceTimer);
    this.closeCurrent();
  }

  counters(): FeedCounters {
    return this.stats.snapshot();
  }

  private open(): void {
    if (this.stopped) return;
    const id = ++this.generation;
    const connection = new Connection(this.options.rpcUrl, {
      commitment: 'confirmed',
      ...(this.options.wsUrl ? { wsEndpoint: this.options.wsUrl } : {}),
    });
    const client = socketClientOf(connection);
    if (client) {
      client.setAutoReconnect(false);
      client.dataPack = guardedDataPack(this.options.maxFrameBytes ?? 1 << 20, (reason) =>
        this.stats.drop(`solana-rpc: ${reason}`),
      );
      client.on('open', () => this.onOpen(id));
      client.on('close', () => this.onDrop(id, 'socket closed'));
      // 'error' without 'close' is how a failed connect attempt ends.
      client.on('error', (error) => this.onDrop(id, errorText(error)));
    } else {
      this.stats.alertOnce('warning', 'Solana RPC feed: web3.js internals changed; relying on the silence watchdog to reconnect.');
    }
    const subscriptionId = connection.onLogs(
      this.options.programId ?? PUMP_PROGRAM_ID,
      (logs) => this.onLogs(id, logs),
      'confirmed',
    );
    this.current = { id, connection, client, subscriptionId };
    this.lastFrameAt = this.options.clock.now();
    this.armSilenceWatch();
  }

  private onOpen(id: number): void {
    if (id !== this.current?.id) return;
    this.stats.connected = true;
    this.lastFrameAt = this.options.clock.now();
  }

  private onDrop(id: number, reason: string): void {
    if (id !== this.current?.id || this.stopped) return;
    this.stats.lastError = `solana-rpc: ${reason}`;
    this.closeCurrent();
    const delay = this.backoff.nextDelayMs();
    this.options.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.options.clock.setTimeout(() => this.open(), delay);
  }

  private closeCurrent(): void {
    const current = this.current;
    this.current = undefined;
    this.stats.connected = false;
    this.options.clock.clearTimeout(this.silenceTimer);
    if (!current) return;
    if (current.client) {
      disposeSocketClient(current.client);
    } else {
      current.connection.removeOnLogsListener(current.subscriptionId).catch(() => undefined);
    }
  }

  private onLogs(id: number, logs: Logs): void {
    if (id !== this.current?.id) return;
    this.lastFrameAt = this.options.clock.now();
    this.stats.connected = true;
    this.backoff.reset();
    // A failed transaction's events were rolled back: nothing in it happened.
    if (logs.err !== null) return;
    const decoded = decodePumpLogs(logs.logs, this.options.clock.now(), logs.signature);
    for (let i = 0; i < decoded.bad; i++) this.stats.drop(`solana-rpc: undecodable log line in ${logs.signature}`);
    for (const event of decoded.events) if (this.emit) this.stats.emitValidated(this.emit, event);
  }

  private armSilenceWatch(): void {
    const silenceMs = this.options.silenceMs ?? 60_000;
    const clock = this.options.clock;
    clock.clearTimeout(this.silenceTimer);
    this.silenceTimer = clock.setTimeout(() => {
      const current = this.current;
      if (!current || this.stopped) return;
      if (clock.now() - this.lastFrameAt >= silenceMs) {
        this.onDrop(current.id, `no notification for ${silenceMs} ms`);
        return;
      }
      this.armSilenceWatch();
    }, this.lastFrameAt + silenceMs - clock.now());
  }
}
