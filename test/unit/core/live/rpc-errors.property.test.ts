import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySendError } from '../../../../electron/core/live/rpc-errors.js';
import { SolanaRpcError, type RpcFailure } from '../../../../electron/core/live/solana-rpc.js';

/** Whatever a node answers (any JSON in the error's data), the classification never throws and is evidence only when the code says so. */
const failureArb: fc.Arbitrary<RpcFailure> = fc.oneof(
  fc.record({ kind: fc.constant('json-rpc' as const), code: fc.oneof(fc.integer({ min: -32_100, max: -32_000 }), fc.integer()), message: fc.string(), data: fc.jsonValue() }),
  fc.record({ kind: fc.constant('json-rpc' as const), code: fc.constant(-32_002), message: fc.string(), data: fc.record({ err: fc.jsonValue(), logs: fc.jsonValue() }) }),
  fc.record({ kind: fc.constant('http' as const), status: fc.integer({ min: 100, max: 599 }) }),
  fc.record({ kind: fc.constant('timeout' as const), ms: fc.nat() }),
  fc.record({ kind: fc.constant('network' as const), message: fc.string() }),
  fc.record({ kind: fc.constant('malformed' as const), message: fc.string() }),
);

describe('classifySendError, property', () => {
  it('never throws; refused only for -32002/-32003/-32602, already-processed only when the node says so, unknown otherwise', () => {
    fc.assert(
      fc.property(failureArb, (failure) => {
        const verdict = classifySendError(new SolanaRpcError('sendTransaction', failure), (i, code) => `name ${i} ${code}`);
        const saysProcessed =
          failure.kind === 'json-rpc' && (/already been processed/i.test(failure.message) || (failure.data as { err?: unknown } | null)?.err === 'AlreadyProcessed');
        if (verdict.kind === 'already-processed') expect(saysProcessed).toBe(true);
        if (verdict.kind === 'refused') expect(failure.kind === 'json-rpc' && [-32_002, -32_003, -32_602].includes(failure.code)).toBe(true);
        if (failure.kind !== 'json-rpc') expect(verdict.kind).toBe('unknown');
        if (verdict.kind !== 'already-processed') expect(verdict.reason.length).toBeLessThan(3_000);
      }),
      { numRuns: 2_000 },
    );
  });
});
