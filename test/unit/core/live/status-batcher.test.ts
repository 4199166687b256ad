import { describe, expect, it } from 'vitest';
import { batchedStatuses, MAX_SIGNATURES_PER_CALL } from '../../../../electron/core/live/status-batcher.js';
import type { SignatureStatus } from '../../../../electron/core/live/solana-rpc-schemas.js';

const status = (slot: number): SignatureStatus => ({ slot, confirmations: 1, err: null, confirmationStatus: 'confirmed' });

function recorder(fail = false) {
  const calls: { signatures: string[]; history: boolean }[] = [];
  const read = async (signatures: string[], options: { searchTransactionHistory: boolean }) => {
    calls.push({ signatures, history: options.searchTransactionHistory });
    if (fail) throw new Error('HTTP 429');
    return signatures.map((s) => (s.startsWith('landed') ? status(Number(s.slice(6))) : null));
  };
  return { calls, read };
}

describe('batchedStatuses', () => {
  it('reads of one turn go out as one call per history flag; each caller gets its own statuses', async () => {
    const r = recorder();
    const statuses = batchedStatuses(r.read);
    const [a, b, c, d] = await Promise.all([
      statuses(['landed1'], { searchTransactionHistory: false }),
      statuses(['nope', 'landed2'], { searchTransactionHistory: false }),
      statuses(['landed1'], { searchTransactionHistory: false }),
      statuses(['landed3'], { searchTransactionHistory: true }),
    ]);
    expect(a).toEqual([status(1)]);
    expect(b).toEqual([null, status(2)]);
    expect(c).toEqual([status(1)]);
    expect(d).toEqual([status(3)]);
    expect(r.calls).toEqual([
      { signatures: ['landed1', 'nope', 'landed2'], history: false },
      { signatures: ['landed3'], history: true },
    ]);
    await statuses(['landed4'], { searchTransactionHistory: false });
    expect(r.calls).toHaveLength(3);
  });

  it('a failed call fails every read it carried', async () => {
    const statuses = batchedStatuses(recorder(true).read);
    const results = await Promise.allSettled([statuses(['a'], { searchTransactionHistory: false }), statuses(['b'], { searchTransactionHistory: false })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('never more than 256 signatures a call', async () => {
    const r = recorder();
    const statuses = batchedStatuses(r.read);
    await Promise.all(Array.from({ length: 600 }, (_, i) => statuses([`s${i}`], { searchTransactionHistory: false })));
    expect(r.calls.map((c) => c.signatures.length)).toEqual([MAX_SIGNATURES_PER_CALL, MAX_SIGNATURES_PER_CALL, 88]);
  });
});
