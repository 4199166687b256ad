// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Header } from '../../../../../renderer/src/views/header/header.js';
import { engineStatus } from '../../fakes.js';
import { renderWithState } from '../../render-app.js';

afterEach(cleanup);

const publicKey = '7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU';

function renderHeader() {
  return renderWithState(<Header tab="feed" onTab={() => {}} />);
}

describe('the wallet in the header', () => {
  it('is absent on paper, where no wallet is used', () => {
    renderHeader();
    expect(screen.getByText('PAPER', { exact: true })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Wallet' })).toBeNull();
  });

  it('shows LIVE, the short public key (whole in the title and the copy) and the balance with its age', async () => {
    const { state } = renderHeader();
    act(() =>
      state.status.getState().setStatus(engineStatus({ mode: 'live', wallet: { publicKey, balanceSol: 1.23456, balanceAt: Date.now() - 12_000, keptBy: 'passphrase' } })),
    );
    const badge = screen.getByText('LIVE', { exact: true });
    expect(badge.className).toContain('live');
    const wallet = screen.getByRole('region', { name: 'Wallet' });
    expect(within(wallet).getByText('7xKX…gAsU')).toBeTruthy();
    expect(wallet.getAttribute('title')).toContain(publicKey);
    expect(wallet.getAttribute('title')).toContain('passphrase');
    expect(within(wallet).getByText('1.23 SOL')).toBeTruthy();
    expect(wallet.textContent).toContain('read 12 s ago');
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copied.push(t) } });
    await userEvent.click(within(wallet).getByRole('button', { name: 'Copy wallet address' }));
    expect(copied).toEqual([publicKey]);
  });

  it('says when the balance was not read yet, and marks an old one stale', () => {
    const { state } = renderHeader();
    act(() => state.status.getState().setStatus(engineStatus({ mode: 'live', wallet: { publicKey, keptBy: 'file' } })));
    expect(within(screen.getByRole('region', { name: 'Wallet' })).getByText('balance not read yet')).toBeTruthy();
    act(() => state.status.getState().setStatus(engineStatus({ mode: 'live', wallet: { publicKey, keptBy: 'file', balanceSol: 2, balanceAt: Date.now() - 5 * 60_000 } })));
    const wallet = screen.getByRole('region', { name: 'Wallet' });
    expect(wallet.textContent).toContain('stale, read 5 min ago');
    expect(wallet.querySelector('.wallet-balance')?.className).toContain('tone-warn');
  });

  it('says when the balance is at or below the reserve, where every buy is refused', () => {
    const { state } = renderHeader();
    const settings = state.settings.getState().settings!;
    act(() => state.settings.getState().setSettings({ ...settings, limits: { ...settings.limits, solReserveSol: 0.05 } }));
    act(() => state.status.getState().setStatus(engineStatus({ mode: 'live', wallet: { publicKey, keptBy: 'file', balanceSol: 0.5, balanceAt: Date.now() } })));
    expect(screen.getByRole('region', { name: 'Wallet' }).textContent).not.toContain('reserve');
    act(() => state.status.getState().setStatus(engineStatus({ mode: 'live', wallet: { publicKey, keptBy: 'file', balanceSol: 0.04, balanceAt: Date.now() } })));
    const wallet = screen.getByRole('region', { name: 'Wallet' });
    expect(wallet.textContent).toContain('at the 0.050 SOL reserve: buys refused');
    expect(wallet.querySelector('.wallet-balance')?.className).toContain('tone-bad');
  });
});
