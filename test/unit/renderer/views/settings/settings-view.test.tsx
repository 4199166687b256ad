// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../../../shared/settings.js';
import { SettingsView } from '../../../../../renderer/src/views/settings/settings-view.js';
import { FakeTransport } from '../../fakes.js';
import { renderWithState } from '../../render-app.js';

afterEach(cleanup);

function engine(refuse?: string) {
  const settings: Settings = defaultSettings();
  return new FakeTransport({
    'module.update': (input) => {
      if (refuse) throw new Error(refuse);
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

const sniperForm = () => screen.getByRole('form', { name: 'sniper' });

describe('SettingsView', () => {
  it('has one form per module and one for the limits', () => {
    renderWithState(<SettingsView />, { transport: engine() });
    for (const name of ['sniper', 'whale-copy', 'trending', 'volume', 'Limits']) expect(screen.getByRole('form', { name })).toBeTruthy();
  });

  it('explains a bad regex as it is typed, links the message to the field, and never sends it', async () => {
    const transport = engine();
    renderWithState(<SettingsView />, { transport });
    const field = within(sniperForm()).getByLabelText('Name must match (regex)');
    await userEvent.type(field, '[[a');
    const alert = within(sniperForm()).getByRole('alert');
    expect(alert.textContent).toBe('not a valid regular expression');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    await userEvent.click(within(sniperForm()).getByRole('button', { name: 'Save' }));
    expect(transport.callsOf('module.update')).toEqual([]);
    expect(document.activeElement).toBe(field);
  });

  it('explains a negative SOL per buy and keeps it unsaved', async () => {
    const transport = engine();
    renderWithState(<SettingsView />, { transport });
    const field = within(sniperForm()).getByLabelText('SOL per buy');
    await userEvent.clear(field);
    await userEvent.type(field, '-0.5');
    expect(within(sniperForm()).getByRole('alert').textContent).toBe('must be more than 0');
    await userEvent.click(within(sniperForm()).getByRole('button', { name: 'Save' }));
    expect(transport.callsOf('module.update')).toEqual([]);
  });

  it('saves a valid change: enabled, SOL per buy, daily budget, approval mode and the filters', async () => {
    const transport = engine();
    const { state } = renderWithState(<SettingsView />, { transport });
    const form = within(screen.getByRole('form', { name: 'volume' }));
    await userEvent.click(form.getByRole('checkbox', { name: 'Enabled' }));
    await userEvent.clear(form.getByLabelText('SOL per buy'));
    await userEvent.type(form.getByLabelText('SOL per buy'), '0.2');
    await userEvent.clear(form.getByLabelText('Daily budget (SOL)'));
    await userEvent.type(form.getByLabelText('Daily budget (SOL)'), '3');
    await userEvent.selectOptions(form.getByRole('combobox', { name: 'Approval mode' }), 'approve');
    await userEvent.clear(form.getByLabelText('Min trades in window'));
    await userEvent.type(form.getByLabelText('Min trades in window'), '40');
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(form.getByText('Saved.')).toBeTruthy());
    const [call] = transport.callsOf('module.update') as { module: string; patch: Record<string, unknown> }[];
    expect(call?.module).toBe('volume');
    expect(call?.patch).toMatchObject({ enabled: !defaultSettings().modules.volume!.enabled, solAmount: 0.2, dailyBudgetSol: 3, requireApproval: true });
    expect((call?.patch.filters as Record<string, unknown>).minTrades).toBe(40);
    expect(state.settings.getState().settings?.modules.volume?.solAmount).toBe(0.2);
  });

  it("shows the engine's reason when it refuses a save, and keeps the draft", async () => {
    renderWithState(<SettingsView />, { transport: engine('Invalid sniper filters: maxAgeSeconds: too big') });
    const field = within(sniperForm()).getByLabelText('Max launch age (s)');
    await userEvent.clear(field);
    await userEvent.type(field, '20');
    await userEvent.click(within(sniperForm()).getByRole('button', { name: 'Save' }));
    expect((await within(sniperForm()).findByRole('alert')).textContent).toBe('Not saved: Invalid sniper filters: maxAgeSeconds: too big');
    expect((field as HTMLInputElement).value).toBe('20');
  });

  it('validates the limits with the engine’s schema', async () => {
    const transport = engine();
    renderWithState(<SettingsView />, { transport });
    const form = within(screen.getByRole('form', { name: 'Limits' }));
    await userEvent.clear(form.getByLabelText('Max concurrent buys'));
    await userEvent.type(form.getByLabelText('Max concurrent buys'), '0');
    expect(form.getByRole('alert').textContent).toBe('must be more than 0');
    await userEvent.clear(form.getByLabelText('Max concurrent buys'));
    await userEvent.type(form.getByLabelText('Max concurrent buys'), '4');
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(transport.callsOf('limits.update')).toEqual([{ ...defaultSettings().limits, maxConcurrentBuys: 4 }]));
  });
});
