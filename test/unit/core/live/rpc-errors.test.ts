import { describe, expect, it } from 'vitest';
import { classifySendError, describeTransactionError, INSUFFICIENT_FUNDS, type ProgramErrorNamer } from '../../../../electron/core/live/rpc-errors.js';
import { SolanaRpcError, type RpcFailure } from '../../../../electron/core/live/solana-rpc.js';

const sendError = (failure: RpcFailure) => new SolanaRpcError('sendTransaction', failure);
/** Instruction 2 calls the venue's program; its 6002 is pump.fun's TooMuchSolRequired. */
const namer: ProgramErrorNamer = (index, code) => (index === 2 && code === 6002 ? 'TooMuchSolRequired: slippage: too much SOL required to buy the given amount' : undefined);

describe('classifySendError: what a failed send says about the transaction', () => {
  it('-32002 with a custom program error: refused in preflight, named by the venue', () => {
    const verdict = classifySendError(
      sendError({ kind: 'json-rpc', code: -32002, message: 'Transaction simulation failed: Error processing Instruction 2: custom program error: 0x1772', data: { err: { InstructionError: [2, { Custom: 6002 }] }, logs: ['Program log: AnchorError'] } }),
      namer,
    );
    expect(verdict).toEqual({ kind: 'refused', reason: expect.stringContaining('custom program error 6002 (TooMuchSolRequired') });
    expect(verdict.kind === 'refused' && verdict.reason).toMatch(/preflight/);
  });

  it('-32002 with a custom code of another instruction is not named with the venue table', () => {
    const verdict = classifySendError(sendError({ kind: 'json-rpc', code: -32002, message: 'x', data: { err: { InstructionError: [1, { Custom: 6002 }] } } }), namer);
    expect(verdict).toEqual({ kind: 'refused', reason: expect.stringMatching(/instruction 1 failed with custom program error 6002$/) });
  });

  it('insufficient funds, every way the RPC says it, in plain words', () => {
    const cases: RpcFailure[] = [
      { kind: 'json-rpc', code: -32002, message: 'Transaction simulation failed: Attempt to debit an account but found no record of a prior credit.', data: { err: 'AccountNotFound', logs: [] } },
      { kind: 'json-rpc', code: -32002, message: 'Transaction simulation failed: Error processing Instruction 1: custom program error: 0x1', data: { err: { InstructionError: [1, { Custom: 1 }] }, logs: ['Transfer: insufficient lamports 1000, need 100000000'] } },
      { kind: 'json-rpc', code: -32002, message: 'Transaction simulation failed: Insufficient funds for fee', data: { err: 'InsufficientFundsForFee' } },
      { kind: 'json-rpc', code: -32002, message: 'Transaction simulation failed: Attempt to debit an account but found no record of a prior credit.' },
    ];
    for (const failure of cases) {
      const verdict = classifySendError(sendError(failure));
      expect(verdict.kind).toBe('refused');
      expect(verdict.kind === 'refused' && verdict.reason).toContain(INSUFFICIENT_FUNDS);
    }
  });

  it('"already been processed": it landed', () => {
    expect(classifySendError(sendError({ kind: 'json-rpc', code: -32002, message: 'Transaction simulation failed: This transaction has already been processed', data: { err: 'AlreadyProcessed' } }))).toEqual({
      kind: 'already-processed',
    });
    expect(classifySendError(sendError({ kind: 'json-rpc', code: -32005, message: 'This transaction has already been processed' }))).toEqual({ kind: 'already-processed' });
  });

  it('a signature that does not verify, and bytes the node cannot read, can never land: refused', () => {
    expect(classifySendError(sendError({ kind: 'json-rpc', code: -32003, message: 'Transaction signature verification failure' })).kind).toBe('refused');
    expect(classifySendError(sendError({ kind: 'json-rpc', code: -32602, message: 'invalid transaction: Transaction failed to sanitize accounts offsets correctly' })).kind).toBe('refused');
  });

  it('429, 5xx, reset, socket hang up, timeout, unparsable reply, unhealthy node, foreign errors: unknown', () => {
    const unknowns: unknown[] = [
      sendError({ kind: 'http', status: 429 }),
      sendError({ kind: 'http', status: 502 }),
      sendError({ kind: 'http', status: 503 }),
      sendError({ kind: 'network', code: 'ECONNRESET', message: 'read ECONNRESET' }),
      sendError({ kind: 'network', code: 'UND_ERR_SOCKET', message: 'other side closed' }),
      sendError({ kind: 'network', message: 'socket hang up' }),
      sendError({ kind: 'timeout', ms: 5_000 }),
      sendError({ kind: 'malformed', message: 'not JSON' }),
      sendError({ kind: 'json-rpc', code: -32005, message: 'Node is unhealthy' }),
      sendError({ kind: 'json-rpc', code: -32603, message: 'Internal error' }),
      new Error('something else'),
      'a string',
    ];
    for (const error of unknowns) expect(classifySendError(error).kind).toBe('unknown');
    expect(classifySendError(sendError({ kind: 'http', status: 429 }))).toEqual({ kind: 'unknown', reason: 'rate limited by the RPC (HTTP 429)' });
  });
});

describe('describeTransactionError: a landed meta.err in words', () => {
  it('names a custom program error by its instruction', () => {
    expect(describeTransactionError({ InstructionError: [2, { Custom: 6002 }] }, namer)).toBe('instruction 2 failed with custom program error 6002 (TooMuchSolRequired: slippage: too much SOL required to buy the given amount)');
    expect(describeTransactionError({ InstructionError: [3, 'InvalidAccountData'] })).toBe('instruction 3 failed: InvalidAccountData');
  });

  it('says insufficient funds plainly, from the error or the logs', () => {
    expect(describeTransactionError('InsufficientFundsForFee')).toBe(INSUFFICIENT_FUNDS);
    expect(describeTransactionError({ InstructionError: [0, 'InsufficientFunds'] })).toBe(INSUFFICIENT_FUNDS);
    expect(describeTransactionError({ InstructionError: [1, { Custom: 1 }] }, undefined, ['Transfer: insufficient lamports 5, need 10'])).toBe(INSUFFICIENT_FUNDS);
    expect(describeTransactionError({ InsufficientFundsForRent: { account_index: 2 } })).toMatch(/rent/);
  });

  it('keeps an unknown shape readable and bounded', () => {
    expect(describeTransactionError({ Weird: 'x'.repeat(2_000) }).length).toBeLessThanOrEqual(500);
    expect(describeTransactionError('ProgramAccountNotFound')).toBe('ProgramAccountNotFound');
  });
});
