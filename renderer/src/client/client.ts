import type { CommandInput, CommandName, CommandOutput } from '../../../shared/contract.js';
import type { RawResult, Transport } from './transport.js';
import type { EventsSince, SessionSnapshot } from './wire-types.js';

/** A refused or failed command; `message` is the engine's sentence, shown to the trader as is. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** The typed face of a transport: one `call` per contract command, typed from shared/contract.ts. */
export interface Client {
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  snapshot(): Promise<SessionSnapshot>;
  /** `instanceId` (from the snapshot) makes a restarted engine, whose seq began again, answer with a gap. */
  eventsSince(afterSeq: number, instanceId: string): Promise<EventsSince>;
  readonly transport: Transport;
}

function unwrap(result: RawResult): unknown {
  if (result.ok) return result.value;
  throw new CommandError(result.error.code, result.error.message);
}

export function createClient(transport: Transport): Client {
  const raw = async (name: string, input: unknown): Promise<unknown> => unwrap(await transport.invoke(name, input));
  return {
    transport,
    call: async (name, input) => (await raw(name, input)) as CommandOutput<typeof name>,
    snapshot: async () => (await raw('session.snapshot', {})) as SessionSnapshot,
    eventsSince: async (afterSeq, instanceId) => (await raw('events.since', { afterSeq, instanceId })) as EventsSince,
  };
}

