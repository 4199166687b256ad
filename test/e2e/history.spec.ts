import { readFile } from 'node:fs/promises';
import type { PurchaseRecord } from '../../shared/domain.js';
import { expect, test } from './fixtures.js';
import { stopSignals, waitForAttempt } from './support/attempts.js';
import { openTab } from './support/console-page.js';

/**
 * RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of cells. Hand-written:
 * twenty lines for a test do not justify a dependency.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

test('the history search, totals and CSV export match the store', async ({ openConsole }) => {
  const { page, api } = await openConsole(['--modules', 'sniper,volume', '--sim-rate', '4', '--fail-rate', '0', '--unknown-rate', '0', '--latency-ms', '50-200']);
  // The sniper takes pump.fun launches only; volume spikes on bonk.fun buy the rest, so the
  // history has two modules.
  await api.call('module.update', { module: 'sniper', patch: { filters: { platforms: ['pump.fun'] } } });
  await api.call('module.update', {
    module: 'volume',
    patch: { solAmount: 0.05, filters: { windowSeconds: 5, minVolumeSol: 0.1, minTrades: 2, minUniqueBuyers: 1, spikeRatio: 0 } },
  });
  // Enough purchases for a search to narrow down; far fewer than a page, so all are shown.
  await api.waitForEvents('12 purchases', (events) => events.filter((e) => e.name === 'attempt' && (e.payload as { outcome?: string }).outcome === 'bought').length >= 12, 30_000);
  await waitForAttempt(api, 'a volume buy', (a) => a.module === 'volume' && a.outcome === 'bought', { timeoutMs: 30_000 });
  await stopSignals(api);
  const store = await api.call('history.list', { search: '', limit: 1_000, offset: 0 });
  expect(store.total).toBe(store.records.length);

  await openTab(page, 'History');
  const table = page.getByRole('table', { name: 'Purchase history' });
  const dataRows = table.getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
  await expect(dataRows).toHaveCount(store.total);

  // Totals per module: the count and the SOL of each module, as the store adds them up.
  const totals = page.getByRole('region', { name: 'Totals per module' });
  await expect(totals).toContainText('all');
  const perModule = new Map<string, { count: number; sol: number }>();
  for (const r of store.records) {
    const t = perModule.get(r.module) ?? { count: 0, sol: 0 };
    perModule.set(r.module, { count: t.count + 1, sol: t.sol + r.solSpent });
  }
  perModule.set('all', { count: store.records.length, sol: store.records.reduce((sum, r) => sum + r.solSpent, 0) });
  for (const [module, t] of perModule) {
    // "<module> <count> buys <sol> SOL", the amount rounded for display.
    const shown = new RegExp(`${module}\\s*([\\d,]+)\\s*buys\\s*([\\d.,]+)\\s*SOL`).exec((await totals.textContent()) ?? '');
    expect(shown, `totals of ${module}`).not.toBeNull();
    expect(Number(shown![1]!.replace(/,/g, ''))).toBe(t.count);
    expect(Number(shown![2]!.replace(/,/g, ''))).toBeCloseTo(t.sol, 2);
  }

  // Search by symbol: the rows are the store's answer to the same search.
  const sample = store.records[Math.floor(store.records.length / 2)]!;
  const needle = sample.symbol || sample.mint.slice(0, 8);
  await page.getByLabel('Search history').fill(needle);
  const found = await api.call('history.list', { search: needle, limit: 1_000, offset: 0 });
  expect(found.total).toBeGreaterThan(0);
  expect(found.total, 'the search narrows the list').toBeLessThan(store.total);
  await expect(dataRows).toHaveCount(found.total);
  for (const r of found.records) await expect(table).toContainText(r.symbol);

  // The CSV holds what is shown: the searched records, every field of the store.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = parseCsv(await readFile((await (await download).path())!, 'utf8')).filter((row) => row.some((cell) => cell !== ''));
  const [header, ...rows] = csv;
  expect(header).toBeDefined();
  const column = (name: string) => {
    const i = header!.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    expect(i, `CSV column ${name} in ${header!.join(',')}`).toBeGreaterThanOrEqual(0);
    return i;
  };
  const [mintAt, moduleAt, solAt, signatureAt] = [column('mint'), column('module'), column('solSpent'), column('signature')];
  const byMint = new Map<string, PurchaseRecord>(found.records.map((r) => [r.mint, r]));
  expect(rows.map((r) => r[mintAt]).sort()).toEqual([...byMint.keys()].sort());
  for (const row of rows) {
    const record = byMint.get(row[mintAt]!)!;
    expect(row[moduleAt]).toBe(record.module);
    expect(Number(row[solAt])).toBeCloseTo(record.solSpent, 9);
    expect(row[signatureAt]).toBe(record.signature);
  }
});
