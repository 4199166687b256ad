import type { PurchaseRecord } from '../../../../shared/domain.js';

export const csvColumns = ['time', 'module', 'symbol', 'mint', 'platform', 'solSpent', 'tokens', 'signature', 'instanceId', 'attemptId', 'override'] as const;

/**
 * One CSV field. Quoted when it holds a separator, a quote or a line break; and a text
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: token symbols come from the chain and anyone can name a token "=HYPERLINK(…)".
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(record: PurchaseRecord): string {
  return [
    new Date(record.at).toISOString(),
    record.module,
    record.symbol,
    record.mint,
    record.platform,
    record.solSpent,
    record.tokens,
    record.signature,
    record.instanceId,
    record.attemptId,
    record.override,
  ]
    .map(csvField)
    .join(',');
}

export function toCsv(records: readonly PurchaseRecord[]): string {
  return [csvColumns.join(','), ...records.map(csvRow)].join('\r\n') + '\r\n';
}
