import type { WebSocket as PageSocket } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { attemptRows, feedTable } from './support/console-page.js';

test.describe('the access token', () => {
  test('the page without the token shows nothing, and with a wrong one its socket is refused', async ({ hostKind, openConsole, context }) => {
    test.skip(hostKind === 'electron', 'the desktop window gets the engine through its preload bridge, not a token');
    const { page, serve } = await openConsole();
    await expect(attemptRows(page).first()).toBeVisible();
    const firstMint = (await attemptRows(page).first().getAttribute('data-mint'))!;

    for (const url of [serve!.url, `${serve!.url}#token=${'0'.repeat(64)}`]) {
      const bare = await context.newPage();
      const sockets: PageSocket[] = [];
      const refusals: string[] = [];
      bare.on('websocket', (ws) => {
        sockets.push(ws);
        ws.on('socketerror', (error) => refusals.push(error));
      });
      await bare.goto(url);
      await expect(bare.getByRole('heading', { name: 'launchdesk' })).toBeVisible();
      if (url.includes('#token=')) {
        // The page tries its socket with the wrong token and the host refuses the upgrade.
        await expect.poll(() => refusals.length).toBeGreaterThan(0);
        // Chromium words a 401 on the upgrade as "HTTP Authentication failed".
        expect(refusals[0]).toMatch(/401|Authentication failed/);
      }
      // Meanwhile the real console keeps receiving rows; the bare page shows none of them.
      const shown = await page.getByRole('table', { name: 'Purchase attempts' }).getAttribute('aria-rowcount');
      await expect(feedTable(page)).not.toHaveAttribute('aria-rowcount', shown!);
      await expect(bare.locator('[data-attempt-id]')).toHaveCount(0);
      // Without a token there is nothing to connect to, so not even an empty console.
      if (!url.includes('#token=')) await expect(feedTable(bare)).toHaveCount(0);
      const text = await bare.locator('body').innerText();
      expect(text).not.toContain(firstMint.slice(0, 6));
      expect(text).not.toContain(serve!.instanceId);
      await bare.close();
    }
  });
});
