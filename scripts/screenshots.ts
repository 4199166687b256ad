import { chromium, type Page } from '@playwright/test';
import bs58 from 'bs58';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BlockedEntry } from '../shared/contract.js';
import { chromiumArgs, chromiumExecutable } from '../test/e2e/support/browser.js';
import { EngineClient } from '../test/e2e/support/engine-client.js';
import { startLiveNode, type LiveNode } from '../test/e2e/support/live-node.js';
import { startServeHost, type ServeHost } from '../test/e2e/support/serve-host.js';

/**
 * `npm run screenshots`: each view of the console on the paper simulator, as a reader of the
 * README should see it, written to docs/screenshots/ (1400x900 PNG). Every scene is made by
 * the real engine through the same commands the console sends; nothing is drawn by hand.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs/screenshots');
const viewport = { width: 1400, height: 900 };

if (!existsSync(path.join(root, 'dist-renderer/index.html')) || process.argv.includes('--build')) {
  if (spawnSync('npm', ['run', 'build:renderer'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
mkdirSync(outDir, { recursive: true });

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`screenshots: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  // Wait for fonts and the last batch to be painted, so the picture is a settled frame.
  await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  process.stdout.write(`wrote ${path.relative(root, file)}\n`);
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name }).click();

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
const hosts: ServeHost[] = [];
const lives: LiveNode[] = [];
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'launchdesk-screenshots-'));
try {
  // A busy market, every module on; some buys time out so the unknown kind shows up.
  const host = await startServeHost(dataDir, ['--sim-rate', '4', '--unknown-rate', '0.15', '--fail-rate', '0.05', '--modules', 'sniper,whale-copy,trending,volume']);
  hosts.push(host);
  const api = await EngineClient.overWebSocket(host.url, host.token);
  // Each kind of blocked entry has a cause: volume waits for approval, the sniper's name filter fails some launches.
  await api.call('module.update', { module: 'volume', patch: { requireApproval: true, filters: { windowSeconds: 10, minVolumeSol: 0.5, minTrades: 3, minUniqueBuyers: 2, spikeRatio: 0 } } });
  await api.call('module.update', { module: 'sniper', patch: { filters: { nameExclude: 'moon|inu' } } });
  for (let i = 0; i < 2; i++) await api.call('blocklist.add', { address: bs58.encode(randomBytes(32)) });

  const page = await browser.newPage({ viewport });
  await page.goto(host.consoleUrl);
  await page.locator('[role=row][data-attempt-id]').first().waitFor();
  await until('a busy feed', async () => Number(await page.getByRole('table', { name: 'Purchase attempts' }).getAttribute('aria-rowcount')) > 60);
  await shoot(page, 'feed');

  const kinds: BlockedEntry['kind'][] = ['pending-approval', 'filter-failed', 'unknown-outcome'];
  await until('a blocked entry of every kind', async () => {
    const list = await api.call('blocked.list', {});
    return kinds.every((kind) => list.some((entry) => entry.kind === kind));
  });
  await tab(page, 'Blocked');
  await page.getByRole('region', { name: /^Unknown outcome/ }).locator('[data-mint]').first().waitFor();
  await shoot(page, 'blocked');
  // The blocklist is below the fold: the same view, scrolled to it.
  const blocklist = page.getByRole('region', { name: /^Blocklist/ });
  await blocklist.scrollIntoViewIfNeeded();
  await blocklist.getByRole('button', { name: /^Remove / }).first().waitFor();
  await shoot(page, 'blocked-blocklist');

  await tab(page, 'Settings');
  const sniper = page.getByRole('form', { name: 'sniper' });
  await sniper.getByLabel('SOL per buy').fill('-0.5');
  await sniper.getByRole('alert').first().waitFor();
  await shoot(page, 'settings');

  await tab(page, 'History');
  await page.getByRole('table', { name: 'Purchase history' }).getByRole('row').nth(10).waitFor();
  await shoot(page, 'history');

  // Paper's default exits (take profit, stop loss, trailing stop, max hold 2 min) close some positions by themselves.
  // Buying stops; the trader sells all but the newest few positions by hand, and half of two of
  // those: the picture shows open positions (one half sold) above closed ones.
  for (const module of ['sniper', 'whale-copy', 'trending', 'volume'] as const) await api.call('module.update', { module, patch: { enabled: false } });
  const keep = 6;
  const { positions: held } = await api.call('positions.list', { includeClosed: false, limit: 5_000 });
  const kept = held.sort((a, b) => b.openedAt - a.openedAt).slice(0, keep);
  for (const p of [kept[1], kept[3]]) if (p) await api.tryCall('positions.sell', { positionId: p.id, percent: 50 });
  const keptIds = new Set(kept.map((p) => p.id));
  await until(
    'the other positions sold, or shown as selling / retrying / unknown',
    async () => {
      const { positions } = await api.call('positions.list', { includeClosed: true, limit: 5_000 });
      // Buys that were in flight when buying stopped open positions too: they are sold as they appear.
      const unsold = positions.filter((p) => p.status === 'open' && !p.sell && !keptIds.has(p.id));
      // A sell the engine refuses (one is already running for it) is tried again on the next look.
      for (const p of unsold) await api.tryCall('positions.sell', { positionId: p.id, percent: 100 });
      return unsold.length === 0 && positions.filter((p) => p.status === 'closed').length >= 5;
    },
    120_000,
  );
  await tab(page, 'Positions');
  await page.getByRole('checkbox', { name: 'Show closed (last 24 h)' }).check();
  await page.getByRole('table', { name: 'Positions' }).locator('[role=row][data-status=closed]').first().waitFor();
  await shoot(page, 'positions');
  api.close();

  // A live run against the local JSON-RPC node (test/e2e/support/live-node.ts) with a throwaway
  // wallet: the header says LIVE and shows the wallet; the coins it bought are its positions.
  const live = await startLiveNode(['FROG', 'MOON', 'CAT']);
  lives.push(live);
  const liveHost = await startServeHost(path.join(dataDir, 'live'), live.serveFlags);
  hosts.push(liveHost);
  const livePage = await browser.newPage({ viewport });
  await livePage.goto(liveHost.consoleUrl);
  await tab(livePage, 'Positions');
  await until('the live buys as positions', async () => (await livePage.locator('[role=row][data-status=open]').count()) >= live.coins.length);
  await livePage.getByRole('region', { name: 'Wallet' }).getByText(/SOL/).waitFor();
  // Prices come from the node's curve accounts as the engine reads them; a picture without them is still true, so this waits only a while.
  await until('prices for the live positions', async () => (await livePage.getByText('no price yet').count()) === 0, 20_000).catch(() => undefined);
  await shoot(livePage, 'live-positions');
} finally {
  await Promise.all(hosts.map((h) => h.stop()));
  await Promise.all(lives.map((l) => l.close()));
  await browser.close();
  rmSync(dataDir, { recursive: true, force: true });
}
