import { describe, expect, it } from 'vitest';
import { defaultModuleFilters, moduleFilterSchemas, sniperFiltersSchema } from '../../../../../shared/module-filters.js';
import { limitsSchema } from '../../../../../shared/settings.js';
import { filterFields, limitFields } from '../../../../../renderer/src/views/settings/filter-fields.js';
import { toDraft, validateDraft } from '../../../../../renderer/src/views/settings/form-values.js';
import { mintOf } from '../../fakes.js';

const sniper = filterFields.sniper;
const sniperDraft = () => toDraft(sniper, defaultModuleFilters.sniper);

describe('settings form values', () => {
  it('round-trips every module’s defaults through the form unchanged', () => {
    for (const module of ['sniper', 'whale-copy', 'trending', 'volume'] as const) {
      const result = validateDraft(filterFields[module], toDraft(filterFields[module], defaultModuleFilters[module]), moduleFilterSchemas[module]);
      expect(result).toEqual({ ok: true, value: defaultModuleFilters[module] });
    }
  });

  it('covers every filter the engine knows, so none is hidden from the trader', () => {
    for (const module of ['sniper', 'whale-copy', 'trending', 'volume'] as const) {
      expect(filterFields[module].map((f) => f.key).sort()).toEqual(Object.keys(defaultModuleFilters[module]).sort());
    }
  });

  it('explains a bad regex and a negative amount, and gives no value to save', () => {
    const draft = { ...sniperDraft(), nameInclude: 'pepe(', minMarketCapSol: '-1' };
    const result = validateDraft(sniper, draft, sniperFiltersSchema);
    expect(result).toEqual({ ok: false, errors: { nameInclude: 'not a valid regular expression', minMarketCapSol: 'must not be negative' } });
  });

  it('says what is wrong with text in a number field, and an empty required one', () => {
    const result = validateDraft(limitFields, { maxSolPerBuy: 'abc', dailySpendCapSol: '', maxConcurrentBuys: '2.5', maxSolPerHour: '0', maxOpenPositions: '0', solReserveSol: '0' }, limitsSchema);
    expect(result).toEqual({
      ok: false,
      errors: { maxSolPerBuy: '"abc" is not a number', dailySpendCapSol: 'enter a number', maxConcurrentBuys: 'must be a whole number' },
    });
  });

  it('reads an empty optional bound as no bound, and lists of addresses one per line', () => {
    const draft = { ...sniperDraft(), maxMarketCapSol: '', creatorDeny: `${mintOf(0)}\n\n ${mintOf(1)} ` };
    const result = validateDraft(sniper, draft, sniperFiltersSchema);
    expect(result.ok && result.value.maxMarketCapSol).toBe(null);
    expect(result.ok && result.value.creatorDeny).toEqual([mintOf(0), mintOf(1)]);
  });

  it('names the entry of a list that is not an address', () => {
    const result = validateDraft(sniper, { ...sniperDraft(), creatorAllow: `${mintOf(0)}\nnot-an-address` }, sniperFiltersSchema);
    expect(result.ok ? null : result.errors.creatorAllow).toBe('entry 2: not a Solana address (base58, 32 bytes)');
  });

  it('puts a wallet field’s error on that field of that wallet', () => {
    const fields = filterFields['whale-copy'];
    const draft = {
      ...toDraft(fields, defaultModuleFilters['whale-copy']),
      wallets: [
        { address: mintOf(0), label: 'a', minSol: '', solAmount: '', enabled: true },
        { address: 'nope', label: 'b', minSol: 'x', solAmount: '0', enabled: true },
      ],
    };
    const result = validateDraft(fields, draft, moduleFilterSchemas['whale-copy']);
    expect(result.ok ? null : result.errors).toEqual({ 'wallets.1.minSol': '"x" is not a number' });
    const fixed = validateDraft(fields, { ...draft, wallets: [draft.wallets[0]!, { ...draft.wallets[1]!, minSol: '2' }] }, moduleFilterSchemas['whale-copy']);
    expect(fixed.ok ? null : fixed.errors).toEqual({
      'wallets.1.address': 'not a Solana address (base58, 32 bytes)',
      'wallets.1.solAmount': 'must be more than 0',
    });
  });
});
