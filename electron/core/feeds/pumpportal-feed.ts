import WebSocket from 'ws';
import type { FeedEvent } from '../../../shared/feed-events.js';
import { isSolanaAddress } from '../../../shared/mint.js';
import type { Clock } from '../time/clock.js';
import type { Rng } from '../time/rng.js';
import { ExponentialBackoff, defaultReconnectBackoff, type BackoffOptions } from './backoff.js';
import type { Feed, FeedAlert, FeedCounters } from './feed.js';
import { FeedStats, errorText } from './feed-stats.js';
import { classifyPumpPortalFrame, needsApiKey, noticeLevel } from './pumpportal-frames.js';

export const PUMPPORTAL_DATA_URL = 'wss://pumpportal.fun/api/data';

export interface PumpPortalFeedOptions {
  clock: Clock;
  rng: Rng;
  /** Defaults to the public endpoint; tests point it at 127.0.0.1. */
  url?: string;
  /** Needed for token and account trade streams; never logged. */
  apiKey?: string;
  alert?: FeedAlert;
  newTokens?: boolean;
  migrations?: boolean;
  tokens?: readonly string[];
  accounts?: readonly string[];
  /** Frames above this are dropped unread: real frames are well under 2 KiB. */
  maxFrameBytes?: number;
  backoff?: BackoffOptions;
  /** A socket with no frame for this long is treated as dead (half-open TCP). */
  silenceMs?: number;
  handshakeTimeoutMs?: number;
}

type Method = 'subscribeTokenTrade' | 'unsubscribeTokenTrade' | 'subscribeAccountTrade' | 'unsubscribeAccountTrade';

/**
 * PumpPortal WebSocket data feed: launches, migrations, and trades of watched tokens and
 * wallets. It reconnects with backoff and, on every new socket, resubscribes everything
 * currently wanted — the service keeps no session, so a new socket starts empty.
 */
export class PumpPortalFeed implements Feed {
  readonly name = 'pumpportal';
  private readonly stats: FeedStats;
  private readonly backoff: ExponentialBackoff;
  private readonly tokens = new Set<string>();
  private readonly accounts = new Set<string>();
  private socket: WebSocket | undefined;
  private emit: ((event: FeedEvent) => void) | undefined;
  private reconnectTimer: unknown;
  private silenceTimer: unknown;
  private lastFrameAt = 0;
  private stopped = true;

  constructor(private readonly options: PumpPortalFeedOptions) {
    this.stats = new FeedStats(this.name, options.alert);
    this.backoff = new ExponentialBackoff(options.backoff ?? defaultReconnectBackoff, options.rng);
    for (const mint of options.tokens ?? []) if (isSolanaAddress(mint)) this.tokens.add(mint);
    for (const wallet of options.accounts ?? []) if (isSolanaAddress(wallet)) this.accounts.add(wallet);
  }

  async start(emit: (event: FeedEvent) => void): Promise<void> {
    this.emit = emit;
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.clock.clearTimeout(this.reconnectTimer);
    this.options.clock.clearTimeout(this.silenceTimer);
    const socket = this.socket;
    this.socket = undefined;
    this.stats.connected = false;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.terminate();
    });
  }

  counters(): FeedCounters {
    return this.stats.snapshot();
  }

  /** Returns the mints actually added (valid and not yet watched). */
  addTokens(mints: readonly string[]): string[] {
    return this.change(this.tokens, mints, 'add', 'subscribeTokenTrade');
  }

  removeTokens(mints: readonly string[]): string[] {
    return this.change(this.tokens, mints, 'remove', 'unsubscribeTokenTrade');
  }

  addAccounts(wallets: readonly string[]): string[] {
    return this.change(this.accounts, wallets, 'add', 'subscribeAccountTrade');
  }

  removeAccounts(wallets: readonly string[]): string[] {
    return this.change(this.accounts, wallets, 'remove', 'unsubscribeAccountTrade');
  }

  watchedTokens(): string[] {
    return [...this.tokens];
  }

  watchedAccounts(): string[] {
    return [...this.accounts];
  }

  private change(set: Set<string>, keys: readonly string[], op: 'add' | 'remove', method: Method): string[] {
    const changed: string[] = [];
    for (const key of keys) {
      if (op === 'add' && isSolanaAddress(key) && !set.has(key)) {
        set.add(key);
        changed.push(key);
      } else if (op === 'remove' && set.delete(key)) {
        changed.push(key);
      }
    }
    if (changed.length > 0) this.send({ method, keys: changed });
    return changed;
  }

  private connect(): void {
    if (this.stopped) return;
    const url = new URL(this.options.url ?? PUMPPORTAL_DATA_URL);
    if (this.options.apiKey) url.searchParams.set('api-key', this.options.apiKey);
    const socket = new WebSocket(url, {
      handshakeTimeout: this.options.handshakeTimeoutMs ?? 10_000,
      // The hard cap protects memory; frames between the soft and hard cap are dropped
      // and counted in onFrame instead of killing a healthy connection.
      maxPayload: Math.max(1 << 20, (this.options.maxFrameBytes ?? 65_536) * 2),
    });
    this.socket = socket;
    socket.on('open', () => this.onOpen(socket));
    socket.on('message', (data: WebSocket.RawData) => this.onFrame(socket, data));
    socket.on('error', (error) => {
      this.stats.lastError = `pumpportal: ${this.redact(errorText(error))}`;
    });
    socket.on('close', () => this.onClose(socket));
  }

  private onOpen(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.stats.connected = true;
    this.lastFrameAt = this.options.clock.now();
    this.armSilenceWatch();
    if (this.options.newTokens ?? true) this.send({ method: 'subscribeNewToken' });
    if (this.options.migrations ?? true) this.send({ method: 'subscribeMigration' });
    if (this.tokens.size > 0) this.send({ method: 'subscribeTokenTrade', keys: [...this.tokens] });
    if (this.accounts.size > 0) this.send({ method: 'subscribeAccountTrade', keys: [...this.accounts] });
  }

  private onClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.stats.connected = false;
    this.options.clock.clearTimeout(this.silenceTimer);
    if (this.stopped) return;
    const delay = this.backoff.nextDelayMs();
    this.reconnectTimer = this.options.clock.setTimeout(() => this.connect(), delay);
  }

  private onFrame(socket: WebSocket, data: WebSocket.RawData): void {
    if (socket !== this.socket) return;
    this.lastFrameAt = this.options.clock.now();
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (bytes.length > (this.options.maxFrameBytes ?? 65_536)) {
      this.stats.drop(`pumpportal: frame of ${bytes.length} bytes dropped`);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      this.stats.drop('pumpportal: malformed JSON');
      return;
    }
    const frame = classifyPumpPortalFrame(json, this.options.clock.now());
    switch (frame.kind) {
      case 'event':
        if (this.emit && this.stats.emitValidated(this.emit, frame.event)) this.backoff.reset();
        return;
      case 'notice':
        this.onNotice(frame.text);
        return;
      case 'skipped':
        this.stats.skip(frame.reason);
        return;
      case 'bad':
        this.stats.drop(`pumpportal: ${frame.reason}`);
        return;
      default: {
        const never: never = frame;
        return never;
      }
    }
  }

  private onNotice(text: string): void {
    const clean = this.redact(text);
    if (noticeLevel(clean) === 'info') {
      this.backoff.reset();
      return;
    }
    const hint = needsApiKey(clean) ? ' Token and wallet trade streams need a funded PumpPortal API key.' : '';
    this.stats.alertOnce('error', `PumpPortal: ${clean}${hint}`);
  }

  private armSilenceWatch(): void {
    const silenceMs = this.options.silenceMs ?? 60_000;
    const clock = this.options.clock;
    clock.clearTimeout(this.silenceTimer);
    this.silenceTimer = clock.setTimeout(() => {
      const socket = this.socket;
      if (!socket || this.stopped) return;
      if (clock.now() - this.lastFrameAt >= silenceMs) {
        this.stats.lastError = `pumpportal: no frame for ${silenceMs} ms, reconnecting`;
        socket.terminate();
        return;
      }
      this.armSilenceWatch();
    }, this.lastFrameAt + silenceMs - clock.now());
  }

  private send(message: { method: string; keys?: string[] }): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return; // sent on (re)connect instead
    socket.send(JSON.stringify(message));
  }

  private redact(text: string): string {
    const key = this.options.apiKey;
    return key ? text.split(key).join('***') : text;
  }
}
