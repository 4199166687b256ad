import type { FeedEvent } from '../../../shared/feed-events.js';
import { isSolanaAddress } from '../../../shared/mint.js';
import type { Clock } from '../time/clock.js';
import type { Rng } from '../time/rng.js';
import type { BackoffOptions } from './backoff.js';
import type { Feed, FeedAlert, FeedCounters } from './feed.js';
import { FeedStats } from './feed-stats.js';
import { classifyPumpPortalFrame, needsApiKey, noticeLevel } from './pumpportal-frames.js';
import { ReconnectingSocket } from './reconnecting-socket.js';

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
  private readonly socket: ReconnectingSocket;
  private readonly tokens = new Set<string>();
  private readonly accounts = new Set<string>();
  private emit: ((event: FeedEvent) => void) | undefined;

  constructor(private readonly options: PumpPortalFeedOptions) {
    this.stats = new FeedStats(this.name, options.alert);
    for (const mint of options.tokens ?? []) if (isSolanaAddress(mint)) this.tokens.add(mint);
    for (const wallet of options.accounts ?? []) if (isSolanaAddress(wallet)) this.accounts.add(wallet);
    this.socket = new ReconnectingSocket({
      clock: options.clock,
      rng: options.rng,
      url: () => {
        const url = new URL(options.url ?? PUMPPORTAL_DATA_URL);
        if (options.apiKey) url.searchParams.set('api-key', options.apiKey);
        return url;
      },
      ...(options.backoff ? { backoff: options.backoff } : {}),
      silenceMs: options.silenceMs ?? 60_000,
      silenceText: 'no frame',
      maxFrameBytes: options.maxFrameBytes ?? 65_536,
      ...(options.handshakeTimeoutMs !== undefined ? { handshakeTimeoutMs: options.handshakeTimeoutMs } : {}),
      redact: (text) => this.redact(text),
      onOpen: () => this.onOpen(),
      onFrame: (text) => this.onFrame(text),
      onBadFrame: (reason) => this.stats.drop(`pumpportal: ${reason}`),
      onClose: (reason) => {
        this.stats.connected = false;
        this.stats.lastError = `pumpportal: ${reason}`;
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
    // Without an open socket nothing is sent: the next socket subscribes what is wanted then.
    if (changed.length > 0) this.send({ method, keys: changed });
    return changed;
  }

  private onOpen(): void {
    this.stats.connected = true;
    if (this.options.newTokens ?? true) this.send({ method: 'subscribeNewToken' });
    if (this.options.migrations ?? true) this.send({ method: 'subscribeMigration' });
    if (this.tokens.size > 0) this.send({ method: 'subscribeTokenTrade', keys: [...this.tokens] });
    if (this.accounts.size > 0) this.send({ method: 'subscribeAccountTrade', keys: [...this.accounts] });
  }

  private onFrame(text: string): void {
    this.socket.alive();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.stats.drop('pumpportal: malformed JSON');
      return;
    }
    const frame = classifyPumpPortalFrame(json, this.options.clock.now());
    switch (frame.kind) {
      case 'event':
        if (this.emit && this.stats.emitValidated(this.emit, frame.event)) this.socket.healthy();
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
      this.socket.healthy();
      return;
    }
    const hint = needsApiKey(clean) ? ' Token and wallet trade streams need a funded PumpPortal API key.' : '';
    this.stats.alertOnce('error', `PumpPortal: ${clean}${hint}`);
  }

  private send(message: { method: string; keys?: string[] }): void {
    this.socket.send(JSON.stringify(message));
  }

  private redact(text: string): string {
    const key = this.options.apiKey;
    return key ? text.split(key).join('***') : text;
  }
}
