import type { BlockedEntry, CommandInput, CommandName, CommandResult, EngineStatus, EventPayload } from '../../../shared/contract.js';
import type { AttemptUpdate } from '../../../shared/domain.js';
import type { Settings } from '../../../shared/settings.js';

/**
 * The pushed-events and resync shapes agreed between the host and the console, typed here
 * until shared/wire.ts carries them (the host side lands them in shared/ and this file then
 * re-exports from there).
 */

export interface EventPayloads {
  attempt: AttemptUpdate;
  status: EngineStatus;
  alert: EventPayload<'alert'>;
  settings: Settings;
  blocked: BlockedEntry[];
}
export type PushedEventName = keyof EventPayloads;

/** seq: per-engine, monotonic from 1, assigned when the engine emits. */
export type PushedEvent = { [N in PushedEventName]: { seq: number; name: N; payload: EventPayloads[N] } }[PushedEventName];

export interface SessionSnapshot {
  seq: number;
  status: EngineStatus;
  settings: Settings;
  blocked: BlockedEntry[];
  /** Most recent, oldest first. */
  attempts: AttemptUpdate[];
}

export type EventsSince = { events: PushedEvent[] } | { gap: true };

/** The object the preload exposes as `window.launchdesk`. */
export interface LaunchdeskBridge {
  invoke<N extends CommandName>(name: N, input?: CommandInput<N>): Promise<CommandResult<N>>;
  on(listener: (events: PushedEvent[]) => void): () => void;
}
