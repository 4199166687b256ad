// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app.js';
import { engineStatus, FakeTransport } from './fakes.js';
import { renderWithState } from './render-app.js';

afterEach(cleanup);

const transport = () =>
  new FakeTransport({ 'positions.list': () => ({ positions: [], totals: { open: 0, realizedSol: 0, unrealizedSol: 0 } }), 'history.list': () => ({ total: 0, records: [] }), 'history.totals': () => [], 'blocked.list': () => [] });

describe('App', () => {
  it('has the heading, the mode in big letters, the kill switch and the five tabs', () => {
    renderWithState(<App />, { transport: transport() });
    expect(screen.getByRole('heading', { name: 'launchdesk' })).toBeTruthy();
    expect(screen.getByText('PAPER', { exact: true })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop all buying' })).toBeTruthy();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Live feed', 'Positions', 'Blocked', 'Settings', 'History']);
    expect(screen.getByRole('tabpanel', { name: 'Live feed' })).toBeTruthy();
  });

  it('says LIVE when the engine trades live', () => {
    const { state } = renderWithState(<App />, { transport: transport() });
    act(() => state.status.getState().setStatus(engineStatus({ mode: 'live' })));
    expect(screen.getByText('LIVE', { exact: true })).toBeTruthy();
    expect(screen.queryByText('PAPER', { exact: true })).toBeNull();
  });

  it('moves between views with the arrow keys, focus following the selected tab', async () => {
    renderWithState(<App />, { transport: transport() });
    screen.getByRole('tab', { name: 'Live feed' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Positions' }));
    expect(screen.getByRole('table', { name: 'Positions' })).toBeTruthy();
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Blocked' }));
    expect(screen.getByRole('tab', { name: 'Blocked' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('heading', { name: /^Waiting for approval/ })).toBeTruthy();
    await userEvent.keyboard('{End}');
    expect(screen.getByRole('tabpanel', { name: 'History' })).toBeTruthy();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Live feed' }).getAttribute('aria-selected')).toBe('true');
  });
});
