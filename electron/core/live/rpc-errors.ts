import { describeFailure, SolanaRpcError } from './solana-rpc.js';
import type { TransactionErrorJson } from './solana-rpc-schemas.js';

/**
 * What a failed sendTransaction tells about the transaction. Only two answers are evidence:
 * a preflight refusal (the node simulated it, it failed, and the node did not forward it)
 * and "already processed" (it landed). Everything else — 429, 5xx, a reset or dropped
 * socket, a timeout, a reply we cannot read, a node that says it is unhealthy — may have
 * happened after the node forwarded the bytes to a leader, so the outcome is unknown and
 * only the chain can settle it (signature status, then block-height expiry).
 */
export type SendVerdict =
  | { kind: 'refused'; reason: string }
  | { kind: 'already-processed' }
  | { kind: 'unknown'; reason: string };

/**
 * Names a program's custom error for the instruction that raised it: the trader knows which
 * program each instruction index calls, so a 6002 from pump.fun is "TooMuchSolRequired"
 * and never a code of some other program read with the wrong table.
 */
export type ProgramErrorNamer = (instructionIndex: number, code: number) => string | undefined;

/** JSON-RPC: transaction simulation (preflight) failed. */
export const PREFLIGHT_FAILURE = -32002;
/** JSON-RPC: transaction signature verification failure (the bytes can never land). */
const SIGNATURE_VERIFICATION_FAILURE = -32003;
/** JSON-RPC: invalid params, e.g. a transaction that fails to sanitize (the bytes can never land). */
const INVALID_PARAMS = -32602;

export const INSUFFICIENT_FUNDS = 'insufficient funds: the wallet does not hold enough SOL for this trade and its fees';

export function classifySendError(error: unknown, namer?: ProgramErrorNamer): SendVerdict {
  if (!(error instanceof SolanaRpcError)) return { kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  const { failure } = error;
  if (failure.kind !== 'json-rpc') return { kind: 'unknown', reason: describeFailure(failure) };
  const data = (failure.data ?? {}) as { err?: unknown; logs?: unknown };
  const logs = Array.isArray(data.logs) ? data.logs.filter((l): l is string => typeof l === 'string') : [];
  if (isAlreadyProcessed(failure.message, data.err)) return { kind: 'already-processed' };
  switch (failure.code) {
    case PREFLIGHT_FAILURE: {
      const err = data.err;
      const why = isTransactionError(err) ? describeTransactionError(err, namer, logs) : describeByMessage(failure.message, logs);
      return { kind: 'refused', reason: `refused by the RPC's preflight check, not sent: ${why}` };
    }
    case SIGNATURE_VERIFICATION_FAILURE:
    case INVALID_PARAMS:
      return { kind: 'refused', reason: `refused by the RPC, not sent: ${failure.message}` };
    default:
      return { kind: 'unknown', reason: describeFailure(failure) };
  }
}

/**
 * A landed transaction's `meta.err` (or a simulation's `err`) in words a trader can act on:
 * the program's name for a custom code, insufficient funds said plainly.
 */
export function describeTransactionError(err: TransactionErrorJson, namer?: ProgramErrorNamer, logs: readonly string[] = []): string {
  if (logs.some(isInsufficientLamportsLog)) return INSUFFICIENT_FUNDS;
  if (typeof err === 'string') return describeNamedError(err);
  const instructionError = err.InstructionError;
  if (Array.isArray(instructionError) && instructionError.length === 2 && typeof instructionError[0] === 'number') {
    const [index, inner] = instructionError as [number, unknown];
    if (inner !== null && typeof inner === 'object' && typeof (inner as { Custom?: unknown }).Custom === 'number') {
      const code = (inner as { Custom: number }).Custom;
      const name = namer?.(index, code);
      return `instruction ${index} failed with custom program error ${code}${name ? ` (${name})` : ''}`;
    }
    if (inner === 'InsufficientFunds') return INSUFFICIENT_FUNDS;
    return `instruction ${index} failed: ${typeof inner === 'string' ? inner : JSON.stringify(inner)}`;
  }
  if ('InsufficientFundsForRent' in err) return 'insufficient funds for rent: the wallet cannot keep a new account rent-exempt';
  return JSON.stringify(err).slice(0, 500);
}

function describeNamedError(name: string): string {
  switch (name) {
    case 'InsufficientFundsForFee':
      return INSUFFICIENT_FUNDS;
    case 'AccountNotFound':
      // "Attempt to debit an account but found no record of a prior credit": an empty fee payer.
      return `${INSUFFICIENT_FUNDS} (the wallet has never been funded)`;
    case 'BlockhashNotFound':
      return 'its blockhash expired before it reached the node';
    default:
      return name;
  }
}

/** A refusal without a structured `err`: the message and logs are all there is. */
function describeByMessage(message: string, logs: readonly string[]): string {
  if (logs.some(isInsufficientLamportsLog) || /insufficient (lamports|funds)|no record of a prior credit/i.test(message)) return INSUFFICIENT_FUNDS;
  return message.replace(/^Transaction simulation failed:\s*/i, '').slice(0, 500);
}

function isInsufficientLamportsLog(line: string): boolean {
  return /insufficient lamports/i.test(line) || /no record of a prior credit/i.test(line);
}

function isAlreadyProcessed(message: string, err: unknown): boolean {
  return err === 'AlreadyProcessed' || /already been processed/i.test(message);
}

function isTransactionError(value: unknown): value is TransactionErrorJson {
  return typeof value === 'string' || (value !== null && typeof value === 'object' && !Array.isArray(value));
}
