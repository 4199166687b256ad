import { expect, test } from './fixtures.js';
import { openTab } from './support/console-page.js';

test('settings survive a restart, and an invalid value is explained and never saved', async ({ openConsole, dataDir }) => {
  const first = await openConsole(['--modules', 'sniper,volume']);
  await openTab(first.page, 'Settings');
  const sniper = first.page.getByRole('form', { name: 'sniper' });
  const solPerBuy = sniper.getByLabel('SOL per buy');

  // A negative amount: the field says why, and Save sends nothing.
  await solPerBuy.fill('-1');
  const error = sniper.getByRole('alert');
  await expect(error).toBeVisible();
  await expect(error).not.toBeEmpty();
  const errorId = await error.first().getAttribute('id');
  expect(errorId, 'the error has an id the field points at').toBeTruthy();
  await expect(solPerBuy).toHaveAttribute('aria-describedby', new RegExp(`(^|\\s)${errorId}(\\s|$)`));
  const before = await first.api.call('settings.get', {});
  // Save may be disabled or refuse locally; either way nothing reaches the engine.
  const save = sniper.getByRole('button', { name: 'Save' });
  if (await save.isEnabled()) await save.click();
  expect((await first.api.call('settings.get', {})).modules.sniper).toEqual(before.modules.sniper);

  await solPerBuy.fill('0.25');
  await expect(sniper.getByRole('alert')).toHaveCount(0);
  await sniper.getByLabel('Daily budget (SOL)').fill('7.5');
  await sniper.getByLabel('Approval mode').selectOption('approve');
  const volume = first.page.getByRole('form', { name: 'volume' });
  await volume.getByLabel('Enabled').uncheck();
  await sniper.getByRole('button', { name: 'Save' }).click();
  await volume.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(async () => {
      const { modules } = await first.api.call('settings.get', {});
      return [modules.sniper?.solAmount, modules.sniper?.dailyBudgetSol, modules.sniper?.requireApproval, modules.volume?.enabled];
    })
    .toEqual([0.25, 7.5, true, false]);
  await first.stop();

  // A new process on the same data dir (no --modules, so nothing overrides the saved file).
  const second = await openConsole([], { dataDir });
  await openTab(second.page, 'Settings');
  const sniperAgain = second.page.getByRole('form', { name: 'sniper' });
  await expect(sniperAgain.getByLabel('SOL per buy')).toHaveValue('0.25');
  await expect(sniperAgain.getByLabel('Daily budget (SOL)')).toHaveValue('7.5');
  await expect(sniperAgain.getByLabel('Approval mode')).toHaveValue('approve');
  await expect(sniperAgain.getByLabel('Enabled')).toBeChecked();
  await expect(second.page.getByRole('form', { name: 'volume' }).getByLabel('Enabled')).not.toBeChecked();
});
