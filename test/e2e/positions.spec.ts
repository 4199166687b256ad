import { formatPnlSol, formatSol, signed } from '../../renderer/src/components/format.js';
import { expect, test } from './fixtures.js';
import { stopSignals, waitForAttempt } from './support/attempts.js';
import { openTab } from './support/console-page.js';

// Every buy lands, so the position has one cause.
const sure = ['--fail-rate', '0', '--unknown-rate', '0', '--latency-ms', '50-200'];

test.describe('positions', () => {
  test('a paper buy becomes a position; Sell all closes it, with realized P&L shown', async ({ openConsole }) => {
    const { page, api } = await openConsole(sure);
    // Paper's default exits would sell on their own; this position is sold by hand only.
    for (const module of ['sniper', 'whale-copy', 'trending', 'volume'] as const) {
      await api.call('module.update', { module, patch: { exits: { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 } } });
    }
    const from = api.events.length;
    const bought = await waitForAttempt(api, 'a paper buy', (a) => a.outcome === 'bought', { fromIndex: from });
    // No more buys: the list stops moving while the row is read.
    await stopSignals(api);

    await openTab(page, 'Positions');
    await page.getByRole('searchbox', { name: 'Search positions' }).fill(bought.mint);
    const table = page.getByRole('table', { name: 'Positions' });
    const row = table.locator(`[role=row][data-mint="${bought.mint}"]`);
    await expect(row).toHaveAttribute('data-status', 'open');
    await expect(row).toHaveAttribute('data-module', bought.module);
    const listed = (await api.call('positions.list', { includeClosed: true, limit: 5_000 })).positions.find((p) => p.mint === bought.mint);
    expect(listed?.status).toBe('open');
    await expect(row).toHaveAttribute('data-position-id', listed!.id);
    // The cost, fees included, as the engine counts it.
    await expect(row).toContainText(`${formatSol(listed!.costSol)} SOL`);

    await row.getByRole('button', { name: 'Sell all' }).click();
    const dialog = page.getByRole('dialog', { name: /^Sell all of / });
    await expect(dialog).toContainText(/Sells [\d,.]+ tokens of [\d,.]+ held\./);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog).toBeHidden();

    // Closed: it leaves the open list and shows under "Show closed", with its realized P&L.
    await expect(row).toBeHidden();
    await page.getByRole('checkbox', { name: 'Show closed (last 24 h)' }).check();
    await expect(row).toHaveAttribute('data-status', 'closed');
    const closed = (await api.call('positions.list', { includeClosed: true, limit: 5_000 })).positions.find((p) => p.id === listed!.id);
    expect(closed?.status).toBe('closed');
    expect(closed?.tokensHeld).toBe(0);
    const realized = signed(formatPnlSol(closed!.realizedSol), Number(formatPnlSol(closed!.realizedSol)) === 0 ? 0 : closed!.realizedSol);
    await expect(row).toContainText(`${realized} SOL`);
    await expect(row.getByRole('button', { name: 'Sell all' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Position totals' })).toContainText('realized');
  });

  test("a module's exit rules set in Settings sell its positions by themselves (max hold)", async ({ openConsole }) => {
    const { page, api } = await openConsole([...sure, '--modules', 'sniper']);
    await openTab(page, 'Settings');
    const sniper = page.getByRole('form', { name: 'sniper' });
    // Only max hold, and short: 0.05 min = 3 s; the price rules off, so max hold is the only cause.
    await sniper.getByLabel('Take profit (%)').fill('0');
    await sniper.getByLabel('Stop loss (%)').fill('0');
    await sniper.getByLabel('Trailing stop (%)').fill('0');
    await sniper.getByLabel('Max hold (min)').fill('-1');
    await expect(sniper.getByRole('alert')).toHaveText('must not be negative');
    await sniper.getByLabel('Max hold (min)').fill('0.05');
    await expect(sniper.getByRole('alert')).toHaveCount(0);
    await sniper.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await api.call('settings.get', {})).modules.sniper?.exits)
      .toEqual({ takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0.05 });

    const from = api.events.length;
    const bought = await waitForAttempt(api, 'a buy after the exits were saved', (a) => a.outcome === 'bought', { fromIndex: from });
    await openTab(page, 'Positions');
    await page.getByRole('checkbox', { name: 'Show closed (last 24 h)' }).check();
    await page.getByRole('searchbox', { name: 'Search positions' }).fill(bought.mint);
    const row = page.getByRole('table', { name: 'Positions' }).locator(`[role=row][data-mint="${bought.mint}"]`);
    await expect(row).toHaveAttribute('data-status', 'closed', { timeout: 20_000 });
    await expect(row).toContainText('max-hold');
  });
});
