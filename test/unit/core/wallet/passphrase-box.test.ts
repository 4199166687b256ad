import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { MIN_SCRYPT_N, passphraseBox } from '../../../../electron/core/wallet/passphrase-box.js';
import { WalletUnlockError } from '../../../../electron/core/wallet/secret-box.js';
import { expectNoSecretIn } from '../../../support/secret-leaks.js';

// The floor the box accepts, to keep the tests quick; the app seals at 2^17.
const cost = { N: MIN_SCRYPT_N, r: 8, p: 1 };
const context = new TextEncoder().encode('launchdesk-wallet/1/passphrase/TEST');
const passphrase = 'correct horse battery staple';

let sealedFixture: Promise<Record<string, string | number>> | undefined;
/** One good sealed part for the cases that only change it. */
const sealedOnce = () => (sealedFixture ??= passphraseBox(passphrase, cost).seal(Uint8Array.from(Keypair.generate().secretKey), context));

describe('passphraseBox (scrypt + AES-256-GCM)', () => {
  it('seals to scrypt/AES-GCM fields with a random salt and IV, and opens back to the same bytes', async () => {
    const secret = Uint8Array.from(Keypair.generate().secretKey);
    const box = passphraseBox(passphrase, cost);
    const a = await box.seal(secret, context);
    const b = await box.seal(secret, context);
    expect(a).toMatchObject({ kdf: 'scrypt', N: 2 ** 15, r: 8, p: 1, cipher: 'aes-256-gcm' });
    expect(Buffer.from(a.iv as string, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.salt as string, 'base64')).toHaveLength(16);
    expect(Buffer.from(a.tag as string, 'base64')).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    const opened = await box.open(a, context);
    expect(Buffer.from(opened.secret)).toEqual(Buffer.from(secret));
    expect(opened.reseal).toBe(false);
    expectNoSecretIn([a, b], secret);
  });

  it('opens with the same passphrase typed in another Unicode form (NFC)', async () => {
    const secret = Uint8Array.from(Keypair.generate().secretKey);
    const sealed = await passphraseBox('caf\u00e9 au lait noir', cost).seal(secret, context);
    const opened = await passphraseBox('cafe\u0301 au lait noir', cost).open(sealed, context);
    expect(Buffer.from(opened.secret)).toEqual(Buffer.from(secret));
  });

  it('refuses a wrong passphrase, a changed ciphertext, tag, IV or salt, and another context, the same way', async () => {
    const secret = Uint8Array.from(Keypair.generate().secretKey);
    const sealed = await passphraseBox(passphrase, cost).seal(secret, context);
    const flip = (field: string) => {
      const bytes = Buffer.from(sealed[field] as string, 'base64');
      bytes[0]! ^= 1;
      return { ...sealed, [field]: bytes.toString('base64') };
    };
    const attempts = [
      () => passphraseBox('not the passphrase', cost).open(sealed, context),
      () => passphraseBox(passphrase, cost).open(flip('ciphertext'), context),
      () => passphraseBox(passphrase, cost).open(flip('tag'), context),
      () => passphraseBox(passphrase, cost).open(flip('iv'), context),
      () => passphraseBox(passphrase, cost).open(flip('salt'), context),
      () => passphraseBox(passphrase, cost).open(sealed, new TextEncoder().encode('launchdesk-wallet/1/passphrase/OTHER')),
    ];
    for (const attempt of attempts) {
      const error = await attempt().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(WalletUnlockError);
      expect((error as Error).message).toMatch(/wrong passphrase, or the wallet file was changed/);
      expectNoSecretIn(error, secret);
    }
  });

  it.each([
    ['N below 2^15', { N: 2 ** 14 }],
    ['N not a power of two', { N: 40_000 }],
    ['N above 2^20 (a hostile file asking for gigabytes)', { N: 2 ** 24 }],
    ['r of 0', { r: 0 }],
    ['N·r asking for gigabytes (2^20 × 32)', { N: 2 ** 20, r: 32 }],
    ['p above 4', { p: 64 }],
    ['an unknown cipher', { cipher: 'aes-128-cbc' }],
    ['a short IV', { iv: Buffer.alloc(8).toString('base64') }],
    ['a short ciphertext', { ciphertext: Buffer.alloc(32).toString('base64') }],
    ['non-base64 salt', { salt: '!!!' }],
    ['an extra field', { note: 'x' }],
  ])('refuses a sealed part with %s before deriving anything', async (_what, change) => {
    const sealed = await sealedOnce();
    await expect(passphraseBox(passphrase, cost).open({ ...sealed, ...change }, context)).rejects.toThrow(/malformed/);
  });

  it('asks to seal again when the file used weaker settings than the box would now', async () => {
    const sealed = await sealedOnce();
    expect((await passphraseBox(passphrase, { ...cost, N: 2 ** 16 }).open(sealed, context)).reseal).toBe(true);
  });

  it('refuses to seal under a short passphrase or a cost below the floor', async () => {
    const secret = Uint8Array.from(Keypair.generate().secretKey);
    await expect(passphraseBox('short', cost).seal(secret, context)).rejects.toThrow(/at least 10 characters/);
    await expect(passphraseBox(passphrase, { N: 2 ** 10, r: 8, p: 1 }).seal(secret, context)).rejects.toThrow(/power of two from 2\^15/);
  });
});
