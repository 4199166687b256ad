import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sendAndConfirm, type ConfirmOutcome, type ConfirmRpc } from '../../../../electron/core/live/send-and-confirm.js';
import { SolanaRpcError, type RpcFailure } from '../../../../electron/core/live/solana-rpc.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

/**
 * The state machine against an in-memory chain and an RPC that fails at random: whatever
 * the faults, it never says "failed" for a transaction that landed without error, never
 * "landed" for one that did not, says "failed … never landed" only once the chain is past
 * the last valid block height with nothing landed, and sends nothing but the same bytes.
 */
const BLOCK_MS = 400;
const START_HEIGHT = 100;
const VALID_BLOCKS = 30;
const SIGNATURE = '5'.repeat(88);
const BYTES = 'c2lnbmVkLWJ5dGVz';

interface Case {
  /** Block at which it lands (past the last valid height: never). */
  landsAfter: number | null;
  landedErr: boolean;
  preflightRefuses: boolean;
  /** Per call, in order: fail it? (then every call answers). */
  faults: boolean[];
  faultKind: RpcFailure;
}

const failureArb = fc.constantFrom<RpcFailure>(
  { kind: 'http', status: 429 },
  { kind: 'http', status: 503 },
  { kind: 'network', code: 'ECONNRESET', message: 'reset' },
  { kind: 'timeout', ms: 5_000 },
  { kind: 'malformed', message: 'not JSON' },
  { kind: 'json-rpc', code: -32005, message: 'Node is unhealthy' },
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  landsAfter: fc.option(fc.integer({ min: 0, max: VALID_BLOCKS + 10 }), { nil: null }),
  landedErr: fc.boolean(),
  preflightRefuses: fc.boolean(),
  faults: fc.array(fc.boolean(), { maxLength: 400 }),
  faultKind: failureArb,
});

async function run(c: Case, deadlineMs: number) {
  const clock = new ManualClock(0);
  const height = () => START_HEIGHT + Math.floor(clock.now() / BLOCK_MS);
  const lastValid = START_HEIGHT + VALID_BLOCKS;
  const landsAt = c.landsAfter === null || c.preflightRefuses ? null : START_HEIGHT + c.landsAfter;
  const landed = () => landsAt !== null && landsAt <= lastValid && height() >= landsAt;
  const sent: string[] = [];
  let call = 0;
  const maybeFail = (method: string) => {
    if (c.faults[call++]) throw new SolanaRpcError(method, c.faultKind);
  };
  const rpc: ConfirmRpc = {
    sendTransaction: async (bytes, options) => {
      sent.push(bytes);
      if (!options.skipPreflight && c.preflightRefuses) {
        throw new SolanaRpcError('sendTransaction', { kind: 'json-rpc', code: -32002, message: 'Transaction simulation failed', data: { err: { InstructionError: [2, { Custom: 6002 }] } } });
      }
      maybeFail('sendTransaction');
      return SIGNATURE;
    },
    getSignatureStatuses: async () => {
      maybeFail('getSignatureStatuses');
      return [landed() ? { slot: landsAt! + 10, confirmations: 1, err: c.landedErr ? { InstructionError: [2, { Custom: 6002 }] } : null, confirmationStatus: 'confirmed' as const } : null];
    },
    getBlockHeight: async () => {
      maybeFail('getBlockHeight');
      return height();
    },
    getTransaction: async () => {
      maybeFail('getTransaction');
      if (!landed()) return null;
      return { slot: landsAt! + 10, meta: { err: c.landedErr ? { InstructionError: [2, { Custom: 6002 }] } : null, fee: 5_000, preBalances: [10], postBalances: [5] } };
    },
  };
  let outcome: ConfirmOutcome | undefined;
  const done = sendAndConfirm({ signature: SIGNATURE, signedBytes: BYTES, lastValidBlockHeight: lastValid }, { rpc, clock, deadlineMs }).then((o) => (outcome = o));
  for (let steps = 0; outcome === undefined; steps += 1) {
    if (steps > 10_000) throw new Error('the state machine did not end');
    await new Promise((resolve) => setImmediate(resolve));
    if (outcome === undefined) clock.advance(100);
  }
  await done;
  return { outcome: outcome!, landed: landed(), expired: height() > lastValid, sent, landsAt, lastValid };
}

describe('sendAndConfirm, property: no verdict without evidence', () => {
  it('whatever the RPC faults, the verdict matches the chain or is unknown', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.constantFrom(5_000, 30_000, 90_000), async (c, deadlineMs) => {
        const r = await run(c, deadlineMs);
        expect(new Set(r.sent)).toEqual(new Set([BYTES]));
        switch (r.outcome.kind) {
          case 'landed':
            expect(r.landed && !c.landedErr).toBe(true);
            break;
          case 'failed':
            if (r.outcome.landed) expect(r.landed && c.landedErr).toBe(true);
            else {
              expect(r.landed).toBe(false);
              // Refused in preflight, or past its last valid height: it can never land now.
              expect(c.preflightRefuses || r.expired).toBe(true);
            }
            break;
          case 'unknown':
            break;
          default:
            throw new Error('unhandled');
        }
        // With a working RPC (no faults) and a deadline past the expiry, there is always a verdict.
        if (c.faults.every((f) => !f) && deadlineMs === 90_000) expect(r.outcome.kind).not.toBe('unknown');
      }),
      { numRuns: 150 },
    );
  });
});
