import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataDirPaths } from '../../electron/core/data-dir-paths.js';
import { openLedgerDb } from '../../electron/core/ledger/open-ledger.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { spawnServe } from '../support/serve-process.js';
import { throwawayWalletFile } from '../support/wallet-file.js';

/** `serve --mode live` as the trader runs it: every refusal before anything is opened or sent. */
describe('serve --mode live: going live is explicit', () => {
  it('with nothing else: exit 2, naming each missing flag; no data dir created', async () => {
    const dataDir = `${tempDataDir()}/live`;
    const { code, output } = await spawnServe(['--mode', 'live', '--data-dir', dataDir]).exited;
    expect(code).toBe(2);
    expect(output).toContain('--mode live trades real SOL and needs the RPC node it trades through: add --rpc-url URL (or set SOLANA_RPC_URL)');
    expect(output).toContain('add --wallet FILE');
    expect(output).toContain("add --confirm-live followed by the wallet's public key or its first 8 characters");
    expect(fs.existsSync(dataDir)).toBe(false);
  }, 20_000);

  it('a confirmation naming another wallet: exit 2 with what to type; the live data dir is not touched', async () => {
    const wallet = throwawayWalletFile();
    const dataDir = `${tempDataDir()}/live`;
    const args = ['--mode', 'live', '--data-dir', dataDir, '--rpc-url', 'http://127.0.0.1:9', '--feed', 'rpc', '--wallet', wallet.file];
    const { code, output } = await spawnServe([...args, '--confirm-live', 'So111111']).exited;
    expect(code).toBe(2);
    expect(output).toContain(`To trade live with this wallet, add --confirm-live ${wallet.publicKey.slice(0, 8)} (or the whole key)`);
    expect(output).not.toContain(JSON.stringify(Array.from(wallet.keypair.secretKey)).slice(1, 20));
    expect(fs.existsSync(dataDir)).toBe(false);
  }, 20_000);

  it('a paper data dir given for a live run: exit 2, the paper ledger left as it was', async () => {
    const wallet = throwawayWalletFile();
    const dataDir = tempDataDir();
    openLedgerDb(dataDir, { mode: 'paper' }).close();
    const before = fs.readFileSync(dataDirPaths(dataDir).ledger);
    const { code, output } = await spawnServe([
      '--mode', 'live', '--data-dir', dataDir, '--rpc-url', 'http://127.0.0.1:9', '--feed', 'rpc', '--wallet', wallet.file, '--confirm-live', wallet.publicKey,
    ]).exited;
    expect(code).toBe(2);
    expect(output).toMatch(/holds paper trading and this run is live trading: paper and live history are never mixed/);
    expect(fs.readFileSync(dataDirPaths(dataDir).ledger).equals(before)).toBe(true);
  }, 20_000);
});
