import type {
  CommandName,
  CommandOutput,
  CommandParsedInput,
  EventName,
  EventPayload,
} from '../../shared/contract.js';
import type { PushedEvent } from '../../shared/wire.js';

/** One handler per command of the contract; inputs arrive already parsed by the dispatch. */
export type CommandHandlers = {
  [N in CommandName]: (input: CommandParsedInput<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

/** Inside the engine: events before they are numbered. */
export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/** What a host receives: each event with its sequence number (see shared/wire.ts). */
export type PushedEventListener = (event: PushedEvent) => void;

/** What the hosts (Electron IPC, WebSocket) see of the engine: commands in, events out. */
export interface EnginePort {
  handlers: CommandHandlers;
  subscribe(listener: PushedEventListener): () => void;
}
