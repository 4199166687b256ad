// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PurchaseRecord } from '../../../../../shared/domain.js';
import { HistoryView } from '../../../../../renderer/src/views/history/history-view.js';
import { attempt, FakeTransport, mintOf } from '../../fakes.js';
import { renderWithState } from '../../render-app.js';

afterEach(cleanup);

const record = (i: number): PurchaseRecord => ({
  mint: mintOf(i),
  symbol: `T${i}`,
  platform: 'pump.fun',
  module: i % 2 ? 'volume' : 'sniper',
  signature: `sig${i}`,
  solSpent: 0.1,
  tokens: 1000,
  at: 1_700_000_000_000 + i,
  instanceId: 'inst',
});

/** An engine with `count` purchases that answers history.list as the real handler does. */
function engine(count: number) {
  const all = Array.from({ length: count }, (_, i) => record(i)).reverse();
  const matching = (search: string) => all.filter((r) => !search || r.symbol.toLowerCase().includes(search.toLowerCase()) || r.module.includes(search));
  return new FakeTransport({
    'history.list': (input) => {
      const { search, limit, offset } = input as { search: string; limit: number; offset: number };
      const matches = matching(search);
      return { total: matches.length, records: matches.slice(offset, offset + limit) };
    },
    'history.totals': (input) => {
      const byModule = new Map<string, { module: string; count: number; sol: number }>();
      for (const r of matching((input as { search: string }).search)) {
        const t = byModule.get(r.module) ?? { module: r.module, count: 0, sol: 0 };
        t.count++;
        t.sol += r.solSpent;
        byModule.set(r.module, t);
      }
      return [...byModule.values()];
    },
  });
}

const bodyRows = () => within(screen.getByRole('table', { name: 'Purchase history' })).getAllByRole('row').slice(1);

describe('HistoryView', () => {
  it('says there are no purchases yet', async () => {
    renderWithState(<HistoryView />, { transport: engine(0) });
    expect(await screen.findByText('No purchases yet.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(true);
  });

  it("shows the engine's error when the history cannot be read", async () => {
    renderWithState(<HistoryView />, {
      transport: new FakeTransport({
        'history.list': () => {
          throw new Error('purchase-history-3f.json is not valid JSON');
        },
      }),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('purchase-history-3f.json is not valid JSON');
  });

  it('pages newest first, 100 a page', async () => {
    const transport = engine(250);
    renderWithState(<HistoryView />, { transport });
    await waitFor(() => expect(bodyRows()).toHaveLength(100));
    expect(bodyRows()[0]?.getAttribute('data-mint')).toBe(mintOf(249));
    expect(screen.getByText('page 1 of 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Previous page' }).hasAttribute('disabled')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(50));
    expect(screen.getByRole('button', { name: 'Next page' }).hasAttribute('disabled')).toBe(true);
    expect(transport.callsOf('history.list').at(-1)).toEqual({ search: '', limit: 100, offset: 200 });
  });

  it('shows per-module totals over every matching record, not only the page', async () => {
    const transport = engine(250);
    renderWithState(<HistoryView />, { transport });
    const totals = screen.getByRole('region', { name: 'Totals per module' });
    await waitFor(() => expect(totals.querySelector('[data-module="sniper"]')?.textContent).toBe('sniper125buys12.50SOL'));
    expect(totals.querySelector('[data-module="volume"]')?.textContent).toBe('volume125buys12.50SOL');
    expect(totals.querySelector('.all')?.textContent).toBe('all250buys25.00SOL');
    // Paging asks for the page only; the totals stay.
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(transport.callsOf('history.list')).toHaveLength(2));
    expect(transport.callsOf('history.totals')).toHaveLength(1);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search history' }), 'volume');
    await waitFor(() => expect(totals.querySelector('.all')?.textContent).toBe('all125buys12.50SOL'));
    expect(transport.callsOf('history.totals').at(-1)).toEqual({ search: 'volume' });
  });

  it('follows new purchases on the first page while open, and stops when closed', async () => {
    const records = [record(1)];
    const transport = new FakeTransport({
      'history.list': () => ({ total: records.length, records: [...records].reverse() }),
      'history.totals': () => [],
    });
    const { state, unmount } = renderWithState(<HistoryView />, { transport });
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    records.push(record(2));
    act(() => state.target.applyEvents([{ seq: 2, name: 'attempt', payload: attempt(2, { outcome: 'bought' }) }]));
    await waitFor(() => expect(bodyRows()).toHaveLength(2), { timeout: 3_000 });
    const calls = transport.callsOf('history.list').length;
    unmount();
    act(() => state.target.applyEvents([{ seq: 3, name: 'attempt', payload: attempt(3, { outcome: 'bought' }) }]));
    await new Promise((r) => setTimeout(r, 1_200));
    expect(transport.callsOf('history.list')).toHaveLength(calls);
  });

  it('searches as the trader types, from the first page, and says when nothing matches', async () => {
    const transport = engine(30);
    renderWithState(<HistoryView />, { transport });
    await waitFor(() => expect(bodyRows()).toHaveLength(30));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search history' }), 'T29');
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(transport.callsOf('history.list').at(-1)).toEqual({ search: 'T29', limit: 100, offset: 0 });
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search history' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search history' }), 'nothing');
    expect(await screen.findByText('No purchase matches “nothing”.')).toBeTruthy();
  });
});
