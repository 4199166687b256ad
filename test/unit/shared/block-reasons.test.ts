import { describe, expect, it } from 'vitest';
import { blockReasonCodes, blockReasonSchema, describeBlockReason, type BlockReason } from '../../../shared/block-reasons.js';

const examples: Record<(typeof blockReasonCodes)[number], BlockReason> = {
  'already-bought': { code: 'already-bought' },
  'in-flight-here': { code: 'in-flight-here' },
  'in-flight-elsewhere': { code: 'in-flight-elsewhere', instanceId: 'i-2' },
  'unknown-outcome': { code: 'unknown-outcome' },
  'module-off': { code: 'module-off' },
  'kill-switch': { code: 'kill-switch' },
  blocklisted: { code: 'blocklisted' },
  'limit-reached': { code: 'limit-reached', limit: 'module-daily-budget', detail: '4.9 of 5 SOL spent' },
  'approval-required': { code: 'approval-required' },
  'filter-failed': { code: 'filter-failed', filter: 'market-cap', detail: '12 SOL < 30 SOL' },
  'store-unavailable': { code: 'store-unavailable', detail: 'purchase-history-0a.json is not JSON' },
  'balance-unknown': { code: 'balance-unknown', detail: 'it was last read 75 s ago' },
};

describe('block reasons', () => {
  it.each(blockReasonCodes)('%s has a schema and a distinct sentence', (code) => {
    const reason = blockReasonSchema.parse(examples[code]);
    const sentence = describeBlockReason(reason);
    expect(sentence.length).toBeGreaterThan(20);
    const others = blockReasonCodes.filter((c) => c !== code).map((c) => describeBlockReason(examples[c]));
    expect(others).not.toContain(sentence);
  });

  it('names the limit and the filter that blocked', () => {
    expect(describeBlockReason(examples['limit-reached'])).toContain('module-daily-budget');
    expect(describeBlockReason(examples['filter-failed'])).toContain('market-cap');
  });
});
