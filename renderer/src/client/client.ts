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
  eventsSince(afterSeq: number): Promise<EventsSince>;
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
    async snapshot() {
      try {
        return (await raw('session.snapshot', {})) as SessionSnapshot;
      } catch (error) {
        if (!(error instanceof CommandError) || error.code !== 'unknown-command') throw error;
        return composeSnapshot(raw);
      }
    },
    eventsSince: async (afterSeq) => (await raw('events.since', { afterSeq })) as EventsSince,
  };
}

/**
 * A host from before `session.snapshot`: the same picture from four calls, without a seq
 * (its events carry none either, so there is nothing to resync from).
 */
async function composeSnapshot(raw: (name: string, input: unknown) => Promise<unknown>): Promise<SessionSnapshot> {
  const [status, settings, blocked, attempts] = await Promise.all([
    raw('status.get', {}),
    raw('settings.get', {}),
    raw('blocked.list', {}),
    raw('attempts.recent', { limit: 5_000 }),
  ]);
  return { seq: 0, status, settings, blocked, attempts } as SessionSnapshot;
}
