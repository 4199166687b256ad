// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedView } from '../../../../../renderer/src/views/feed/feed-view.js';
import { attempt } from '../../fakes.js';
import { giveElementsAViewport, renderWithState } from '../../render-app.js';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = giveElementsAViewport(600);
});
afterAll(() => restoreLayout());
afterEach(cleanup);

const attemptRows = () => screen.getByRole('table', { name: 'Purchase attempts' }).querySelectorAll('[role=row][data-attempt-id]');

describe('FeedView', () => {
  it('says there is nothing yet when no attempt has come in', () => {
    renderWithState(<FeedView />);
    expect(screen.getByText(/No attempts yet/)).toBeTruthy();
    expect(attemptRows()).toHaveLength(0);
  });

  it('shows each attempt with its module, outcome, reason sentence and SOL, newest first', () => {
    const { state } = renderWithState(<FeedView />);
    act(() =>
      state.attempts.getState().apply([
        attempt(1),
        attempt(2, {
          outcome: 'blocked',
          module: 'whale-copy',
          reason: { code: 'already-bought' },
          reasonText: 'Already bought: this token is in the purchase history.',
        }),
      ]),
    );
    const rows = attemptRows();
    expect(rows).toHaveLength(2);
    const newest = rows[0] as HTMLElement;
    expect(newest.dataset.attemptId).toBe('a2');
    expect(newest.dataset.module).toBe('whale-copy');
    expect(newest.dataset.outcome).toBe('blocked');
    expect(within(newest).getByText('Already bought: this token is in the purchase history.')).toBeTruthy();
    expect(within(newest).getByRole('link', { name: 'Open TOK2 on Solscan' }).getAttribute('href')).toContain('solscan.io/token/');
    expect(within(rows[1] as HTMLElement).getByText('0.100')).toBeTruthy();
  });

  it('keeps the DOM small with 50k rows in the store (virtualized)', () => {
    const { state } = renderWithState(<FeedView />);
    act(() => state.attempts.getState().apply(Array.from({ length: 50_000 }, (_, i) => attempt(i))));
    const table = screen.getByRole('table', { name: 'Purchase attempts' });
    expect(table.getAttribute('aria-rowcount')).toBe('50001');
    const rendered = attemptRows().length;
    // 600 px of 40 px rows is 15 rows, plus the overscan above and below.
    expect(rendered).toBeGreaterThanOrEqual(15);
    expect(rendered).toBeLessThan(40);
    expect((attemptRows()[0] as HTMLElement).dataset.attemptId).toBe('a49999');
  });

  it('filters by module and by outcome, and says when nothing matches', async () => {
    const user = userEvent.setup();
    const { state } = renderWithState(<FeedView />);
    act(() =>
      state.attempts.getState().apply([
        attempt(1, { module: 'sniper', outcome: 'bought' }),
        attempt(2, { module: 'volume', outcome: 'failed' }),
        attempt(3, { module: 'volume', outcome: 'bought' }),
      ]),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Module' }), 'volume');
    expect([...attemptRows()].map((r) => (r as HTMLElement).dataset.attemptId)).toEqual(['a3', 'a2']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'failed');
    expect([...attemptRows()].map((r) => (r as HTMLElement).dataset.attemptId)).toEqual(['a2']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'unknown');
    expect(screen.getByText('No attempt matches these filters.')).toBeTruthy();
  });

  it('paused, new rows wait; Follow shows them again', async () => {
    const user = userEvent.setup();
    const { state } = renderWithState(<FeedView />);
    act(() => state.attempts.getState().apply([attempt(1)]));
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => state.attempts.getState().apply([attempt(2), attempt(3)]));
    expect(attemptRows()).toHaveLength(1);
    expect(screen.getByText('2 new rows while paused')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Follow' }));
    expect(attemptRows()).toHaveLength(3);
  });

  it('counts per module: attempts, bought with SOL, blocked', () => {
    const { state } = renderWithState(<FeedView />);
    act(() =>
      state.attempts.getState().apply([
        attempt(1, { outcome: undefined, stage: 'claimed' }),
        attempt(1, { outcome: 'bought', solAmount: 0.25 }),
        attempt(2, { outcome: 'blocked' }),
      ]),
    );
    const sniper = within(screen.getByRole('region', { name: 'Module counters' })).getByText('sniper').closest('[data-module]') as HTMLElement;
    const value = (label: string) => within(sniper).getByText(label).nextElementSibling?.textContent;
    expect(value('attempts')).toBe('2');
    expect(value('bought')).toBe('1');
    expect(value('blocked')).toBe('1');
    expect(value('SOL')).toBe('0.250');
  });
});
