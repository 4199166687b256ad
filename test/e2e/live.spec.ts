import path from 'node:path';
import bs58 from 'bs58';
import { expect, test } from './fixtures.js';
import { openTab } from './support/console-page.js';
import { startLiveNode } from './support/live-node.js';

test.describe('the console of a live run', () => {
  test('shows LIVE and the wallet (short key, balance), never its secret; a buy on the local node becomes a position', async ({ hostKind, startServe, dataDir, page }) => {
    test.skip(hostKind === 'electron', 'the desktop app starts live from its own setting (test/unit/host/desktop-live-start.test.ts); the page is the same');
    const live = await startLiveNode(['LIVE1']);
    try {
      const { wallet, node } = live;
      const coin = live.coins[0]!;
      const host = await startServe(live.serveFlags, { dataDir: path.join(dataDir, 'live') });
      await page.goto(host.consoleUrl);

      await expect(page.getByText('LIVE', { exact: true })).toBeVisible();
      await expect(page.getByText('PAPER', { exact: true })).toHaveCount(0);
      const region = page.getByRole('region', { name: 'Wallet' });
      await expect(region).toContainText(`${wallet.publicKey.slice(0, 4)}…${wallet.publicKey.slice(-4)}`);
      await expect(region).toHaveAttribute('title', new RegExp(wallet.publicKey));
      await expect(region).toContainText(/\d+\.\d{2} SOL/);

      await openTab(page, 'Positions');
      const row = page.getByRole('table', { name: 'Positions' }).locator(`[role=row][data-mint="${coin.mint}"]`);
      await expect(row).toHaveAttribute('data-status', 'open', { timeout: 30_000 });
      await expect(row).toContainText(coin.symbol);
      expect(node.distinctSignatures(coin.mint)).toBe(1);

      // Nothing secret reached the page, in either encoding of the key.
      const html = await page.content();
      expect(html).not.toContain(bs58.encode(wallet.keypair.secretKey));
      expect(html).not.toContain(JSON.stringify(Array.from(wallet.keypair.secretKey)).slice(1, 60));
    } finally {
      await live.close();
    }
  });
});
