import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { WalletUnlockError } from '../../../electron/core/wallet/secret-box.js';
import { keychainBox } from '../../../electron/host/safe-storage-box.js';
import { expectNoSecretIn } from '../../support/secret-leaks.js';
import { fakeSafeStorage } from './fake-safe-storage.js';

const context = new TextEncoder().encode('launchdesk-wallet/1/safe-storage/TEST');

async function availableBox(fake = fakeSafeStorage(), platform: NodeJS.Platform = 'linux') {
  const keychain = await keychainBox(fake.api, platform);
  if (!keychain.available) throw new Error(`expected a keychain: ${keychain.reason}`);
  return keychain.box;
}

describe('keychainBox (Electron safeStorage, async API only)', () => {
  it('seals through encryptStringAsync and opens through decryptStringAsync, never the sync API', async () => {
    const fake = fakeSafeStorage();
    const box = await availableBox(fake);
    expect(box.keptBy).toBe('safe-storage');
    const secret = Uint8Array.from(Keypair.generate().secretKey);
    const sealed = await box.seal(secret, context);
    expect(Object.keys(sealed)).toEqual(['ciphertext']);
    expectNoSecretIn(sealed, secret);
    const opened = await box.open(sealed, context);
    expect(Buffer.from(opened.secret)).toEqual(Buffer.from(secret));
    expect(opened.reseal).toBe(false);
    expect(fake.state.calls).toEqual({ encrypt: 1, decrypt: 1, sync: 0 });
  });

  it('reports a rotated keychain key as reseal', async () => {
    const fake = fakeSafeStorage();
    const box = await availableBox(fake);
    const sealed = await box.seal(Uint8Array.from(Keypair.generate().secretKey), context);
    fake.rotate();
    expect((await box.open(sealed, context)).reseal).toBe(true);
  });

  it('refuses the basic_text backend on Linux (no real protection) and says what to do', async () => {
    const keychain = await keychainBox(fakeSafeStorage({ backend: 'basic_text' }).api, 'linux');
    expect(keychain).toMatchObject({ available: false });
    expect(keychain.available ? '' : keychain.reason).toMatch(/protects nothing.*passphrase/);
  });

  it('refuses before app ready (backend unknown) on Linux', async () => {
    const keychain = await keychainBox(fakeSafeStorage({ backend: 'unknown' }).api, 'linux');
    expect(keychain.available ? '' : keychain.reason).toMatch(/before the app was ready/);
  });

  it('does not look at the Linux backend elsewhere (macOS Keychain, Windows DPAPI)', async () => {
    expect((await keychainBox(fakeSafeStorage({ backend: 'basic_text' }).api, 'darwin')).available).toBe(true);
  });

  it('on an Electron without the async API (38, pinned today) it is unavailable, and the sync API is not used instead', async () => {
    const fake = fakeSafeStorage({ asyncApi: false });
    const keychain = await keychainBox(fake.api, 'darwin');
    expect(keychain.available ? '' : keychain.reason).toMatch(/no asynchronous safeStorage.*Electron 42/);
    expect(fake.state.calls.sync).toBe(0);
  });

  it('is unavailable when isAsyncEncryptionAvailable says no, or throws; a plain boolean (Electron 42) works too', async () => {
    expect((await keychainBox(fakeSafeStorage({ available: false }).api, 'win32')).available).toBe(false);
    expect((await keychainBox(fakeSafeStorage({ available: 'throws' }).api, 'win32')).available).toBe(false);
    const electron42 = fakeSafeStorage();
    electron42.api.isAsyncEncryptionAvailable = () => true;
    expect((await keychainBox(electron42.api, 'win32')).available).toBe(true);
  });

  it('a locked keychain, a reset keychain and a malformed sealed part are WalletUnlockErrors without the key', async () => {
    const fake = fakeSafeStorage();
    const box = await availableBox(fake);
    const secret = Uint8Array.from(Keypair.generate().secretKey);
    const sealed = await box.seal(secret, context);
    fake.state.temporarilyUnavailable = true;
    const locked = await box.open(sealed, context).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(WalletUnlockError);
    expect((locked as Error).message).toMatch(/locked or busy/);
    await expect(box.seal(secret, context)).rejects.toThrow(/could not encrypt/);
    fake.state.temporarilyUnavailable = false;
    fake.reset();
    const lost = await box.open(sealed, context).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(WalletUnlockError);
    const malformed: Record<string, string | number>[] = [{}, { ciphertext: 5 }, { ciphertext: '' }, { ciphertext: 'AAAA', extra: 'x' }];
    for (const bad of malformed) {
      await expect(box.open(bad, context)).rejects.toThrow(/malformed/);
    }
    expectNoSecretIn([locked, lost], secret);
  });

  it('refuses a decrypted value that is not 64 bytes', async () => {
    const fake = fakeSafeStorage();
    const box = await availableBox(fake);
    const short = await fake.api.encryptStringAsync!(Buffer.alloc(32, 1).toString('base64'));
    await expect(box.open({ ciphertext: short.toString('base64') }, context)).rejects.toThrow(/not a key/);
  });
});
