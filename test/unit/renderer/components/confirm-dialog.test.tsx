// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from '../../../../renderer/src/components/confirm-dialog.js';

afterEach(cleanup);

describe('ConfirmDialog', () => {
  it('is a modal dialog named by its title, with focus on Cancel so a stray Enter does nothing', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(
      <ConfirmDialog title="Buy PEPE again?" onConfirm={onConfirm} onCancel={onCancel}>
        <p>for 0.100 SOL</p>
      </ConfirmDialog>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Buy PEPE again?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toBe('for 0.100 SOL');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Enter}');
    expect(onConfirm).not.toHaveBeenCalled();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('keeps Tab inside the dialog', async () => {
    render(<ConfirmDialog title="Resume buying?" confirmLabel="Resume" onConfirm={() => {}} onCancel={() => {}} />);
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const resume = screen.getByRole('button', { name: 'Resume' });
    await userEvent.tab();
    expect(document.activeElement).toBe(resume);
    await userEvent.tab();
    expect(document.activeElement).toBe(cancel);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(resume);
  });

  it('shows an error inside, as an alert, while staying open', () => {
    render(<ConfirmDialog title="Mark not bought?" error="the engine is not reachable" onConfirm={() => {}} onCancel={() => {}} />);
    expect(screen.getByRole('alert').textContent).toBe('the engine is not reachable');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
