import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../../../renderer/src/views/history/history-csv.js';
import { mintOf } from '../../fakes.js';

describe('history CSV', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0.1)).toBe('0.1');
  });

  it('never hands a spreadsheet a formula from a token name', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a header and one line per record, in the order given', () => {
    const record = {
      mint: mintOf(0),
      symbol: 'PEPE',
      platform: 'pump.fun' as const,
      module: 'sniper' as const,
      signature: 'sig1',
      solSpent: 0.1,
      tokens: 3_500_000,
      at: Date.UTC(2026, 0, 2, 3, 4, 5),
      instanceId: 'i1',
      attemptId: 'a1',
    };
    const lines = toCsv([record, { ...record, signature: 'sig2', override: 'buy-again' }]).split('\r\n');
    expect(lines[0]).toBe('time,module,symbol,mint,platform,solSpent,tokens,signature,instanceId,attemptId,override');
    expect(lines[1]).toBe(`2026-01-02T03:04:05.000Z,sniper,PEPE,${mintOf(0)},pump.fun,0.1,3500000,sig1,i1,a1,`);
    expect(lines[2]?.endsWith(',sig2,i1,a1,buy-again')).toBe(true);
    expect(lines).toHaveLength(4);
  });
});
