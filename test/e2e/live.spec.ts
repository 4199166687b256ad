import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { encodeTapeHeader, encodeTapeLine } from '../../electron/core/feeds/tape-format.js';
import type { LaunchEvent } from '../../shared/feed-events.js';
import { FakeSolanaRpc } from '../support/fake-solana-rpc.js';
import { pumpCoinAccounts, pumpProgramAccounts, serveAccounts } from '../support/pump-accounts.js';
import { expect, test } from './fixtures.js';
import { openTab } from './support/console-page.js';

// test/support/wallet-file.ts and engine-fixture.ts load vitest, which Playwright cannot: the same two steps here.
const made: string[] = [];
const tempDir = (label: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
  made.push(dir);
  return dir;
};

/** A throwaway solana-keygen JSON key file, mode 0600: never a real key, never committed. */
function throwawayWalletFile(): { file: string; publicKey: string; keypair: Keypair } {
  const keypair = Keypair.generate();
  const file = path.join(tempDir('wallet'), 'trader.json');
  fs.writeFileSync(file, JSON.stringify(Array.from(keypair.secretKey)), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { file, publicKey: keypair.publicKey.toBase58(), keypair };
}

/** One pump.fun coin on its curve, served by the local node, launched once by a fast tape. */
function oneCoin(node: FakeSolanaRpc, user: PublicKey): { mint: string; tape: string } {
  serveAccounts(node, pumpProgramAccounts());
  const mint = Keypair.generate().publicKey;
  node.addMint(mint, { decimals: 6, programId: TOKEN_PROGRAM_ID });
  serveAccounts(node, pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID }));
  const startedAt = Date.now();
  const launch: LaunchEvent = { kind: 'launch', at: startedAt, platform: 'pump.fun', mint: mint.toBase58(), symbol: 'LIVE1', name: 'Live one' };
  const tape = path.join(tempDir('tape'), 'launch.tape.jsonl');
  fs.writeFileSync(tape, [encodeTapeHeader({ tape: 1, feed: 'test', startedAt }), encodeTapeLine(0, launch)].join(''));
  return { mint: mint.toBase58(), tape };
}

test.describe('the console of a live run', () => {
  test('shows LIVE and the wallet (short key, balance), never its secret; a buy on the local node becomes a position', async ({ hostKind, startServe, dataDir, page }) => {
    test.skip(hostKind === 'electron', 'the desktop app starts live from its own setting (test/unit/host/desktop-live-start.test.ts); the page is the same');
    // A local JSON-RPC + WebSocket node on 127.0.0.1 and a throwaway 0600 wallet: no network, no real key.
    const node = await FakeSolanaRpc.start({ now: Date.now, msPerBlock: 100 });
    try {
      const wallet = throwawayWalletFile();
      const user = new PublicKey(wallet.publicKey);
      node.setBalance(user, 2_500_000_000n);
      // The node runs no programs: a landed buy takes 0.1 SOL and gives 3 000 tokens.
      node.landEffects = () => ({ solDelta: -100_000_000n, tokenDelta: 3_000_000_000n });
      const coin = oneCoin(node, user);
      const host = await startServe(
        [
          '--mode', 'live',
          '--rpc-url', node.url, '--rpc-ws-url', node.wsUrl,
          '--wallet', wallet.file, '--confirm-live', wallet.publicKey.slice(0, 8),
          '--feed', `tape:${coin.tape}`, '--tape-speed', 'fast', '--live-from-tape',
        ],
        { dataDir: path.join(dataDir, 'live') },
      );
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
      await expect(row).toContainText('LIVE1');
      expect(node.distinctSignatures(coin.mint)).toBe(1);

      // Nothing secret reached the page, in either encoding of the key.
      const html = await page.content();
      expect(html).not.toContain(bs58.encode(wallet.keypair.secretKey));
      expect(html).not.toContain(JSON.stringify(Array.from(wallet.keypair.secretKey)).slice(1, 60));
    } finally {
      await node.close();
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
