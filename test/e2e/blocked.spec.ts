import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { finishedAttempts, stopSignals, waitForAttempt } from './support/attempts.js';
import { blockedEntry, blockedSection, openTab, type BlockedSection } from './support/console-page.js';
import type { EngineClient } from './support/engine-client.js';

// Every buy lands unless a spec asks otherwise, so each outcome below has one cause.
const sure = ['--fail-rate', '0', '--unknown-rate', '0', '--latency-ms', '50-200'];

async function historyOf(api: EngineClient, mint: string) {
  return (await api.call('history.list', { search: mint, limit: 100, offset: 0 })).records.filter((r) => r.mint === mint);
}

async function sectionShown(page: Page, section: BlockedSection): Promise<void> {
  await expect(page.getByRole('heading', { name: new RegExp(`^${section}\\b`) })).toBeVisible();
  await expect(blockedSection(page, section)).toBeVisible();
}

test.describe('blocked tokens', () => {
  test('an approval-mode buy waits, and goes through on approve', async ({ openConsole }) => {
    const { page, api } = await openConsole(sure);
    await api.call('module.update', { module: 'sniper', patch: { requireApproval: true } });
    const waiting = await waitForAttempt(api, 'a signal held for approval', (a) => a.reason?.code === 'approval-required');
    expect(await historyOf(api, waiting.mint)).toEqual([]);

    await openTab(page, 'Blocked');
    await sectionShown(page, 'Waiting for approval');
    const entry = blockedEntry(page, 'Waiting for approval', waiting.mint);
    await expect(entry).toBeVisible();
    await expect(entry).toContainText(waiting.symbol);
    // Still waiting: nothing was bought while it sat there.
    expect(await historyOf(api, waiting.mint)).toEqual([]);
    await entry.getByRole('button', { name: 'Approve once' }).click();

    const bought = await waitForAttempt(api, 'the approved buy', (a) => a.mint === waiting.mint && a.outcome === 'bought');
    expect(bought.override).toBe('approved-once');
    await expect(entry).toBeHidden();
    const records = await historyOf(api, waiting.mint);
    expect(records.map((r) => [r.module, r.override])).toEqual([['sniper', 'approved-once']]);
  });

  test('approve of a filter-failed signal buys once', async ({ openConsole }) => {
    const { page, api } = await openConsole(sure);
    // No launch brings an initial buy this big: every sniper candidate fails this filter.
    await api.call('module.update', { module: 'sniper', patch: { filters: { minInitialBuySol: 999 } } });
    const failed = await waitForAttempt(api, 'a filter-failed signal', (a) => a.reason?.code === 'filter-failed');
    await openTab(page, 'Blocked');
    await sectionShown(page, 'Filter failed');
    const entry = blockedEntry(page, 'Filter failed', failed.mint);
    // The failed filter's sentence is shown with it.
    await expect(entry).toContainText(failed.reasonText!);
    await entry.getByRole('button', { name: 'Approve once' }).click();
    const bought = await waitForAttempt(api, 'the approved buy', (a) => a.mint === failed.mint && a.outcome === 'bought');
    expect(bought.override).toBe('approved-once');
    await expect(entry).toBeHidden();

    // Once: approving the same signal again is refused by the coordinator, nothing is bought twice.
    const again = await api.tryCall('blocked.approveOnce', { attemptId: failed.attemptId });
    if (again.ok) expect(again.value.outcome).toBe('blocked');
    await stopSignals(api);
    expect((await historyOf(api, failed.mint)).length).toBe(1);
    expect(finishedAttempts(api.events).filter((a) => a.mint === failed.mint && a.outcome === 'bought')).toHaveLength(1);
  });

  test('"buy again" needs the confirm and records an override', async ({ openConsole }) => {
    const { page, api } = await openConsole(sure);
    const first = await waitForAttempt(api, 'a first buy', (a) => a.outcome === 'bought');
    await stopSignals(api);

    await openTab(page, 'Blocked');
    await sectionShown(page, 'Bought');
    const entry = blockedEntry(page, 'Bought', first.mint);
    await entry.getByRole('button', { name: 'Buy again' }).click();
    const dialog = page.getByRole('dialog');
    // The dialog states what it will spend.
    await expect(dialog).toContainText(/SOL/);
    await expect(dialog).toContainText(String(first.solAmount));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await historyOf(api, first.mint)).toHaveLength(1);

    await entry.getByRole('button', { name: 'Buy again' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    const again = await waitForAttempt(api, 'the second buy', (a) => a.mint === first.mint && a.module === 'manual' && a.outcome === 'bought');
    expect(again.override).toBe('buy-again');
    const records = await historyOf(api, first.mint);
    expect(records.map((r) => r.override ?? null).sort()).toEqual(['buy-again', null]);
  });

  test('an unknown outcome is listed with its owner, and marking it not bought makes it buyable again', async ({ openConsole }) => {
    const { page, api, instanceId } = await openConsole(['--unknown-rate', '1', '--fail-rate', '0', '--latency-ms', '50-200']);
    // The reconcile pass (every 10 s) settles unknowns by itself; take one that came right
    // after a pass, so the trader has the time to act on it by hand.
    const passAt = await api.waitForEvents('a reconcile pass', (events) => {
      const i = events.findIndex((e) => e.name === 'attempt' && String((e.payload as { outcome?: string }).outcome).startsWith('reconciled-'));
      return i >= 0 ? i : undefined;
    }, 25_000);
    const unknown = await waitForAttempt(api, 'an unknown outcome after the pass', (a) => a.outcome === 'unknown', { fromIndex: passAt + 1 });
    await api.call('module.update', { module: 'sniper', patch: { enabled: false } });

    await openTab(page, 'Blocked');
    await sectionShown(page, 'Unknown outcome');
    const entry = blockedEntry(page, 'Unknown outcome', unknown.mint);
    await expect(entry).toContainText(instanceId);
    // While unknown, the coordinator refuses to buy it again.
    const refused = await api.call('blocked.buyAgain', { mint: unknown.mint, platform: unknown.platform, symbol: unknown.symbol, solAmount: 0.01 });
    expect(refused.reason?.code).toBe('unknown-outcome');

    await entry.getByRole('button', { name: 'Mark not bought' }).click();
    // The console may ask first; if it does, confirm.
    const confirm = page.getByRole('dialog');
    await Promise.race([confirm.waitFor(), entry.waitFor({ state: 'hidden' })]);
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect(entry).toBeHidden();
    await waitForAttempt(api, 'the verdict', (a) => a.mint === unknown.mint && a.outcome === 'reconciled-not-bought');
    expect((await api.call('blocked.list', {})).some((b) => b.mint === unknown.mint)).toBe(false);
    // Buyable again: the coordinator sends the buy (its outcome is unknown again at this fault rate).
    const retried = await api.call('blocked.buyAgain', { mint: unknown.mint, platform: unknown.platform, symbol: unknown.symbol, solAmount: 0.01 });
    expect(retried.outcome).not.toBe('blocked');
  });
});
