import type { CommandName, CommandResult } from '../../shared/contract.js';
import type { CommandHandlers } from '../core/engine-port.js';
import { dispatch, type DispatchOptions } from './dispatch.js';
import type { WsServerMessage } from '../../shared/wire.js';

type Reply = Extract<WsServerMessage, { id: unknown }>;

const maxIdLength = 128;

function badRequest(id: Reply['id'], message: string): Reply {
  const result: CommandResult<CommandName> = { ok: false, error: { code: 'bad-request', message } };
  return { id, result };
}

function readId(value: unknown): Reply['id'] | undefined {
  if (typeof value === 'string' && value.length <= maxIdLength) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

/**
 * Turns one WebSocket message `{id, name, input}` into its reply `{id, result}`. Anything
 * unreadable (binary, malformed JSON, no usable id) is answered with id null, never thrown.
 */
export async function answerWsMessage(
  handlers: CommandHandlers,
  text: string | null,
  options: DispatchOptions = {},
): Promise<Reply> {
  if (text === null) return badRequest(null, 'binary messages are not accepted; send JSON text');
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return badRequest(null, 'malformed JSON');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return badRequest(null, 'expected a message {id, name, input}');
  }
  const fields = message as Record<string, unknown>;
  const id = readId(fields.id);
  if (id === undefined) return badRequest(null, `id must be a string of at most ${maxIdLength} characters or a number`);
  return { id, result: await dispatch(handlers, fields.name, fields.input, options) };
}
