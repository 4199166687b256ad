// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultExecution, defaultSettings, type Settings } from '../../../../../shared/settings.js';
import { SettingsView } from '../../../../../renderer/src/views/settings/settings-view.js';
import { FakeTransport } from '../../fakes.js';
import { renderWithState } from '../../render-app.js';

afterEach(cleanup);

function engine(options: { refuse?: string } = {}) {
  const settings: Settings = { ...defaultSettings(), revision: 7 };
  return new FakeTransport({
    'execution.update': (input) => {
      if (options.refuse) throw new Error(options.refuse);
      const { revision: _revision, ...patch } = input as Record<string, unknown>;
      settings.execution = { ...settings.execution, ...patch };
      settings.revision++;
      return settings.execution;
    },
    'settings.get': () => structuredClone(settings),
  });
}

async function renderForm(transport = engine()) {
  const rendered = renderWithState(<SettingsView />, { transport });
  rendered.state.settings.getState().setSettings({ ...defaultSettings(), revision: 7 });
  const form = within(await screen.findByRole('form', { name: 'Execution' }));
  return { ...rendered, form };
}

async function retype(field: HTMLElement, text: string) {
  await userEvent.clear(field);
  if (text) await userEvent.type(field, text);
}

describe('ExecutionForm', () => {
  it('shows the execution settings, with the most a transaction can pay in priority fee', async () => {
    const { form } = await renderForm();
    expect((form.getByLabelText('Slippage (%)') as HTMLInputElement).value).toBe(String(defaultExecution.slippagePct));
    expect((form.getByRole('combobox', { name: 'Priority fee mode' }) as HTMLSelectElement).value).toBe('dynamic');
    expect((form.getByLabelText('Priority fee cap (micro-lamports/CU)') as HTMLInputElement).value).toBe('2000000');
    expect((form.getByLabelText('Compute unit limit') as HTMLInputElement).value).toBe('200000');
    // Dynamic: the cap × the unit limit = 2 000 000 µlamports × 200 000 CU = 400 000 lamports.
    expect(form.getByText('Priority fee at most 400,000 lamports (0.0004 SOL) a transaction.')).toBeTruthy();
  });

  it('explains bad values as they are typed and never sends them', async () => {
    const transport = engine();
    const { form } = await renderForm(transport);
    await retype(form.getByLabelText('Slippage (%)'), '150');
    expect(form.getByRole('alert').textContent).toBe('must be at most 100');
    // The pump.fun SDK keeps tenths of a percent: 2.55 would trade at 2.5, so it is refused.
    await retype(form.getByLabelText('Slippage (%)'), '2.55');
    expect(form.getByRole('alert').textContent).toBe('slippage is set in 0.1% steps');
    await retype(form.getByLabelText('Slippage (%)'), '5');
    await retype(form.getByLabelText('Priority fee (micro-lamports/CU)'), '1.5');
    expect(form.getByRole('alert').textContent).toBe('must be a whole number');
    await retype(form.getByLabelText('Priority fee (micro-lamports/CU)'), '1000');
    const units = form.getByLabelText('Compute unit limit');
    await retype(units, '5000');
    const alert = form.getByRole('alert');
    expect(alert.textContent).toBe('must be at least 10,000');
    expect(units.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(transport.callsOf('execution.update')).toEqual([]);
    expect(document.activeElement).toBe(units);
  });

  it('sends a valid change with the revision it was made against', async () => {
    const transport = engine();
    const { form, state } = await renderForm(transport);
    await retype(form.getByLabelText('Slippage (%)'), '2.5');
    await userEvent.selectOptions(form.getByRole('combobox', { name: 'Priority fee mode' }), 'fixed');
    await retype(form.getByLabelText('Priority fee (micro-lamports/CU)'), '50000');
    await retype(form.getByLabelText('Compute unit limit'), '120000');
    expect(form.getByText('Priority fee at most 6,000 lamports (0.000006 SOL) a transaction.')).toBeTruthy();
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(form.getByText('Saved.')).toBeTruthy());
    expect(transport.callsOf('execution.update')).toEqual([
      { slippagePct: 2.5, priorityFee: { mode: 'fixed', microLamports: 50_000, capMicroLamports: 2_000_000 }, computeUnitLimit: 120_000, revision: 7 },
    ]);
    expect(state.settings.getState().settings?.execution.priorityFee.mode).toBe('fixed');
  });

  it("shows the engine's refusal (a stale revision) and keeps the draft", async () => {
    const { form } = await renderForm(engine({ refuse: 'the settings changed meanwhile (revision 8, not 7): reload and try again' }));
    await retype(form.getByLabelText('Slippage (%)'), '3');
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    expect((await form.findByRole('alert')).textContent).toBe('Not saved: the settings changed meanwhile (revision 8, not 7): reload and try again');
    expect((form.getByLabelText('Slippage (%)') as HTMLInputElement).value).toBe('3');
  });
});
