import type { WebSocketRoute } from '@playwright/test';
import type { AttemptUpdate } from '../../shared/domain.js';
import { expect, test } from './fixtures.js';
import { attemptUpdates, stopSignals } from './support/attempts.js';
import { attemptRows, feedTable, scanFeed } from './support/console-page.js';

/** The engine's last word on every attempt it pushed, by id. */
function lastUpdates(updates: AttemptUpdate[]): Map<string, AttemptUpdate> {
  return new Map(updates.map((a) => [a.attemptId, a]));
}

test.describe('resync', () => {
  test('a reload and a dropped socket mid-stream lose no row', async ({ hostKind, openConsole, page }) => {
    test.skip(hostKind === 'electron', 'the dropped socket is the browser transport; the reload half runs in the browser project');
    // Every socket of the page goes through this proxy, so the test can cut the live one.
    let live: WebSocketRoute | undefined;
    await page.routeWebSocket(/\/ws\?token=/, (route) => {
      live = route;
      route.connectToServer();
    });
    const { api } = await openConsole(['--sim-rate', '8', '--modules', 'sniper,volume']);
    await api.call('module.update', {
      module: 'volume',
      patch: { filters: { windowSeconds: 5, minVolumeSol: 0.1, minTrades: 2, minUniqueBuyers: 1, spikeRatio: 0, cooldownSeconds: 5 } },
    });
    const grown = (n: number) => api.waitForEvents(`${n} more attempt updates`, (e) => attemptUpdates(e).length >= n, 30_000);

    await grown(20);
    await expect(attemptRows(page).first()).toBeVisible();
    await page.reload();
    await expect(attemptRows(page).first()).toBeVisible();
    const afterReload = attemptUpdates(api.events).length;
    await grown(afterReload + 20);

    // Cut the socket: the page reconnects, asks for what it missed and says so.
    const cut = live!;
    await cut.close({ code: 1006, reason: 'test: network drop' });
    await expect.poll(() => live !== cut, { message: 'the page opens a new socket' }).toBe(true);
    await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('Resynced');
    await grown(attemptUpdates(api.events).length + 20);

    await stopSignals(api);
    const engine = lastUpdates(await api.call('attempts.recent', { limit: 5_000 }));
    // The engine keeps the latest 5000; the stream above stays well below that.
    expect(engine.size).toBeLessThan(5_000);
    await expect(feedTable(page)).toHaveAttribute('aria-rowcount', String(engine.size + 1));
    const shown = await scanFeed(page);
    expect(shown.length).toBe(engine.size);
    for (const row of shown) {
      const known = engine.get(row.attemptId);
      expect(known, `row ${row.attemptId} is an attempt of the engine`).toBeDefined();
      expect(row.outcome, `outcome of ${row.attemptId}`).toBe(known!.outcome ?? 'in-progress');
      expect(row.mint).toBe(known!.mint);
    }
  });

  test('two consoles open on one engine show the same rows', async ({ hostKind, openConsole, context }) => {
    test.skip(hostKind === 'electron', 'the desktop app has one window; the second console is a browser on serve');
    const { page, api, serve } = await openConsole(['--sim-rate', '6', '--modules', 'sniper,volume']);
    await expect(attemptRows(page).first()).toBeVisible();
    // The second console opens mid-stream: it starts from a snapshot, then the same events.
    const second = await context.newPage();
    await second.goto(serve!.consoleUrl);
    await expect(attemptRows(second).first()).toBeVisible();
    await api.waitForEvents('more attempts after the second console opened', (e) => attemptUpdates(e).length >= 40, 30_000);
    await stopSignals(api);
    const engine = lastUpdates(await api.call('attempts.recent', { limit: 5_000 }));
    for (const view of [page, second]) await expect(feedTable(view)).toHaveAttribute('aria-rowcount', String(engine.size + 1));
    const [a, b] = [await scanFeed(page), await scanFeed(second)];
    const byId = (rows: typeof a) => rows.map((r) => `${r.attemptId} ${r.outcome} ${r.mint}`).sort();
    expect(byId(a)).toEqual(byId(b));
    expect(a.length).toBe(engine.size);
  });
});
