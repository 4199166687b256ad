import { Keypair } from '@solana/web3.js';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIN_SCRYPT_N, passphraseBox } from '../../../../electron/core/wallet/passphrase-box.js';
import { WalletUnlockError, type SecretBox } from '../../../../electron/core/wallet/secret-box.js';
import { describeStoredWallet, storeWallet, unlockWallet, walletPaths } from '../../../../electron/core/wallet/wallet-store.js';
import { expectNoSecretIn } from '../../../support/secret-leaks.js';

const cost = { N: MIN_SCRYPT_N, r: 8, p: 1 };
const posix = process.platform !== 'win32';

/** A stand-in keychain: XOR with a key that can be "rotated", as safeStorage's async API reports. */
function fakeKeychainBox(state = { rotated: false }): SecretBox {
  return {
    keptBy: 'safe-storage',
    async seal(secret) {
      return { ciphertext: Buffer.from(secret.map((b) => b ^ 0x5a)).toString('base64') };
    },
    async open(sealed) {
      const bytes = Buffer.from(String(sealed.ciphertext), 'base64');
      return { secret: Uint8Array.from(bytes, (b) => b ^ 0x5a), reseal: state.rotated };
    },
  };
}

describe('wallet store (the live data dir’s wallet/wallet.json)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'launchdesk-wallet-store-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores a key under a passphrase in a 0600 file in a 0700 folder, and unlocks it into a signer', async () => {
    const keypair = Keypair.generate();
    const secret = Uint8Array.from(keypair.secretKey);
    const stored = await storeWallet(dataDir, secret, passphraseBox('a long enough passphrase', cost));
    const { dir, file } = walletPaths(dataDir);
    expect(stored).toEqual({ file, publicKey: keypair.publicKey.toBase58(), keptBy: 'passphrase' });
    if (posix) {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
    }
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'launchdesk-wallet', version: 1, publicKey: keypair.publicKey.toBase58(), keptBy: 'passphrase' });
    expectNoSecretIn(text, keypair.secretKey);
    expect(await describeStoredWallet(dataDir)).toEqual(stored);

    const { wallet } = await unlockWallet(dataDir, passphraseBox('a long enough passphrase', cost));
    expect(wallet.publicKey.equals(keypair.publicKey)).toBe(true);
    wallet.dispose();
  });

  it('has nothing to describe before a key is stored, and says to import one on unlock', async () => {
    expect(await describeStoredWallet(dataDir)).toBeNull();
    await expect(unlockWallet(dataDir, passphraseBox('whatever it is here', cost))).rejects.toThrow(/no wallet is kept.*import a key first/);
  });

  it('refuses to store over an existing wallet, and keeps the first', async () => {
    const first = Keypair.generate();
    await storeWallet(dataDir, Uint8Array.from(first.secretKey), fakeKeychainBox());
    const before = await readFile(walletPaths(dataDir).file, 'utf8');
    await expect(storeWallet(dataDir, Uint8Array.from(Keypair.generate().secretKey), fakeKeychainBox())).rejects.toThrow(
      new RegExp(`already kept .*${first.publicKey.toBase58()}`),
    );
    expect(await readFile(walletPaths(dataDir).file, 'utf8')).toBe(before);
  });

  it('a wrong passphrase or a tampered file is a clear error and the file is kept byte for byte', async () => {
    const keypair = Keypair.generate();
    await storeWallet(dataDir, Uint8Array.from(keypair.secretKey), passphraseBox('the right passphrase', cost));
    const { file } = walletPaths(dataDir);
    const original = await readFile(file, 'utf8');
    const wrong = await unlockWallet(dataDir, passphraseBox('the wrong passphrase', cost)).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(WalletUnlockError);
    expect((wrong as Error).message).toMatch(/wrong passphrase/);
    expect(await readFile(file, 'utf8')).toBe(original);

    // Pointing the header at another address breaks the authentication (the header is bound to the ciphertext).
    const swapped = { ...JSON.parse(original), publicKey: Keypair.generate().publicKey.toBase58() };
    await writeFile(file, JSON.stringify(swapped), { mode: 0o600 });
    await expect(unlockWallet(dataDir, passphraseBox('the right passphrase', cost))).rejects.toThrow(/was changed/);
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify(swapped));
  });

  it.each([
    ['not JSON', 'not json at all', /not JSON/],
    ['another format', JSON.stringify({ format: 'something', version: 1 }), /not a launchdesk wallet file \(format/],
    ['a future version', JSON.stringify({ format: 'launchdesk-wallet', version: 2, publicKey: '11111111111111111111111111111111', keptBy: 'passphrase', sealed: {} }), /version/],
    ['a bad public key', JSON.stringify({ format: 'launchdesk-wallet', version: 1, publicKey: 'xyz', keptBy: 'passphrase', sealed: {} }), /publicKey/],
    ['a huge file', ' '.repeat(100_000), /bytes: not a launchdesk wallet file/],
  ])('a file that is %s is refused with a clear error and left as it is', async (_what, content, message) => {
    const { file } = walletPaths(dataDir);
    await storeWallet(dataDir, Uint8Array.from(Keypair.generate().secretKey), fakeKeychainBox());
    await writeFile(file, content);
    await expect(unlockWallet(dataDir, fakeKeychainBox())).rejects.toThrow(message);
    await expect(describeStoredWallet(dataDir)).rejects.toThrow(message);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('refuses to unlock with a box other than the one that keeps it, saying which', async () => {
    await storeWallet(dataDir, Uint8Array.from(Keypair.generate().secretKey), fakeKeychainBox());
    await expect(unlockWallet(dataDir, passphraseBox('some passphrase here', cost))).rejects.toThrow(/kept by the system's keychain/);
  });

  it('a box that decrypts to another key than the header names is refused', async () => {
    const keypair = Keypair.generate();
    await storeWallet(dataDir, Uint8Array.from(keypair.secretKey), fakeKeychainBox());
    const { file } = walletPaths(dataDir);
    const content = JSON.parse(await readFile(file, 'utf8'));
    content.publicKey = Keypair.generate().publicKey.toBase58();
    await writeFile(file, JSON.stringify(content));
    await expect(unlockWallet(dataDir, fakeKeychainBox())).rejects.toThrow(/not the one its header names/);
  });

  it('seals again, atomically, when the box asks (a rotated keychain key), and still unlocks', async () => {
    const keypair = Keypair.generate();
    await storeWallet(dataDir, Uint8Array.from(keypair.secretKey), fakeKeychainBox());
    const { file } = walletPaths(dataDir);
    const before = await stat(file);
    const unlocked = await unlockWallet(dataDir, fakeKeychainBox({ rotated: true }));
    expect(unlocked.notice).toMatch(/encrypted again/);
    expect(unlocked.wallet.publicKey.equals(keypair.publicKey)).toBe(true);
    expect((await stat(file)).ino).not.toBe(before.ino);
    if (posix) expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await unlockWallet(dataDir, fakeKeychainBox());
    expect(again.notice).toBeUndefined();
  });

  it('refuses to store a key whose halves do not match', async () => {
    const secret = Uint8Array.from(Keypair.generate().secretKey);
    secret.set(Keypair.generate().publicKey.toBytes(), 32);
    await expect(storeWallet(dataDir, secret, fakeKeychainBox())).rejects.toThrow(/public half does not match/);
    expect(await describeStoredWallet(dataDir)).toBeNull();
  });
});

describe('a hostile or damaged wallet.json (arbitrary contents)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'launchdesk-wallet-fuzz-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('either unlocks the very key that was stored or is a WalletUnlockError, and the file is never changed', async () => {
    const keypair = Keypair.generate();
    await storeWallet(dataDir, Uint8Array.from(keypair.secretKey), fakeKeychainBox());
    const { file } = walletPaths(dataDir);
    const good = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const anyJson = fc.jsonValue({ maxDepth: 2 });
    const content = fc.oneof(
      fc.record({ field: fc.constantFrom('format', 'version', 'publicKey', 'keptBy', 'sealed', 'extra'), value: anyJson }).map(({ field, value }) => JSON.stringify({ ...good, [field]: value })),
      fc.record({ value: anyJson }).map(({ value }) => JSON.stringify({ ...good, sealed: { ciphertext: value } })),
      anyJson.map((value) => JSON.stringify(value)),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(content, async (text) => {
        await writeFile(file, text, 'latin1');
        try {
          const { wallet } = await unlockWallet(dataDir, fakeKeychainBox());
          expect(wallet.publicKey.equals(keypair.publicKey)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(WalletUnlockError);
        }
        expect(await readFile(file, 'latin1')).toBe(text);
      }),
      { numRuns: 150 },
    );
  });
});
