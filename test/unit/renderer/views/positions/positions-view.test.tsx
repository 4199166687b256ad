// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Position, PositionTotals } from '../../../../../shared/positions.js';
import { PositionsView } from '../../../../../renderer/src/views/positions/positions-view.js';
import { engineStatus, FakeTransport, position } from '../../fakes.js';
import { giveElementsAViewport, renderWithState } from '../../render-app.js';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = giveElementsAViewport(600);
});
afterAll(() => restoreLayout());
afterEach(cleanup);

const totals = (patch: Partial<PositionTotals> = {}): PositionTotals => ({ open: 1, realizedSol: 0, unrealizedSol: 0.02, ...patch });

function engine(positions: Position[], handlers: Record<string, (input: unknown) => unknown> = {}) {
  return new FakeTransport({ 'positions.list': () => ({ positions, totals: totals({ open: positions.filter((p) => p.status === 'open').length }) }), ...handlers });
}

const table = () => screen.getByRole('table', { name: 'Positions' });
const rows = () => Array.from(table().querySelectorAll<HTMLElement>('[role=row][data-position-id]'));
const row = (id: string) => table().querySelector<HTMLElement>(`[role=row][data-position-id="${id}"]`)!;

async function renderPositions(transport: FakeTransport) {
  const rendered = renderWithState(<PositionsView />, { transport });
  await waitFor(() => expect(rendered.state.positions.getState().positions).not.toBeNull());
  return rendered;
}

describe('PositionsView', () => {
  it('asks the engine for the positions on connect and lists each open one with its figures', async () => {
    const transport = engine([position(1, { symbol: 'BONK', module: 'whale-copy', platform: 'bonk.fun' })]);
    await renderPositions(transport);
    expect(transport.callsOf('positions.list')).toEqual([{ includeClosed: true, limit: 5_000 }]);
    const r = row('p1');
    expect(r.dataset).toMatchObject({ mint: position(1).mint, module: 'whale-copy', status: 'open' });
    expect(within(r).getByText('BONK')).toBeTruthy();
    expect(within(r).getByRole('button', { name: 'Copy mint of BONK' })).toBeTruthy();
    expect(within(r).getByText('whale-copy')).toBeTruthy();
    expect(within(r).getByText('10 min ago')).toBeTruthy();
    expect(within(r).getByText('1,000,000')).toBeTruthy();
    expect(within(r).getByText('0.0000001')).toBeTruthy(); // entry
    expect(within(r).getByText('0.00000012')).toBeTruthy(); // last
    expect(within(r).getByText('5 s ago')).toBeTruthy();
    // Unrealized +0.0200 SOL (+20.0%), in the good colour and signed.
    const unrealized = r.querySelector('.c-unrealized .pnl') as HTMLElement;
    expect(unrealized.textContent).toBe('+0.0200 SOL (+20.0%)');
    expect(unrealized.className).toContain('tone-good');
    for (const name of ['Sell 25%', 'Sell 50%', 'Sell all']) expect(within(r).getByRole('button', { name })).toBeTruthy();
    const region = screen.getByRole('region', { name: 'Position totals' });
    expect(region.textContent).toContain('open1');
    expect(region.textContent).toContain('+0.0200 SOL');
  });

  it('signs a loss with the minus sign and the bad colour, for colour-blind readers too', async () => {
    await renderPositions(engine([position(1, { lastPriceSol: 0.5e-7, unrealizedSol: -0.05, tokensHeld: 1_000_000 })]));
    const pnl = row('p1').querySelector('.c-unrealized .pnl') as HTMLElement;
    expect(pnl.textContent).toBe('\u22120.0500 SOL (\u221250.0%)');
    expect(pnl.className).toContain('tone-bad');
  });

  it('shows the state of a sell: selling, unknown — reconciling, retrying with attempt, countdown and last error', async () => {
    const now = Date.now();
    const sell = { sellId: 's', reason: 'take-profit' as const, tokens: 1_000_000, attempt: 1 };
    await renderPositions(
      engine([
        position(1, { sell: { ...sell, status: 'in-flight' } }),
        position(2, { sell: { ...sell, status: 'unknown', signature: 'sig' } }),
        position(3, { sell: { ...sell, status: 'retrying', attempt: 2, nextTryAt: now + 7_000, lastError: 'TooLittleSolReceived: the price moved past the slippage' } }),
      ]),
    );
    expect(within(row('p1')).getByText('selling')).toBeTruthy();
    expect(within(row('p2')).getByText('unknown — reconciling')).toBeTruthy();
    expect(within(row('p3')).getByText(/^retrying \(attempt 2, next try in [67]s\): TooLittleSolReceived: the price moved past the slippage$/)).toBeTruthy();
    // No second sell while one is in the air or unknown; a retrying one may be replaced by hand.
    expect((within(row('p1')).getByRole('button', { name: 'Sell all' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(row('p2')).getByRole('button', { name: 'Sell all' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(row('p3')).getByRole('button', { name: 'Sell all' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('asks before selling, stating the tokens and the SOL at the last price, and sends the percent', async () => {
    const transport = engine([position(1, { tokensHeld: 800_000 })], { 'positions.sell': () => ({ sellId: 's9' }) });
    await renderPositions(transport);
    await userEvent.click(within(row('p1')).getByRole('button', { name: 'Sell 25%' }));
    const dialog = screen.getByRole('dialog', { name: 'Sell 25% of TOK1?' });
    // 25% of 800 000 = 200 000 tokens × 1.2e-7 = 0.024 SOL.
    expect(dialog.textContent).toContain('Sells 200,000 tokens of 800,000 held.');
    expect(dialog.textContent).toContain('About 0.024 SOL at the last price (0.00000012 SOL per token, 5 s ago)');
    expect(dialog.textContent).not.toContain('Live:');
    expect(transport.callsOf('positions.sell')).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(transport.callsOf('positions.sell')).toEqual([{ positionId: 'p1', percent: 25 }]);
  });

  it('Cancel sends nothing; Sell all states every held token (and, live, that it is a real transaction)', async () => {
    const transport = engine([position(1)], { 'positions.sell': () => ({ sellId: 's9' }) });
    const { state } = await renderPositions(transport);
    act(() => state.status.getState().setStatus(engineStatus({ mode: 'live' })));
    await userEvent.click(within(row('p1')).getByRole('button', { name: 'Sell all' }));
    const dialog = screen.getByRole('dialog', { name: 'Sell all of TOK1?' });
    expect(dialog.textContent).toContain('Sells 1,000,000 tokens of 1,000,000 held.');
    expect(dialog.textContent).toContain('About 0.120 SOL');
    expect(dialog.textContent).toContain('Live: this sends a real transaction from the wallet.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(transport.callsOf('positions.sell')).toEqual([]);
  });

  it('says so when no price has been seen yet', async () => {
    await renderPositions(engine([position(1, { lastPriceSol: undefined, lastPriceAt: undefined, unrealizedSol: undefined })]));
    expect(within(row('p1')).getByText('no price yet')).toBeTruthy();
    await userEvent.click(within(row('p1')).getByRole('button', { name: 'Sell 50%' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('Sells 500,000 tokens of 1,000,000 held.');
    expect(dialog.textContent).toContain('No price has been seen for TOK1 yet');
  });

  it("shows the engine's refusal of a sell in an alert and keeps the dialog open", async () => {
    const transport = engine([position(1)], {
      'positions.sell': () => {
        throw new Error('a sell of this position is still unknown; it is reconciled first');
      },
    });
    await renderPositions(transport);
    await userEvent.click(within(row('p1')).getByRole('button', { name: 'Sell 50%' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Confirm' }));
    expect((await screen.findByRole('alert')).textContent).toBe('a sell of this position is still unknown; it is reconciled first');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('follows every positions event (the whole list each time); closed ones only when asked for', async () => {
    const { state } = await renderPositions(engine([position(1)]));
    const now = Date.now();
    act(() =>
      state.target.applyEvents([
        {
          seq: 2,
          name: 'positions',
          payload: {
            positions: [position(2), position(1, { status: 'closed', tokensHeld: 0, realizedSol: 0.03, closedAt: now - 1_000, closeReason: 'take-profit' })],
            totals: totals({ realizedSol: 0.03 }),
          },
        },
      ]),
    );
    expect(rows().map((r) => r.dataset.positionId)).toEqual(['p2']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show closed (last 24 h)' }));
    expect(rows().map((r) => r.dataset.positionId)).toEqual(['p2', 'p1']);
    const closed = row('p1');
    expect(closed.dataset.status).toBe('closed');
    expect(within(closed).getByText('closed: take-profit')).toBeTruthy();
    expect((closed.querySelector('.c-realized .pnl') as HTMLElement).textContent).toBe('+0.0300 SOL (+30.0%)');
    expect(within(closed).queryByRole('button', { name: 'Sell all' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Position totals' }).textContent).toContain('+0.0300 SOL');
  });

  it('searches by symbol or mint', async () => {
    await renderPositions(engine([position(1, { symbol: 'WIF' }), position(2, { symbol: 'BONK' })]));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search positions' }), 'bon');
    expect(rows().map((r) => r.dataset.positionId)).toEqual(['p2']);
  });

  it('says when there are none, and when they cannot be read (with a retry)', async () => {
    let fail = true;
    const transport = new FakeTransport({
      'positions.list': () => {
        if (fail) throw new Error('positions.list is not built yet');
        return { positions: [], totals: totals({ open: 0, unrealizedSol: 0 }) };
      },
    });
    renderWithState(<PositionsView />, { transport });
    expect((await screen.findByRole('alert')).textContent).toContain('Could not read the positions: positions.list is not built yet');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No positions. Each buy opens one.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the DOM small with thousands of positions (virtualized)', async () => {
    const many = Array.from({ length: 3_000 }, (_, i) => position(i, { id: `p${i}`, openedAt: 1_700_000_000_000 + i }));
    await renderPositions(engine(many));
    expect(table().getAttribute('aria-rowcount')).toBe('3001');
    const shown = rows();
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    expect(shown[0]!.dataset.positionId).toBe('p2999');
  });

  it('drops a list answer older than a pushed event', async () => {
    let answer: (value: unknown) => void = () => {};
    const transport = new FakeTransport({ 'positions.list': () => new Promise((resolve) => (answer = resolve)) });
    const { state } = renderWithState(<PositionsView />, { transport });
    await waitFor(() => expect(transport.callsOf('positions.list')).toHaveLength(1));
    act(() => state.target.applyEvents([{ seq: 2, name: 'positions', payload: { positions: [position(7)], totals: totals() } }]));
    await act(async () => answer({ positions: [], totals: totals({ open: 0 }) }));
    expect(rows().map((r) => r.dataset.positionId)).toEqual(['p7']);
  });
});
