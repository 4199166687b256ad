import type { EngineStatus } from '../../../shared/contract.js';
import type { AttemptUpdate } from '../../../shared/domain.js';
import type { Position } from '../../../shared/positions.js';
import { defaultSettings } from '../../../shared/settings.js';
import { Listeners, type ConnectionState, type RawResult, type Transport } from '../../../renderer/src/client/transport.js';
import type { PushedEvent, SessionSnapshot } from '../../../renderer/src/client/wire-types.js';

type Handler = (input: unknown) => unknown;

/**
 * A transport the test drives by hand: it answers calls from `handlers` (a thrown Error
 * becomes a refused command with its message), records every call, and pushes events and
 * connection changes when told to.
 */
export class FakeTransport implements Transport {
  readonly calls: { name: string; input: unknown }[] = [];
  private readonly events = new Listeners<PushedEvent[]>();
  private readonly connection = new Listeners<ConnectionState>();
  private state: ConnectionState = { connected: false };

  constructor(public handlers: Record<string, Handler> = {}) {}

  async invoke(name: string, input: unknown): Promise<RawResult> {
    this.calls.push({ name, input });
    const handler = this.handlers[name];
    if (!handler) return { ok: false, error: { code: 'unknown-command', message: `unknown command ${name}` } };
    try {
      return { ok: true, value: await handler(input) };
    } catch (error) {
      return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  onEvents(listener: (events: PushedEvent[]) => void): () => void {
    return this.events.add(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    listener(this.state);
    return this.connection.add(listener);
  }

  close(): void {}

  push(events: PushedEvent[]): void {
    this.events.emit(events);
  }

  setConnected(connected: boolean): void {
    this.state = connected ? { connected } : { connected, error: 'connection lost' };
    this.connection.emit(this.state);
  }

  callsOf(name: string): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }
}

const mints = [
  '6p6xgHyF7AeE6TZkSmFsko444wqoP15icUSqi2jfGiPN',
  'So11111111111111111111111111111111111111112',
  'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
  'Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB',
];

export const mintOf = (i: number): string => mints[i % mints.length]!;

export function attempt(i: number, patch: Partial<AttemptUpdate> = {}): AttemptUpdate {
  return {
    attemptId: `a${i}`,
    stage: 'done',
    at: 1_700_000_000_000 + i * 1000,
    mint: mintOf(i),
    symbol: `TOK${i}`,
    platform: 'pump.fun',
    module: 'sniper',
    solAmount: 0.1,
    signalReason: `new launch ${i}`,
    outcome: 'bought',
    latencyMs: 120,
    ...patch,
  };
}

export function engineStatus(patch: Partial<EngineStatus> = {}): EngineStatus {
  return {
    instanceId: 'inst-1',
    dataDir: '/tmp/x',
    startedAt: 1_700_000_000_000,
    mode: 'paper',
    killSwitch: false,
    storeHealthy: true,
    purchases: 0,
    inFlight: 0,
    unknown: 0,
    pendingApprovals: 0,
    counts: {},
    feeds: [{ name: 'sim', connected: true, received: 10, dropped: 0 }],
    ...patch,
  };
}

export function snapshot(seq: number, attempts: AttemptUpdate[] = []): SessionSnapshot {
  return { seq, status: engineStatus(), settings: defaultSettings(), blocked: [], attempts };
}

export const attemptEvent = (seq: number, update: AttemptUpdate): PushedEvent => ({ seq, name: 'attempt', payload: update });

/** An open position bought 10 min before `now`: 1 000 000 tokens for 0.1 SOL (entry 1e-7), last price 1.2e-7. */
export function position(i: number, patch: Partial<Position> = {}, now = Date.now()): Position {
  return {
    id: `p${i}`,
    mint: mintOf(i),
    symbol: `TOK${i}`,
    platform: 'pump.fun',
    module: 'sniper',
    openedAt: now - 600_000,
    status: 'open',
    tokensBought: 1_000_000,
    tokensHeld: 1_000_000,
    costSol: 0.1,
    entryPriceSol: 1e-7,
    lastPriceSol: 1.2e-7,
    lastPriceAt: now - 5_000,
    realizedSol: 0,
    unrealizedSol: 0.02,
    ...patch,
  };
}
