import { Keypair } from '@solana/web3.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_SCRYPT_N } from '../../../electron/core/wallet/passphrase-box.js';
import { WalletUnlockError } from '../../../electron/core/wallet/secret-box.js';
import { walletPaths } from '../../../electron/core/wallet/wallet-store.js';
import { openDesktopLiveWallet } from '../../../electron/host/desktop-live-wallet.js';
import type { DesktopWalletContext, ShowOpenDialog } from '../../../electron/host/desktop-wallet.js';
import type { PassphraseRequest } from '../../../electron/host/passphrase-prompt.js';
import { keychainBox } from '../../../electron/host/safe-storage-box.js';
import { fakeSafeStorage } from './fake-safe-storage.js';

const passphraseCost = { N: MIN_SCRYPT_N, r: 8, p: 1 };

/** A trader at the passphrase window typing `answers` in turn, as promptPassphrase runs them (check until accepted); null = Cancel. */
function trader(answers: (string | null)[]) {
  const requests: PassphraseRequest[] = [];
  const ask = vi.fn(async (request: PassphraseRequest) => {
    requests.push(request);
    for (;;) {
      const answer = answers.shift();
      if (answer === undefined) throw new Error('the trader has nothing more to type');
      if (answer === null) return null;
      const problem = request.check ? await request.check(answer) : null;
      if (problem === null) return answer;
    }
  });
  return { ask, requests };
}

describe('openDesktopLiveWallet (desktop live start without --wallet)', () => {
  let root: string;
  let dataDir: string;
  let keyFile: string;
  let keypair: Keypair;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'launchdesk-live-wallet-'));
    dataDir = path.join(root, 'live');
    keypair = Keypair.generate();
    keyFile = path.join(root, 'id.json');
    await writeFile(keyFile, JSON.stringify(Array.from(keypair.secretKey)), { mode: 0o600 });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const chooses = (file: string | null) => vi.fn<ShowOpenDialog>(async () => (file ? { canceled: false, filePaths: [file] } : { canceled: true, filePaths: [] }));
  const keychain = async (): Promise<DesktopWalletContext> => ({ dataDir, keychain: await keychainBox(fakeSafeStorage().api, 'darwin'), passphraseCost });
  const noKeychain = async (): Promise<DesktopWalletContext> => ({ dataDir, keychain: await keychainBox(fakeSafeStorage({ asyncApi: false }).api, 'linux'), passphraseCost });

  it('with a keychain: the first start imports from the dialog, the next unlocks by itself; no passphrase asked', async () => {
    const context = await keychain();
    const { ask } = trader([]);
    const first = await openDesktopLiveWallet({ context, showOpenDialog: chooses(keyFile), askPassphrase: ask });
    expect(first).toMatchObject({ keptBy: 'safe-storage', notices: [] });
    expect(first!.wallet.publicKey.equals(keypair.publicKey)).toBe(true);
    const dialog = chooses(null);
    const next = await openDesktopLiveWallet({ context, showOpenDialog: dialog, askPassphrase: ask });
    expect(next!.wallet.publicKey.equals(keypair.publicKey)).toBe(true);
    expect(dialog).not.toHaveBeenCalled();
    expect(ask).not.toHaveBeenCalled();
  });

  it('without a keychain: a new passphrase first (typed twice, long enough), then the dialog; later starts ask it until right', async () => {
    const context = await noKeychain();
    const setup = trader(['a brand new passphrase']);
    const first = await openDesktopLiveWallet({ context, showOpenDialog: chooses(keyFile), askPassphrase: setup.ask });
    expect(first).toMatchObject({ keptBy: 'passphrase' });
    expect(setup.requests[0]).toMatchObject({ create: { minLength: 10 }, message: expect.stringMatching(/no asynchronous safeStorage/) });

    const later = trader(['wrong guess', 'a brand new passphrase']);
    const unlocked = await openDesktopLiveWallet({ context, showOpenDialog: chooses(null), askPassphrase: later.ask });
    expect(unlocked!.wallet.publicKey.equals(keypair.publicKey)).toBe(true);
    expect(later.requests[0]!.message).toContain(keypair.publicKey.toBase58());
    expect(later.requests[0]!.create).toBeUndefined();
  });

  it('cancel anywhere starts nothing and stores nothing', async () => {
    const context = await noKeychain();
    expect(await openDesktopLiveWallet({ context, showOpenDialog: chooses(keyFile), askPassphrase: trader([null]).ask })).toBeNull();
    expect(await openDesktopLiveWallet({ context, showOpenDialog: chooses(null), askPassphrase: trader(['a brand new passphrase']).ask })).toBeNull();
    await expect(readFile(walletPaths(dataDir).file)).rejects.toThrow(/ENOENT/);
    await openDesktopLiveWallet({ context, showOpenDialog: chooses(keyFile), askPassphrase: trader(['a brand new passphrase']).ask });
    expect(await openDesktopLiveWallet({ context, showOpenDialog: chooses(null), askPassphrase: trader(['nope nope', null]).ask })).toBeNull();
  });

  it('a damaged wallet file is an error to show, not a prompt, and the file is kept', async () => {
    const context = await keychain();
    await openDesktopLiveWallet({ context, showOpenDialog: chooses(keyFile), askPassphrase: trader([]).ask });
    await writeFile(walletPaths(dataDir).file, '{"format":"launchdesk-wallet"');
    const { ask } = trader([]);
    await expect(openDesktopLiveWallet({ context, showOpenDialog: chooses(null), askPassphrase: ask })).rejects.toBeInstanceOf(WalletUnlockError);
    expect(ask).not.toHaveBeenCalled();
    expect(await readFile(walletPaths(dataDir).file, 'utf8')).toBe('{"format":"launchdesk-wallet"');
  });
});
