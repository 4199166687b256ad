import type { AttemptUpdate } from '../../shared/domain.js';
import { expect, test } from './fixtures.js';
import { finishedAttempts, stopSignals } from './support/attempts.js';
import { attemptRow, attemptRows, feedFilter, feedTable, scanFeed } from './support/console-page.js';

test.describe('the live feed', () => {
  test('fills on the simulator within 5 s, each row as the engine decided it', async ({ openConsole }) => {
    const { page, api, instanceId } = await openConsole();
    await expect(page.getByRole('heading', { name: 'launchdesk' })).toBeVisible();
    await expect(page.getByText('PAPER', { exact: true })).toBeVisible();

    // 5 s from opening the page: the simulator launches a token a second and the sniper is on.
    const first = attemptRows(page).first();
    await expect(first).toBeVisible({ timeout: 5_000 });
    await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(instanceId);

    // The newest row moves down as others arrive: hold on to it by its id.
    const attemptId = (await first.getAttribute('data-attempt-id'))!;
    const row = attemptRow(page, attemptId);
    const recent: AttemptUpdate[] = await api.call('attempts.recent', { limit: 5_000 });
    const known = recent.find((a) => a.attemptId === attemptId);
    expect(known, `attempt ${attemptId} shown in the feed is one the engine made`).toBeDefined();
    await expect(row).toHaveAttribute('data-mint', known!.mint);
    await expect(row).toHaveAttribute('data-module', known!.module);
    await expect(row).toContainText(known!.symbol);
    await expect(feedTable(page)).toBeVisible();
  });
});

test('the Module and Outcome filters show only the matching rows', async ({ openConsole }) => {
  const { page, api } = await openConsole(['--sim-rate', '3', '--modules', 'sniper']);
  await expect(attemptRows(page).first()).toBeVisible();
  await feedFilter(page, 'Module').selectOption('volume');
  // The sniper is the only module on: nothing matches volume.
  await expect(attemptRows(page)).toHaveCount(0);
  await feedFilter(page, 'Module').selectOption('sniper');
  await feedFilter(page, 'Outcome').selectOption('bought');
  await expect(attemptRows(page).first()).toBeVisible();
  await stopSignals(api);
  const rows = await scanFeed(page);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect([row.module, row.outcome]).toEqual(['sniper', 'bought']);
  const bought = finishedAttempts(api.events).filter((a) => a.outcome === 'bought' && a.module === 'sniper');
  expect(new Set(rows.map((r) => r.attemptId))).toEqual(new Set(bought.map((a) => a.attemptId)));
});
