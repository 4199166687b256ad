import { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandResult } from '../../shared/contract.js';
import type { CommandHandlers } from '../core/engine-port.js';
import { errorText } from './error-text.js';
import { defaultPayloadLimits, payloadProblem, type PayloadLimits } from './payload-guard.js';

export interface DispatchOptions {
  /**
   * Parse each handler's output with the command's output schema: unknown fields are
   * stripped, so a handler cannot leak more than the contract says, and a wrong shape
   * becomes a 'failed' result instead of reaching the client. On by default.
   */
  validateOutput?: boolean;
  limits?: PayloadLimits;
}

type AnyResult = CommandResult<CommandName>;

const maxMessageLength = 500;

function fail(code: 'bad-request' | 'unknown-command' | 'failed', message: string): AnyResult {
  return { ok: false, error: { code, message } };
}

/** zod's own rendering of every issue, bounded: a hostile input can produce thousands. */
function describeIssues(error: z.ZodError): string {
  const text = z.prettifyError(error);
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
}

function describeName(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(name.slice(0, 64)) : `of type ${typeof name}`;
}

/**
 * The one place every incoming call is parsed, for every transport. It never throws and
 * never hands a handler anything its input schema did not produce.
 */
export async function dispatch(
  handlers: CommandHandlers,
  name: unknown,
  input: unknown,
  options: DispatchOptions = {},
): Promise<AnyResult> {
  try {
    if (!isCommandName(name)) return fail('unknown-command', `unknown command ${describeName(name)}`);
    // A call with no arguments over IPC arrives as undefined; commands without input mean {}.
    const raw = input === undefined ? {} : input;
    const problem = payloadProblem(raw, options.limits ?? defaultPayloadLimits);
    if (problem !== null) return fail('bad-request', `${name}: ${problem}`);
    const spec = commands[name];
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) return fail('bad-request', `${name}: ${describeIssues(parsed.error)}`);
    const handler = handlers[name] as (input: unknown) => unknown;
    let output: unknown;
    try {
      output = await handler(parsed.data);
    } catch (error) {
      return fail('failed', errorText(error));
    }
    if (options.validateOutput === false) return { ok: true, value: output } as AnyResult;
    const checked = (spec.output as z.ZodType).safeParse(output);
    if (!checked.success) return fail('failed', `${name}: the engine returned a malformed result:\n${describeIssues(checked.error)}`);
    return { ok: true, value: checked.data } as AnyResult;
  } catch (error) {
    // Only reachable through exotic inputs (throwing getters, proxies); still an answer.
    return fail('bad-request', errorText(error, 'unreadable request'));
  }
}
