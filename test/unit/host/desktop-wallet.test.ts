import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import type { OpenDialogOptions } from 'electron';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_SCRYPT_N } from '../../../electron/core/wallet/passphrase-box.js';
import { WalletUnlockError } from '../../../electron/core/wallet/secret-box.js';
import { WalletKeyError } from '../../../electron/core/wallet/wallet-key-error.js';
import { walletPaths } from '../../../electron/core/wallet/wallet-store.js';
import { importKeyWithDialog, keyStorage, showOpenDialogOf, unlockAtStart, type DesktopWalletContext, type ShowOpenDialog } from '../../../electron/host/desktop-wallet.js';
import { keychainBox } from '../../../electron/host/safe-storage-box.js';
import { expectNoSecretIn } from '../../support/secret-leaks.js';
import { fakeSafeStorage } from './fake-safe-storage.js';

const passphraseCost = { N: MIN_SCRYPT_N, r: 8, p: 1 };
const posix = process.platform !== 'win32';

describe('desktop wallet (main process: native dialog, keychain or passphrase, unlock at start)', () => {
  let root: string;
  let dataDir: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'launchdesk-desktop-wallet-'));
    dataDir = path.join(root, 'live');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function keyFile(keypair: Keypair, form: 'json' | 'base58' = 'json', mode = 0o600): Promise<string> {
    const file = path.join(root, form === 'json' ? 'id.json' : 'key.txt');
    await writeFile(file, form === 'json' ? JSON.stringify(Array.from(keypair.secretKey)) : bs58.encode(keypair.secretKey), { mode });
    return file;
  }

  function dialogChoosing(file: string | null) {
    return vi.fn<ShowOpenDialog>(async (_window, _options: OpenDialogOptions) => (file === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [file] }));
  }

  async function withKeychain(fake = fakeSafeStorage()): Promise<DesktopWalletContext> {
    return { dataDir, keychain: await keychainBox(fake.api, 'linux'), passphraseCost };
  }

  async function withoutKeychain(): Promise<DesktopWalletContext> {
    return { dataDir, keychain: await keychainBox(fakeSafeStorage({ backend: 'basic_text' }).api, 'linux'), passphraseCost };
  }

  it('with a keychain: imports the chosen file into the keychain, then unlocks it at start by itself', async () => {
    const keypair = Keypair.generate();
    const fake = fakeSafeStorage();
    const context = await withKeychain(fake);
    expect(keyStorage(context.keychain)).toEqual({ keptBy: 'safe-storage' });
    const dialog = dialogChoosing(await keyFile(keypair));
    const imported = await importKeyWithDialog(context, dialog, undefined);
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(dialog.mock.calls[0]![1].properties).toContain('openFile');
    if (imported.status !== 'imported') throw new Error(imported.status);
    expect(imported.wallet.publicKey.equals(keypair.publicKey)).toBe(true);
    expect(imported.stored.keptBy).toBe('safe-storage');
    expect(imported.warnings).toEqual([]);
    imported.wallet.dispose();

    const file = walletPaths(dataDir).file;
    if (posix) expect((await stat(file)).mode & 0o777).toBe(0o600);
    expectNoSecretIn(await readFile(file, 'utf8'), keypair.secretKey);

    const unlocked = await unlockAtStart(context);
    if (unlocked.status !== 'unlocked') throw new Error(unlocked.status);
    expect(unlocked.wallet.publicKey.equals(keypair.publicKey)).toBe(true);
    expect(fake.state.calls.sync).toBe(0);
  });

  it('without a real keychain (basic_text): asks for a passphrase before opening any dialog, then keeps the key under it', async () => {
    const keypair = Keypair.generate();
    const context = await withoutKeychain();
    expect(keyStorage(context.keychain)).toMatchObject({ keptBy: 'passphrase', why: expect.stringMatching(/protects nothing/) });
    const dialog = dialogChoosing(await keyFile(keypair, 'base58'));
    expect(await importKeyWithDialog(context, dialog, undefined)).toMatchObject({ status: 'needs-passphrase', why: expect.stringMatching(/protects nothing/) });
    expect(dialog).not.toHaveBeenCalled();

    const imported = await importKeyWithDialog(context, dialog, undefined, 'a passphrase of some length');
    if (imported.status !== 'imported') throw new Error(imported.status);
    expect(imported.stored.keptBy).toBe('passphrase');

    const first = await unlockAtStart(context);
    expect(first).toMatchObject({ status: 'needs-passphrase', stored: { publicKey: keypair.publicKey.toBase58(), keptBy: 'passphrase' } });
    await expect(unlockAtStart(context, 'not the passphrase!')).rejects.toBeInstanceOf(WalletUnlockError);
    const unlocked = await unlockAtStart(context, 'a passphrase of some length');
    expect(unlocked.status === 'unlocked' && unlocked.wallet.publicKey.equals(keypair.publicKey)).toBe(true);
  });

  it('a passphrase given is used even where a keychain exists (the trader’s choice)', async () => {
    const context = await withKeychain();
    const imported = await importKeyWithDialog(context, dialogChoosing(await keyFile(Keypair.generate())), undefined, 'my own passphrase');
    expect(imported.status === 'imported' && imported.stored.keptBy).toBe('passphrase');
  });

  it('a canceled dialog imports nothing', async () => {
    const context = await withKeychain();
    expect(await importKeyWithDialog(context, dialogChoosing(null), undefined)).toEqual({ status: 'canceled' });
    expect(await unlockAtStart(context)).toEqual({ status: 'no-wallet' });
  });

  it.runIf(posix)('warns when the imported file could be read by other users', async () => {
    const context = await withKeychain();
    const file = await keyFile(Keypair.generate(), 'json', 0o644);
    const imported = await importKeyWithDialog(context, dialogChoosing(file), undefined);
    expect(imported.status === 'imported' && imported.warnings.join()).toMatch(/can be read by other users.*chmod 600/);
  });

  it('a bad key file is a WalletKeyError naming the file, not the key, and nothing is stored', async () => {
    const keypair = Keypair.generate();
    const file = path.join(root, 'bad.json');
    await writeFile(file, JSON.stringify(Array.from(keypair.secretKey.subarray(0, 60))));
    const context = await withKeychain();
    const error = await importKeyWithDialog(context, dialogChoosing(file), undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WalletKeyError);
    expect((error as Error).message).toContain(file);
    expectNoSecretIn(error, keypair.secretKey);
    expect(await unlockAtStart(context)).toEqual({ status: 'no-wallet' });
  });

  it('a keychain wallet when the keychain is gone: a clear error naming the wallet; the file is kept', async () => {
    const keypair = Keypair.generate();
    await importKeyWithDialog(await withKeychain(), dialogChoosing(await keyFile(keypair)), undefined);
    const before = await readFile(walletPaths(dataDir).file, 'utf8');
    await expect(unlockAtStart(await withoutKeychain())).rejects.toThrow(new RegExp(`${keypair.publicKey.toBase58()} is kept in the system keychain, which is not available`));
    expect(await readFile(walletPaths(dataDir).file, 'utf8')).toBe(before);
  });

  it('a second import does not replace the first wallet', async () => {
    const first = Keypair.generate();
    const context = await withKeychain();
    await importKeyWithDialog(context, dialogChoosing(await keyFile(first)), undefined);
    await expect(importKeyWithDialog(context, dialogChoosing(await keyFile(Keypair.generate(), 'base58')), undefined)).rejects.toThrow(/already kept/);
    const unlocked = await unlockAtStart(context);
    expect(unlocked.status === 'unlocked' && unlocked.wallet.publicKey.equals(first.publicKey)).toBe(true);
  });
});

describe('showOpenDialogOf', () => {
  it('opens the dialog on the window when there is one, free-standing otherwise', async () => {
    const calls: unknown[][] = [];
    const dialog = {
      showOpenDialog: (...args: unknown[]) => {
        calls.push(args);
        return Promise.resolve({ canceled: true, filePaths: [] });
      },
    } as unknown as Parameters<typeof showOpenDialogOf>[0];
    const window = { id: 7 } as unknown as Parameters<ShowOpenDialog>[0];
    await showOpenDialogOf(dialog)(window, { title: 'a' });
    await showOpenDialogOf(dialog)(undefined, { title: 'b' });
    expect(calls).toEqual([[window, { title: 'a' }], [{ title: 'b' }]]);
  });
});
