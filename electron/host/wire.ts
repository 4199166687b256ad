import type { CommandInput, CommandName, CommandResult, EventName, EventPayload } from '../../shared/contract.js';

/**
 * What travels between a host and a client, the same for Electron IPC and the WebSocket.
 * The renderer needs these types too; they depend only on shared/contract.ts so they can
 * move to shared/ unchanged once the renderer exists.
 */

/** Electron IPC: one channel for calls, one for pushed event batches. Nothing else. */
export const INVOKE_CHANNEL = 'launchdesk:invoke';
export const EVENTS_CHANNEL = 'launchdesk:events';

export type PushedEvent = { [N in EventName]: { name: N; payload: EventPayload<N> } }[EventName];

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

/** WebSocket, host -> client: a reply (id null when the request was unreadable) or a batch. */
export type WsServerMessage =
  | { id: string | number | null; result: CommandResult<CommandName> }
  | { events: PushedEvent[] };

/** The object the preload exposes as `window.launchdesk`; the renderer's client wraps it. */
export interface LaunchdeskBridge {
  invoke<N extends CommandName>(name: N, input?: CommandInput<N>): Promise<CommandResult<N>>;
  /** Receives every pushed batch, in order; returns the unsubscribe function. */
  on(listener: (events: PushedEvent[]) => void): () => void;
}
