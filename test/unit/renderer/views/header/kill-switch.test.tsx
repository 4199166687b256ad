// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../../shared/settings.js';
import { KillSwitch } from '../../../../../renderer/src/views/header/kill-switch.js';
import { FakeTransport } from '../../fakes.js';
import { renderWithState } from '../../render-app.js';

afterEach(cleanup);

function engine(killSwitch: boolean, refuse?: string) {
  const settings = { ...defaultSettings(), killSwitch };
  return new FakeTransport({
    'killSwitch.set': (input) => {
      if (refuse) throw new Error(refuse);
      settings.killSwitch = (input as { on: boolean }).on;
      return { ok: true };
    },
    'settings.get': () => ({ ...settings }),
  });
}

describe('KillSwitch', () => {
  it('stops all buying with one click', async () => {
    const transport = engine(false);
    renderWithState(<KillSwitch />, { transport });
    await userEvent.click(screen.getByRole('button', { name: 'Stop all buying' }));
    expect(transport.callsOf('killSwitch.set')).toEqual([{ on: true }]);
    expect(await screen.findByRole('button', { name: 'Resume buying' })).toBeTruthy();
  });

  it('resumes only after the dialog is confirmed; Cancel changes nothing', async () => {
    const transport = engine(true);
    const { state } = renderWithState(<KillSwitch />, { transport });
    act(() => state.settings.getState().setSettings({ ...defaultSettings(), killSwitch: true }));
    await userEvent.click(screen.getByRole('button', { name: 'Resume buying' }));
    const dialog = screen.getByRole('dialog', { name: 'Resume buying?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(transport.callsOf('killSwitch.set')).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Resume buying' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Resume' }));
    expect(transport.callsOf('killSwitch.set')).toEqual([{ on: false }]);
    expect(await screen.findByRole('button', { name: 'Stop all buying' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Escape closes the resume dialog without resuming', async () => {
    const transport = engine(true);
    const { state } = renderWithState(<KillSwitch />, { transport });
    act(() => state.settings.getState().setSettings({ ...defaultSettings(), killSwitch: true }));
    await userEvent.click(screen.getByRole('button', { name: 'Resume buying' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(transport.callsOf('killSwitch.set')).toEqual([]);
  });

  it("shows the engine's reason when it refuses", async () => {
    renderWithState(<KillSwitch />, { transport: engine(false, 'settings.json is read-only') });
    await userEvent.click(screen.getByRole('button', { name: 'Stop all buying' }));
    expect((await screen.findByRole('alert')).textContent).toBe('settings.json is read-only');
    expect(screen.getByRole('button', { name: 'Stop all buying' })).toBeTruthy();
  });
});
