// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../../../shared/settings.js';
import { SettingsView } from '../../../../../renderer/src/views/settings/settings-view.js';
import { FakeTransport } from '../../fakes.js';
import { renderWithState } from '../../render-app.js';

afterEach(cleanup);

function engine() {
  const settings: Settings = defaultSettings();
  return new FakeTransport({
    'module.update': (input) => {
      const { module, patch } = input as { module: 'sniper'; patch: object };
      settings.modules[module] = { ...settings.modules[module]!, ...patch };
      return settings.modules[module];
    },
    'limits.update': (input) => {
      settings.limits = { ...settings.limits, ...(input as object) };
      return settings.limits;
    },
    'settings.get': () => structuredClone(settings),
  });
}

async function retype(field: HTMLElement, text: string) {
  await userEvent.clear(field);
  await userEvent.type(field, text);
}

const hintOf = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('exit rules in each module form', () => {
  it('has take profit, stop loss, trailing stop and max hold, each saying 0 = off', () => {
    renderWithState(<SettingsView />, { transport: engine() });
    const form = within(screen.getByRole('form', { name: 'whale-copy' }));
    for (const label of ['Take profit (%)', 'Stop loss (%)', 'Trailing stop (%)', 'Max hold (min)']) {
      const field = form.getByLabelText(label) as HTMLInputElement;
      expect(field.value).toBe('0');
      expect(hintOf(field)).toContain('0 = off');
    }
  });

  it('explains a stop loss over 100% or a negative take profit, and sends nothing', async () => {
    const transport = engine();
    renderWithState(<SettingsView />, { transport });
    const form = within(screen.getByRole('form', { name: 'sniper' }));
    await retype(form.getByLabelText('Stop loss (%)'), '150');
    expect(form.getByRole('alert').textContent).toBe('must be at most 100');
    await retype(form.getByLabelText('Stop loss (%)'), '20');
    await retype(form.getByLabelText('Take profit (%)'), '-5');
    expect(form.getByRole('alert').textContent).toBe('must not be negative');
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(transport.callsOf('module.update')).toEqual([]);
  });

  it('sends the exits as patch.exits', async () => {
    const transport = engine();
    const { state } = renderWithState(<SettingsView />, { transport });
    const form = within(screen.getByRole('form', { name: 'sniper' }));
    await retype(form.getByLabelText('Take profit (%)'), '100');
    await retype(form.getByLabelText('Stop loss (%)'), '30');
    await retype(form.getByLabelText('Trailing stop (%)'), '15');
    await retype(form.getByLabelText('Max hold (min)'), '45');
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(form.getByText('Saved.')).toBeTruthy());
    const [call] = transport.callsOf('module.update') as { module: string; patch: Record<string, unknown> }[];
    expect(call?.patch.exits).toEqual({ takeProfitPct: 100, stopLossPct: 30, trailingStopPct: 15, maxHoldMinutes: 45 });
    expect(state.settings.getState().settings?.modules.sniper?.exits.maxHoldMinutes).toBe(45);
  });
});

describe('the live limits in the limits form', () => {
  it('lists the hourly cap, max open positions and the wallet reserve, each with what 0 or the value means, and saves them', async () => {
    const transport = engine();
    renderWithState(<SettingsView />, { transport });
    const form = within(screen.getByRole('form', { name: 'Limits' }));
    expect(hintOf(form.getByLabelText('Hourly spend cap (SOL)'))).toContain('0 = no cap');
    expect(hintOf(form.getByLabelText('Max open positions'))).toContain('0 = no cap');
    expect(hintOf(form.getByLabelText('Wallet reserve (SOL)'))).toContain('never goes below');
    await retype(form.getByLabelText('Max open positions'), '2.5');
    expect(form.getByRole('alert').textContent).toBe('must be a whole number');
    await retype(form.getByLabelText('Max open positions'), '10');
    await retype(form.getByLabelText('Hourly spend cap (SOL)'), '2');
    await retype(form.getByLabelText('Wallet reserve (SOL)'), '0.1');
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(transport.callsOf('limits.update')).toHaveLength(1));
    expect(transport.callsOf('limits.update')[0]).toMatchObject({ maxOpenPositions: 10, maxSolPerHour: 2, solReserveSol: 0.1 });
  });
});
