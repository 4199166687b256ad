// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertBanner } from '../../../../../renderer/src/views/status-bar/alert-banner.js';
import { StatusBar } from '../../../../../renderer/src/views/status-bar/status-bar.js';
import { engineStatus } from '../../fakes.js';
import { renderWithState } from '../../render-app.js';

afterEach(cleanup);

describe('StatusBar', () => {
  it('shows each feed with its last error, the instance, in flight, unknown and store health', () => {
    const { state } = renderWithState(<StatusBar />);
    act(() => {
      state.status.getState().setConnection({ connected: true });
      state.status.getState().setStatus(
        engineStatus({
          instanceId: 'abc-123',
          inFlight: 3,
          unknown: 2,
          storeHealthy: false,
          storeProblem: 'purchase-history-0a.json is not JSON',
          feeds: [
            { name: 'pumpportal', connected: false, received: 0, dropped: 0, lastError: 'HTTP 401' },
            { name: 'dexscreener', connected: true, received: 5, dropped: 0 },
          ],
        }),
      );
    });
    const bar = screen.getByRole('status', { name: 'Engine status' });
    const text = bar.textContent ?? '';
    expect(text).toContain('feed pumpportal disconnected — last error: HTTP 401');
    expect(text).toContain('feed dexscreener connected');
    expect(text).toContain('abc-123');
    expect(within(bar).getByText('in flight').textContent).toContain('3');
    expect(text).toContain('store unreadable: purchase-history-0a.json is not JSON');
  });

  it('counts open positions, and names sells selling, retrying or unknown (in the warning colour)', () => {
    const { state } = renderWithState(<StatusBar />);
    act(() => state.status.getState().setStatus(engineStatus({ positions: { open: 7, sellsInFlight: 0, sellsUnknown: 0, sellsRetrying: 0 } })));
    const item = () => within(screen.getByRole('status', { name: 'Engine status' })).getByText(/^positions/);
    expect(item().textContent).toBe('positions 7 open');
    expect(item().className).not.toContain('tone-warn');
    act(() => state.status.getState().setStatus(engineStatus({ positions: { open: 7, sellsInFlight: 2, sellsUnknown: 1, sellsRetrying: 3 } })));
    expect(item().textContent).toBe('positions 7 open, 2 selling, 3 sells retrying, 1 sells unknown');
    expect(item().className).toContain('tone-warn');
  });

  it('says when the console lost the engine, and when it resynced', () => {
    const { state } = renderWithState(<StatusBar />);
    act(() => state.status.getState().setConnection({ connected: false, error: 'connection lost' }));
    expect(screen.getByRole('status').textContent).toContain('engine disconnected: connection lost');
    act(() => {
      state.status.getState().setConnection({ connected: true });
      state.status.getState().setResync({ kind: 'replayed', count: 12 });
    });
    expect(screen.getByRole('status').textContent).toContain('Resynced: 12 events replayed');
    act(() => state.status.getState().setResync({ kind: 'snapshot' }));
    expect(screen.getByRole('status').textContent).toContain('Resynced from snapshot');
  });
});

describe('AlertBanner', () => {
  it('keeps an alert until it is dismissed, then shows the next', async () => {
    const { state } = renderWithState(<AlertBanner />);
    expect(screen.queryByRole('alert')).toBeNull();
    act(() =>
      state.status.getState().addAlerts([
        { level: 'error', source: 'store', message: 'history unreadable', at: 1 },
        { level: 'warning', source: 'pumpportal', message: 'API key needed for trades', at: 2 },
      ]),
    );
    expect(screen.getByRole('alert').textContent).toContain('API key needed for trades');
    expect(screen.getByRole('alert').textContent).toContain('+1 more');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss alert' }));
    expect(screen.getByRole('alert').textContent).toContain('history unreadable');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss alert' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
