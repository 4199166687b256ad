import { expect, test } from './fixtures.js';
import { finishedAttempts, stopSignals } from './support/attempts.js';
import { attemptRows, scanFeed } from './support/console-page.js';

const landed = new Set(['bought', 'reconciled-bought']);

test('two hosts on one data dir never show the same token bought twice', async ({ openConsole, context, dataDir }) => {
  // The same seed and the same market clock: both hosts see every launch at the same moment
  // and all four modules race for the same tokens in two processes.
  const market = ['--sim-seed', '7', '--sim-rate', '4', '--sim-start-at', String(Date.now()), '--modules', 'sniper,whale-copy,trending,volume'];
  const a = await openConsole([...market, '--fault-seed', '1', '--latency-ms', '50-400']);
  const b = await openConsole([...market, '--fault-seed', '2', '--latency-ms', '50-400'], { dataDir, page: await context.newPage() });
  expect(b.instanceId).not.toBe(a.instanceId);

  // Run until both bought and the coordinator refused at least one token the other host took.
  const boughtBy = (api: typeof a.api) => finishedAttempts(api.events).filter((x) => landed.has(x.outcome!));
  await a.api.waitForEvents(
    'buys in both hosts and a token refused because the other host had it',
    () => {
      if (boughtBy(a.api).length < 5 || boughtBy(b.api).length < 5) return false;
      const mintsOf = (api: typeof a.api) => new Set(boughtBy(api).map((x) => x.mint));
      const [inA, inB] = [mintsOf(a.api), mintsOf(b.api)];
      const refusedForOther = (api: typeof a.api, other: Set<string>) =>
        finishedAttempts(api.events).some((x) => x.outcome === 'blocked' && other.has(x.mint));
      return refusedForOther(a.api, inB) || refusedForOther(b.api, inA);
    },
    45_000,
  );
  await Promise.all([stopSignals(a.api), stopSignals(b.api)]);

  const rowsA = (await scanFeed(a.page)).filter((r) => landed.has(r.outcome));
  const rowsB = (await scanFeed(b.page)).filter((r) => landed.has(r.outcome));
  expect(rowsA.length).toBeGreaterThanOrEqual(5);
  expect(rowsB.length).toBeGreaterThanOrEqual(5);
  const perMint = new Map<string, string[]>();
  for (const row of [...rowsA, ...rowsB]) perMint.set(row.mint, [...(perMint.get(row.mint) ?? []), row.attemptId]);
  const twice = [...perMint].filter(([, ids]) => ids.length > 1);
  expect(twice, 'tokens shown bought more than once across both consoles').toEqual([]);

  // The store agrees, asked through either host: one purchase per token, each shown in a console.
  for (const host of [a, b]) {
    const { total, records } = await host.api.call('history.list', { search: '', limit: 1_000, offset: 0 });
    expect(total).toBe(records.length);
    expect(new Set(records.map((r) => r.mint)).size).toBe(records.length);
    expect(new Set(records.map((r) => r.mint)), `history as host ${host.instanceId} lists it`).toEqual(new Set(perMint.keys()));
  }
  await expect(attemptRows(a.page).first()).toBeVisible();
});
