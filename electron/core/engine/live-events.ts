import { snapshotAttemptsMax, type CommandName, type EngineStatus } from '../../../shared/contract.js';
import type { AttemptUpdate } from '../../../shared/domain.js';
import type { Settings } from '../../../shared/settings.js';
import type { CommandHandlers, PushedEventListener } from '../engine-port.js';
import type { Clock } from '../time/clock.js';
import { BlockedPublisher, type BlockedSources } from './blocked-publisher.js';
import type { EventHub } from './event-hub.js';
import { EventSequencer } from './event-sequencer.js';
import { PositionsPublisher, type PositionsList } from './positions-publisher.js';
import { SettingsPublisher } from './settings-publisher.js';
import { StatusPublisher } from './status-publisher.js';

/** The commands answered here rather than by the engine's command handlers. */
export type SessionCommandName = 'session.snapshot' | 'events.since';
export type EngineCommandHandlers = Omit<CommandHandlers, SessionCommandName>;

export interface LiveEventsOptions {
  hub: EventHub;
  clock: Clock;
  instanceId: string;
  status: () => EngineStatus;
  settings: () => Settings;
  blocked: BlockedSources;
  /** Open positions and those closed in the last 24 h; absent without a usable ledger. */
  positions?: () => PositionsList;
  positionsIntervalMs?: number;
  /** Events kept for `events.since` (10k: a few MB, minutes of a busy feed). */
  ringSize?: number;
  statusIntervalMs?: number;
  blockedIntervalMs?: number;
  /** How often status and the blocked list are looked at without being asked (feed counters, other instances). */
  pollMs?: number;
  log?: (line: string) => void;
}

export interface LiveEvents {
  subscribe(listener: PushedEventListener): () => void;
  /** The engine's handlers plus `session.snapshot` and `events.since`; each command asks for a status/settings/blocked look after it ran. */
  withSession(handlers: EngineCommandHandlers): CommandHandlers;
  /** Sends `settings` if they changed: call it when another instance may have changed the shared rules. */
  settingsChanged(): void;
  /** A position may have changed (a buy, a sell, a price): `positions` goes out soon, coalesced. */
  positionsChanged(): void;
  /** Computes the blocked list now (and sends it if it changed). */
  blockedList: BlockedPublisher['refresh'];
  readonly lastSeq: number;
  start(): void;
  stop(): void;
}

const settingsCommands: ReadonlySet<CommandName> = new Set<CommandName>([
  'killSwitch.set',
  'module.update',
  'limits.update',
  'blocklist.add',
  'blocklist.remove',
]);

/**
 * Everything a console needs to stay in step with the engine: sequence numbers and the
 * replay ring, `status` / `settings` / `blocked` sent when they change, and the snapshot
 * that a (re)connecting console starts from.
 */
export function createLiveEvents(options: LiveEventsOptions): LiveEvents {
  const { hub, clock } = options;
  const log = options.log ?? (() => undefined);
  // A store that cannot be read fails every look (once a second): say it once, not each time.
  const lastReported = new Map<string, string>();
  const reportError = (what: string) => (error: unknown) => {
    const text = error instanceof Error ? error.message : String(error);
    if (lastReported.get(what) === text) return;
    lastReported.set(what, text);
    log(`[warning] ${what}: ${text}`);
  };
  const sequencer = new EventSequencer(options.ringSize);
  hub.subscribe(sequencer.record);
  const statusPublisher = new StatusPublisher({
    clock,
    status: options.status,
    emit: (status) => hub.emit('status', status),
    minIntervalMs: options.statusIntervalMs,
    onError: reportError('status'),
  });
  const settingsPublisher = new SettingsPublisher(options.settings, (settings) => hub.emit('settings', settings));
  const blockedPublisher = new BlockedPublisher({
    clock,
    sources: options.blocked,
    emit: (entries) => hub.emit('blocked', entries),
    minIntervalMs: options.blockedIntervalMs,
    onError: reportError('blocked list'),
  });
  const positions = options.positions;
  const positionsPublisher = positions
    ? new PositionsPublisher({
        clock,
        list: positions,
        emit: (list) => hub.emit('positions', list),
        minIntervalMs: options.positionsIntervalMs,
        onError: reportError('positions'),
      })
    : undefined;
  let started = false;
  hub.subscribe((name, payload) => {
    if (!started) return;
    if (name === 'attempt') {
      statusPublisher.poke();
      if ((payload as AttemptUpdate).stage === 'done') blockedPublisher.poke();
    } else if (name === 'alert') statusPublisher.poke();
  });

  const pollMs = options.pollMs ?? 1_000;
  let pollTimer: unknown = null;
  const poll = () => {
    statusPublisher.poke();
    blockedPublisher.poke();
    // Other instances' sells and closed positions ageing out of the last 24 h.
    positionsPublisher?.poke();
    pollTimer = clock.setTimeout(poll, pollMs);
  };

  const afterCommand = (name: CommandName) => {
    if (settingsCommands.has(name)) settingsPublisher.publish();
    if (!started) return;
    statusPublisher.poke();
    if (name.startsWith('blocked.')) blockedPublisher.poke();
    if (name.startsWith('positions.')) positionsPublisher?.poke();
  };

  const sessionHandlers: Pick<CommandHandlers, SessionCommandName> = {
    'session.snapshot': async () => {
      settingsPublisher.publish();
      try {
        await blockedPublisher.refresh();
      } catch (error) {
        // The rest of the console is still worth showing; the last list read stands.
        reportError('blocked list')(error);
      }
      let positionsNow: PositionsList | undefined;
      try {
        positionsNow = positionsPublisher?.refresh();
      } catch (error) {
        reportError('positions')(error);
        positionsNow = positionsPublisher?.current();
      }
      // Read together, synchronously: every event up to `seq` is reflected, none after it.
      return {
        ...(positionsNow ? { positions: positionsNow } : {}),
        seq: sequencer.lastSeq,
        status: options.status(),
        settings: options.settings(),
        blocked: blockedPublisher.current(),
        attempts: hub.recentAttempts(snapshotAttemptsMax),
      };
    },
    'events.since': ({ afterSeq, instanceId }) => {
      if (instanceId !== undefined && instanceId !== options.instanceId) return { gap: true as const };
      const events = sequencer.since(afterSeq);
      return events === null ? { gap: true as const } : { events };
    },
  };

  return {
    subscribe: (listener) => sequencer.subscribe(listener),
    withSession(handlers) {
      const all = { ...handlers, ...sessionHandlers } as CommandHandlers;
      const wrapped = {} as Record<CommandName, (input: unknown) => unknown>;
      for (const name of Object.keys(all) as CommandName[]) {
        const handler = all[name] as (input: unknown) => unknown;
        wrapped[name] = (input) => {
          let result: unknown;
          try {
            result = handler(input);
          } catch (error) {
            afterCommand(name);
            throw error;
          }
          if (result instanceof Promise) return result.finally(() => afterCommand(name));
          afterCommand(name);
          return result;
        };
      }
      return wrapped as unknown as CommandHandlers;
    },
    settingsChanged: () => settingsPublisher.publish(),
    positionsChanged: () => {
      if (started) positionsPublisher?.poke();
    },
    blockedList: () => blockedPublisher.refresh(),
    get lastSeq() {
      return sequencer.lastSeq;
    },
    start() {
      if (started) return;
      started = true;
      poll();
    },
    stop() {
      started = false;
      if (pollTimer !== null) clock.clearTimeout(pollTimer);
      pollTimer = null;
      statusPublisher.stop();
      blockedPublisher.stop();
      positionsPublisher?.stop();
    },
  };
}
