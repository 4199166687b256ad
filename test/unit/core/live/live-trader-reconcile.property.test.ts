import { Keypair } from '@solana/web3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveTrader, type LiveRpc } from '../../../../electron/core/live/live-trader.js';
import { SolanaRpcError } from '../../../../electron/core/live/solana-rpc.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { defaultExecution } from '../../../../shared/settings.js';
import { keypairSigner, routerOf, TestVenue } from '../../../support/test-venue.js';

/**
 * LiveTrader.reconcile against an in-memory chain with random RPC faults, a node that may
 * have lost its history, and a wallet that may hold the token: "not landed" is answered only
 * when the fence can no longer land and nothing shows it did; "landed" only when it did (or,
 * with the history lost, the wallet holds the token); anything in doubt stays unknown.
 */
const LAST_VALID = 1_000;

const caseArb = fc.record({
  height: fc.integer({ min: LAST_VALID - 20, max: LAST_VALID + 20 }),
  /** Landed at this height (or never); with or without an error. */
  landedAt: fc.option(fc.integer({ min: LAST_VALID - 30, max: LAST_VALID }), { nil: null }),
  landedErr: fc.boolean(),
  historyLost: fc.boolean(),
  /** Raw tokens the wallet holds of the mint (from this buy or an earlier one). */
  heldRaw: fc.constantFrom(0n, 1n, 3_000_000_000n),
  faults: fc.array(fc.boolean(), { maxLength: 6 }),
});

describe('LiveTrader.reconcile, property: never "not bought" while the fence could land', () => {
  it('answers from the chain or stays unknown', async () => {
    const signer = keypairSigner();
    const mint = Keypair.generate().publicKey.toBase58();
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const landed = c.landedAt !== null && c.landedAt <= c.height;
        const visible = landed && !c.historyLost;
        let call = 0;
        const maybeFail = (method: string) => {
          if (c.faults[call++]) throw new SolanaRpcError(method, { kind: 'http', status: 503 });
        };
        const sent: string[] = [];
        const rpc = {
          getBlockHeight: async () => (maybeFail('getBlockHeight'), c.height),
          getSignatureStatuses: async () => {
            maybeFail('getSignatureStatuses');
            return [visible ? { slot: 5, confirmations: null, err: c.landedErr ? { InstructionError: [2, { Custom: 6002 }] } : null, confirmationStatus: 'finalized' } : null];
          },
          getTransaction: async () => {
            maybeFail('getTransaction');
            if (!visible) return null;
            return {
              slot: 5,
              meta: {
                err: c.landedErr ? { InstructionError: [2, { Custom: 6002 }] } : null,
                fee: 5_000,
                preBalances: [1_000_000_000],
                postBalances: c.landedErr ? [999_995_000] : [899_995_000],
                preTokenBalances: [],
                postTokenBalances: c.landedErr ? [] : [{ accountIndex: 3, mint, owner: signer.publicKey.toBase58(), uiTokenAmount: { amount: '3000000000', decimals: 6 } }],
              },
            };
          },
          getTokenAccountsByOwner: async () => {
            maybeFail('getTokenAccountsByOwner');
            const held = c.heldRaw + (landed && !c.landedErr ? 3_000_000_000n : 0n);
            return held > 0n ? [{ address: 'ata', amountRaw: held, decimals: 6 }] : [];
          },
          sendTransaction: async (bytes: string) => {
            sent.push(bytes);
            maybeFail('sendTransaction');
            return 'sig';
          },
        } as unknown as LiveRpc;
        const trader = new LiveTrader({ rpc, router: routerOf(new TestVenue()), signer, execution: () => defaultExecution, clock: new ManualClock() });
        const result = await trader.reconcile({ attemptId: 'a', mint, solAmount: 0.1, at: 0, fence: { signature: 'sig', signedBytes: 'Ynl0ZXM=', blockhash: 'bh', lastValidBlockHeight: LAST_VALID } });
        expect(sent.every((b) => b === 'Ynl0ZXM=')).toBe(true);
        switch (result.kind) {
          case 'not-landed':
            // Landed with an error, or expired with nothing landed (or a landing the wallet does not show).
            expect((visible && c.landedErr) || (c.height > LAST_VALID && !(landed && !c.landedErr))).toBe(true);
            break;
          case 'landed':
            expect((visible && !c.landedErr) || (c.height > LAST_VALID && !visible && (c.heldRaw > 0n || (landed && !c.landedErr)))).toBe(true);
            break;
          case 'still-unknown':
            break;
          default:
            throw new Error('unhandled');
        }
        // While the fence can still land and nothing is seen, the answer is unknown.
        if (c.height <= LAST_VALID && !visible) expect(result.kind).toBe('still-unknown');
      }),
      { numRuns: 300 },
    );
  });
});
