import type { AttemptUpdate } from '../../shared/domain.js';
import { expect, test } from './fixtures.js';
import { finishedAttempts, stopSignals } from './support/attempts.js';
import { attemptRows, scanFeed } from './support/console-page.js';

test('two modules signal the same token: the feed shows one buy and one block with its reason', async ({ openConsole }) => {
  // No failures or unknowns, so the first module's buy lands and the second is refused.
  const { page, api } = await openConsole(['--modules', 'sniper,volume', '--sim-rate', '3', '--fail-rate', '0', '--unknown-rate', '0']);
  // Volume thresholds low enough that it fires on most tokens that trade, i.e. on the
  // launches the sniper just bought.
  await api.call('module.update', {
    module: 'volume',
    patch: { filters: { windowSeconds: 5, minVolumeSol: 0.1, minTrades: 2, minUniqueBuyers: 1, spikeRatio: 0 } },
  });
  await expect(attemptRows(page).first()).toBeVisible();

  const pair = await api.waitForEvents(
    'a token bought by one module and blocked for the other',
    (events) => {
      const done = finishedAttempts(events);
      const bought = new Map(done.filter((a) => a.outcome === 'bought').map((a) => [a.mint, a]));
      for (const blocked of done) {
        const buy = bought.get(blocked.mint);
        if (blocked.outcome === 'blocked' && buy && buy.module !== blocked.module) return { buy, blocked };
      }
      return undefined;
    },
    40_000,
  );
  await stopSignals(api);

  const rows = (await scanFeed(page)).filter((r) => r.mint === pair.buy.mint);
  const buys = rows.filter((r) => r.outcome === 'bought');
  expect(buys.map((r) => r.attemptId)).toEqual([pair.buy.attemptId]);
  expect(buys[0]!.module).toBe(pair.buy.module);
  const blocks = rows.filter((r) => r.outcome === 'blocked');
  expect(blocks.map((r) => r.attemptId)).toContain(pair.blocked.attemptId);
  const finals = new Map<string, AttemptUpdate>(finishedAttempts(api.events).map((a) => [a.attemptId, a]));
  for (const block of blocks) {
    expect(block.module).not.toBe(pair.buy.module);
    // The reason sentence the coordinator gave ("Already bought: ..." or "... in flight ..."), in the row.
    const reasonText = finals.get(block.attemptId)?.reasonText;
    expect(reasonText).toMatch(/Already bought|in flight/);
    expect(block.text).toContain(reasonText!);
  }
});
