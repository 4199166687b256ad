import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { SECRET_KEY_LENGTH } from './ed25519.js';
import { WalletUnlockError, WrongPassphraseError, type OpenedSecret, type SecretBox, type SealedSecret } from './secret-box.js';
import { WalletKeyError } from './wallet-key-error.js';

/** scrypt's cost: N (a power of two), r, p. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** 2^17 (128 MiB, about half a second here): what OWASP asks of scrypt for stored secrets. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/** Below this a file is refused to open and a box refuses to seal: too cheap to guess at. */
export const MIN_SCRYPT_N = 2 ** 15;
/** Above these a file is refused: a hostile file must not make us allocate gigabytes. */
const MAX_SCRYPT_N = 2 ** 20;
const MAX_SCRYPT_BYTES = 512 * 1024 * 1024;
export const MIN_PASSPHRASE_LENGTH = 10;

const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

const base64Of = (length: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')
    .refine((text) => Buffer.from(text, 'base64').length === length, `not ${length} bytes`);

const sealedSchema = z
  .object({
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(MIN_SCRYPT_N)
      .max(MAX_SCRYPT_N)
      .refine((n) => (n & (n - 1)) === 0, 'not a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(4),
    salt: base64Of(SALT_BYTES),
    cipher: z.literal('aes-256-gcm'),
    iv: base64Of(IV_BYTES),
    tag: base64Of(TAG_BYTES),
    ciphertext: base64Of(SECRET_KEY_LENGTH),
  })
  .strict()
  // scrypt takes 128·N·r bytes: a hostile file must not make us allocate gigabytes.
  .refine((fields) => 128 * fields.N * fields.r <= MAX_SCRYPT_BYTES, { message: 'scrypt would need more than 512 MiB', path: ['r'] });

function deriveKey(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses past `maxmem` (32 MiB by default).
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 128 * cost.N * cost.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(passphrase, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * A key kept under a passphrase: scrypt derives an AES-256-GCM key from it and a random
 * salt; a random 12-byte IV per seal; the tag authenticates the ciphertext and the file's
 * header (public key, format), so a changed file fails to open instead of yielding a
 * different key. node:crypto only, on libuv's thread pool (async scrypt).
 *
 * The passphrase is a JS string (it comes from a dialog or a terminal): it cannot be
 * zeroed. Derived keys and decrypted buffers are zeroed after use.
 */
export function passphraseBox(passphrase: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): SecretBox {
  // NFC: the same passphrase typed on two systems may arrive composed or decomposed.
  const normalized = passphrase.normalize('NFC');
  return {
    keptBy: 'passphrase',
    async seal(secret: Uint8Array, context: Uint8Array): Promise<SealedSecret> {
      if ([...normalized].length < MIN_PASSPHRASE_LENGTH) {
        throw new WalletKeyError(`the passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters`);
      }
      if (cost.N < MIN_SCRYPT_N || cost.N > MAX_SCRYPT_N || (cost.N & (cost.N - 1)) !== 0) {
        throw new RangeError(`scrypt N must be a power of two from 2^15 to 2^20`);
      }
      const salt = randomBytes(SALT_BYTES);
      const iv = randomBytes(IV_BYTES);
      const key = await deriveKey(normalized, salt, cost);
      try {
        const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        cipher.setAAD(context);
        const head = cipher.update(secret);
        const tail = cipher.final();
        const ciphertext = Buffer.concat([head, tail]);
        return {
          kdf: 'scrypt',
          N: cost.N,
          r: cost.r,
          p: cost.p,
          salt: salt.toString('base64'),
          cipher: 'aes-256-gcm',
          iv: iv.toString('base64'),
          tag: cipher.getAuthTag().toString('base64'),
          ciphertext: ciphertext.toString('base64'),
        };
      } finally {
        key.fill(0);
      }
    },
    async open(sealed: SealedSecret, context: Uint8Array): Promise<OpenedSecret> {
      const parsed = sealedSchema.safeParse(sealed);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new WalletUnlockError(`the wallet file's encrypted part is malformed (${issue?.path.join('.') || 'shape'}: ${issue?.message ?? 'invalid'})`);
      }
      const fields = parsed.data;
      const key = await deriveKey(normalized, Buffer.from(fields.salt, 'base64'), fields);
      const secret = new Uint8Array(SECRET_KEY_LENGTH);
      let head: Buffer | undefined;
      let tail: Buffer | undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(fields.iv, 'base64'), { authTagLength: TAG_BYTES });
        decipher.setAAD(context);
        decipher.setAuthTag(Buffer.from(fields.tag, 'base64'));
        head = decipher.update(Buffer.from(fields.ciphertext, 'base64'));
        try {
          tail = decipher.final();
        } catch {
          throw new WrongPassphraseError('wrong passphrase, or the wallet file was changed (it failed authentication); the file was left as it is');
        }
        secret.set(head, 0);
        secret.set(tail, head.length);
        // Opened with weaker settings than this box would seal with now: worth sealing again.
        return { secret, reseal: fields.N < cost.N || fields.r < cost.r };
      } catch (error) {
        secret.fill(0);
        throw error;
      } finally {
        key.fill(0);
        head?.fill(0);
        tail?.fill(0);
      }
    },
  };
}
