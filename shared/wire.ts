import type { CommandInput, CommandName, CommandResult, EventName, EventPayload } from './contract.js';

/**
 * What travels between a host and a client, the same for Electron IPC and the WebSocket.
 * Types only (plus the two channel names), so the renderer, the preload and the hosts all
 * import the one definition.
 */

/** Electron IPC: one channel for calls, one for pushed event batches. Nothing else. */
export const INVOKE_CHANNEL = 'launchdesk:invoke';
export const EVENTS_CHANNEL = 'launchdesk:events';

/**
 * An engine event as every client receives it. `seq` is per engine, starts at 1 and grows
 * by exactly 1 per event in the order the engine emitted them, across all event names and
 * for every client alike. A client that sees `seq` jump by more than 1 missed events and
 * asks `events.since`; one that gets `{gap: true}` takes a fresh `session.snapshot`.
 * Events with `seq` at or below the snapshot's `seq` are already in the snapshot.
 */
export type PushedEvent = { [N in EventName]: { seq: number; name: N; payload: EventPayload<N> } }[EventName];

/** A call as it arrives over either transport, before anything about it is trusted. */
export interface InvokeMessage {
  name: CommandName;
  input?: unknown;
}

/** WebSocket, client -> host. `id` is echoed back so replies can arrive out of order. */
export interface WsRequest {
  id: string | number;
  name: CommandName;
  input?: unknown;
}

/**
 * WebSocket, host -> client: a reply (id null when the request was unreadable) or a batch.
 * A reply and a batch on one socket are not ordered against each other: a batch sent while
 * a `session.snapshot` is being answered may hold events older or newer than the snapshot,
 * so the client keeps such events and applies those with `seq` above the snapshot's.
 */
export type WsServerMessage =
  | { id: string | number | null; result: CommandResult<CommandName> }
  | { events: PushedEvent[] };

/** The object the preload exposes as `window.launchdesk`; the renderer's client wraps it. */
export interface LaunchdeskBridge {
  invoke<N extends CommandName>(name: N, input?: CommandInput<N>): Promise<CommandResult<N>>;
  /** Receives every pushed batch, in order; returns the unsubscribe function. */
  on(listener: (events: PushedEvent[]) => void): () => void;
}
