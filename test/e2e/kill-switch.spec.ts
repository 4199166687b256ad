import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { finishedAttempts, waitForAttempt } from './support/attempts.js';
import type { EngineClient } from './support/engine-client.js';

const stopButton = (page: Page) => page.getByRole('button', { name: 'Stop all buying' });
const resumeButton = (page: Page) => page.getByRole('button', { name: 'Resume buying' });

/**
 * Attempts that began after `fromIndex` (no update of theirs before it) and ended: with the
 * kill switch on, none of them may be bought.
 */
function startedAfter(api: EngineClient, fromIndex: number) {
  const before = new Set(api.events.slice(0, fromIndex).flatMap((e) => (e.name === 'attempt' ? [(e.payload as { attemptId: string }).attemptId] : [])));
  return finishedAttempts(api.events.slice(fromIndex)).filter((a) => !before.has(a.attemptId));
}

test('the kill switch stops new buys in this host and in a second serve on the same data dir; resuming asks first', async ({
  openConsole,
  dataDir,
  context,
}) => {
  const flags = ['--sim-rate', '4', '--fail-rate', '0', '--unknown-rate', '0', '--latency-ms', '50-200'];
  // Different seeds: with one seed the later host would meet only tokens the first already bought.
  const a = await openConsole([...flags, '--sim-seed', '1']);
  const b = await openConsole([...flags, '--sim-seed', '2'], { dataDir, page: await context.newPage() });
  // Both buy before the switch.
  await Promise.all([a, b].map(({ api }) => waitForAttempt(api, 'a buy', (x) => x.outcome === 'bought')));

  await stopButton(a.page).click();
  await expect(resumeButton(a.page)).toBeVisible();
  // The other console learns it from the shared store, without a reload.
  await expect(resumeButton(b.page)).toBeVisible();
  const [fromA, fromB] = [a.api.events.length, b.api.events.length];

  for (const [host, from] of [
    [a, fromA],
    [b, fromB],
  ] as const) {
    // Signals keep coming and are refused, with the reason.
    await host.api.waitForEvents('three attempts refused by the kill switch', () => startedAfter(host.api, from).filter((x) => x.reason?.code === 'kill-switch').length >= 3, 20_000);
    const bought = startedAfter(host.api, from).filter((x) => x.outcome === 'bought');
    expect(bought, `buys that began after the kill switch in ${host.instanceId}`).toEqual([]);
  }

  // Resuming needs the confirm: Cancel leaves it on.
  await resumeButton(b.page).click();
  const dialog = b.page.getByRole('dialog', { name: 'Resume buying?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await b.api.call('settings.get', {})).killSwitch).toBe(true);
  await resumeButton(b.page).click();
  await b.page.getByRole('dialog', { name: 'Resume buying?' }).getByRole('button', { name: 'Resume' }).click();
  await expect(stopButton(b.page)).toBeVisible();
  await expect(stopButton(a.page)).toBeVisible();
  const resumedAt = a.api.events.length;
  await waitForAttempt(a.api, 'a buy after resuming', (x) => x.outcome === 'bought', { fromIndex: resumedAt });
});
