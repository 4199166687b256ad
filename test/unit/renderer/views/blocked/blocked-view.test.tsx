// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlockedEntry } from '../../../../../shared/contract.js';
import type { PurchaseRecord } from '../../../../../shared/domain.js';
import { defaultSettings } from '../../../../../shared/settings.js';
import { BlockedView } from '../../../../../renderer/src/views/blocked/blocked-view.js';
import { attempt, FakeTransport, mintOf } from '../../fakes.js';
import { renderWithState } from '../../render-app.js';

afterEach(cleanup);

const common = (i: number) => ({ mint: mintOf(i), symbol: `T${i}`, module: 'sniper' as const, platform: 'pump.fun' as const, attemptId: `a${i}`, since: Date.now() - 60_000, solAmount: 0.1 });
const entries: BlockedEntry[] = [
  { kind: 'pending-approval', ...common(0), signalReason: 'new launch T0' },
  { kind: 'filter-failed', ...common(1), signalReason: 'new launch T1', filter: 'maxMarketCapSol', reasonText: 'Filter "maxMarketCapSol" failed: 90 SOL > 50 SOL.' },
  { kind: 'unknown-outcome', ...common(2), ownerInstanceId: 'inst-9', signature: 'sigX' },
];
const purchase: PurchaseRecord = { mint: mintOf(3), symbol: 'T3', platform: 'bonk.fun', module: 'volume', signature: 's3', solSpent: 0.25, tokens: 1, at: 1_700_000_000_000, instanceId: 'i' };

function engine(handlers: Record<string, (input: unknown) => unknown> = {}) {
  return new FakeTransport({
    'blocked.list': () => entries,
    'history.list': () => ({ total: 1, records: [purchase] }),
    'settings.get': () => defaultSettings(),
    ...handlers,
  });
}

function renderBlocked(transport = engine()) {
  const rendered = renderWithState(<BlockedView />, { transport });
  act(() => rendered.state.blocked.getState().setEntries(entries));
  return rendered;
}

const section = (name: string) => screen.getByRole('heading', { name: new RegExp(`^${name}`) }).closest('section') as HTMLElement;
const row = (name: string, mint: string) => section(name).querySelector(`tr[data-mint="${mint}"]`) as HTMLElement;

describe('BlockedView', () => {
  it('says so when nothing is blocked', async () => {
    renderWithState(<BlockedView />, { transport: engine({ 'blocked.list': () => [], 'history.list': () => ({ total: 0, records: [] }) }) });
    expect(screen.getByText('No signal waits for approval.')).toBeTruthy();
    expect(screen.getByText('No signal was refused by a filter.')).toBeTruthy();
    expect(screen.getByText('No buy has an unknown outcome.')).toBeTruthy();
    expect(await screen.findByText('Nothing bought yet.')).toBeTruthy();
    expect(screen.getByText('Nothing is blocklisted.')).toBeTruthy();
  });

  it('lists each kind under its heading with its own actions', async () => {
    renderBlocked();
    expect(within(row('Waiting for approval', mintOf(0))).getByRole('button', { name: 'Approve once' })).toBeTruthy();
    expect(within(row('Filter failed', mintOf(1))).getByText('Filter "maxMarketCapSol" failed: 90 SOL > 50 SOL.')).toBeTruthy();
    const unknown = row('Unknown outcome', mintOf(2));
    expect(within(unknown).getByText('inst-9')).toBeTruthy();
    expect(within(unknown).getByText('1 min ago')).toBeTruthy();
    await waitFor(() => expect(row('Bought', mintOf(3))).toBeTruthy());
  });

  it("shows the coordinator's reason when an approval is refused", async () => {
    const transport = engine({
      'blocked.approveOnce': () =>
        attempt(0, { outcome: 'blocked', reason: { code: 'kill-switch' }, reasonText: 'The kill switch is on: all buying is stopped.' }),
    });
    renderBlocked(transport);
    await userEvent.click(within(row('Filter failed', mintOf(1))).getByRole('button', { name: 'Approve once' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Approve once of T1 refused: The kill switch is on: all buying is stopped.');
    expect(transport.callsOf('blocked.approveOnce')).toEqual([{ attemptId: 'a1' }]);
  });

  it('shows an error the engine throws (a dismiss that came too late)', async () => {
    const transport = engine({
      'blocked.dismiss': () => {
        throw new Error('that attempt is no longer waiting for approval');
      },
    });
    renderBlocked(transport);
    await userEvent.click(within(row('Waiting for approval', mintOf(0))).getByRole('button', { name: 'Dismiss' }));
    expect((await screen.findByRole('alert')).textContent).toBe('that attempt is no longer waiting for approval');
  });

  it('buys again only through a dialog that states the amount; Cancel buys nothing', async () => {
    const transport = engine({ 'blocked.buyAgain': () => attempt(3, { override: 'buy-again', outcome: 'bought', symbol: 'T3' }) });
    renderBlocked(transport);
    await waitFor(() => expect(row('Bought', mintOf(3))).toBeTruthy());
    await userEvent.click(within(row('Bought', mintOf(3))).getByRole('button', { name: 'Buy again' }));
    let dialog = screen.getByRole('dialog', { name: 'Buy T3 again?' });
    expect(dialog.textContent).toContain('0.250 SOL');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(transport.callsOf('blocked.buyAgain')).toEqual([]);

    await userEvent.click(within(row('Bought', mintOf(3))).getByRole('button', { name: 'Buy again' }));
    dialog = screen.getByRole('dialog');
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'SOL to spend' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'SOL to spend' }), '0.5');
    expect(dialog.textContent).toContain('0.500 SOL');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(transport.callsOf('blocked.buyAgain')).toEqual([{ mint: mintOf(3), platform: 'bonk.fun', symbol: 'T3', solAmount: 0.5 }]);
    expect((await screen.findByRole('status')).textContent).toBe('Buy again of T3: T3 bought.');
  });

  it('will not confirm a buy again above the per-buy limit', async () => {
    const transport = engine();
    const { state } = renderBlocked(transport);
    act(() => state.settings.getState().setSettings(defaultSettings()));
    await waitFor(() => expect(row('Bought', mintOf(3))).toBeTruthy());
    await userEvent.click(within(row('Bought', mintOf(3))).getByRole('button', { name: 'Buy again' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'SOL to spend' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'SOL to spend' }), '999');
    expect(within(dialog).getByRole('alert').textContent).toContain('Above the limit');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(transport.callsOf('blocked.buyAgain')).toEqual([]);
  });

  it('marks an unknown outcome bought with its signature, or not bought after a confirm', async () => {
    const transport = engine({ 'blocked.markReconciled': () => ({ ok: true }) });
    renderBlocked(transport);
    const unknown = row('Unknown outcome', mintOf(2));
    const signature = within(unknown).getByLabelText('Signature of the buy of T2');
    expect((signature as HTMLInputElement).value).toBe('sigX');
    await userEvent.clear(signature);
    await userEvent.type(signature, 'sigY');
    await userEvent.click(within(unknown).getByRole('button', { name: 'Mark bought' }));
    await waitFor(() => expect(transport.callsOf('blocked.markReconciled')).toEqual([{ mint: mintOf(2), outcome: 'bought', signature: 'sigY' }]));

    await userEvent.click(within(row('Unknown outcome', mintOf(2))).getByRole('button', { name: 'Mark not bought' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark not bought?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(transport.callsOf('blocked.markReconciled')).toHaveLength(2));
    expect(transport.callsOf('blocked.markReconciled')[1]).toEqual({ mint: mintOf(2), outcome: 'not-bought' });
  });

  it('adds to the blocklist only a real address, and shows a refusal', async () => {
    const transport = engine({
      'blocklist.add': () => {
        throw new Error('settings.json could not be written');
      },
    });
    renderBlocked(transport);
    const input = screen.getByRole('textbox', { name: 'Mint or creator address' });
    await userEvent.type(input, 'not-an-address');
    expect(screen.getByRole('alert').textContent).toBe('Not a Solana address (base58, 32 bytes).');
    expect(screen.getByRole('button', { name: 'Add to blocklist' }).hasAttribute('disabled')).toBe(true);
    await userEvent.clear(input);
    await userEvent.type(input, mintOf(1));
    await userEvent.click(screen.getByRole('button', { name: 'Add to blocklist' }));
    expect(transport.callsOf('blocklist.add')).toEqual([{ address: mintOf(1) }]);
    expect((await screen.findByRole('alert')).textContent).toBe('settings.json could not be written');
  });

  it('removes a blocklist entry by its named button', async () => {
    const transport = engine({ 'blocklist.remove': () => ({ ok: true }) });
    const { state } = renderBlocked(transport);
    act(() => state.settings.getState().setSettings({ ...defaultSettings(), blocklist: [mintOf(0)] }));
    await userEvent.click(screen.getByRole('button', { name: `Remove ${mintOf(0)}` }));
    expect(transport.callsOf('blocklist.remove')).toEqual([{ address: mintOf(0) }]);
  });
});
