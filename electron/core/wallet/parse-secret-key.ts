import bs58 from 'bs58';
import { timingSafeEqual } from 'node:crypto';
import { publicKeyOfSeed, SECRET_KEY_LENGTH, SEED_LENGTH } from './ed25519.js';
import { WalletKeyError } from './wallet-key-error.js';

/**
 * A Solana secret key from what a trader has: a solana-keygen file (a JSON array of 64
 * numbers) or a wallet's "export private key" text (base58 of the same 64 bytes). Returns
 * the 64 bytes (seed, then public key), checked: the public half must be the seed's.
 *
 * A 32-byte value is refused on purpose: in base58 it is indistinguishable from a public
 * address, and a wallet made from someone's address as a seed is a wallet anyone can drain.
 *
 * The caller owns `input` and zeroes it; on error nothing parsed so far is left behind.
 */
export function parseSecretKey(input: Uint8Array): Uint8Array {
  const start = skipSpace(input, 0);
  if (start === input.length) throw new WalletKeyError('the key is empty');
  if (input[start] === 0x7b /* { */) {
    throw new WalletKeyError('the key file is a JSON object, not a list of 64 numbers (an encrypted launchdesk wallet.json is opened by the desktop app, not read as a key file)');
  }
  const secret = input[start] === 0x5b /* [ */ ? parseByteArray(input, start) : parseBase58(input, start);
  try {
    checkPublicHalf(secret);
    return secret;
  } catch (error) {
    secret.fill(0);
    throw error;
  }
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function skipSpace(input: Uint8Array, at: number): number {
  while (at < input.length && isSpace(input[at])) at += 1;
  return at;
}

const seedMessage =
  'the key has 32 bytes: that is a seed or a public address, not a secret key; export the full 64-byte secret key (solana-keygen JSON file or base58 "private key")';

function wrongLength(count: number, what: string): WalletKeyError {
  if (count === SEED_LENGTH) return new WalletKeyError(seedMessage);
  return new WalletKeyError(`the key has ${count} ${what}; a Solana secret key has ${SECRET_KEY_LENGTH}`);
}

/**
 * The solana-keygen format, parsed straight from the bytes. Hand-written rather than
 * JSON.parse because JSON.parse needs the file as a JS string, and strings are immutable:
 * that copy of the key could never be zeroed. This grammar is only `[`, integers 0..255,
 * commas and whitespace, which is all solana-keygen writes.
 */
function parseByteArray(input: Uint8Array, start: number): Uint8Array {
  const secret = new Uint8Array(SECRET_KEY_LENGTH);
  let count = 0;
  let at = skipSpace(input, start + 1);
  try {
    if (input[at] === 0x5d /* ] */) throw wrongLength(0, 'numbers');
    for (;;) {
      let value = 0;
      let digits = 0;
      while (at < input.length && input[at]! >= 0x30 && input[at]! <= 0x39) {
        value = value * 10 + (input[at]! - 0x30);
        digits += 1;
        at += 1;
        if (digits > 3) break;
      }
      if (digits === 0 || digits > 3 || value > 255) {
        throw new WalletKeyError(`the key file is not a list of byte values (entry ${count + 1} is not an integer from 0 to 255)`);
      }
      if (count < SECRET_KEY_LENGTH) secret[count] = value;
      count += 1;
      value = 0;
      at = skipSpace(input, at);
      if (input[at] === 0x2c /* , */) {
        at = skipSpace(input, at + 1);
        continue;
      }
      if (input[at] === 0x5d /* ] */) break;
      throw new WalletKeyError(`the key file is not a JSON list of numbers (unexpected ${at >= input.length ? 'end of file' : 'character'} after entry ${count})`);
    }
    if (skipSpace(input, at + 1) !== input.length) throw new WalletKeyError('the key file has something after its closing ]');
    if (count !== SECRET_KEY_LENGTH) throw wrongLength(count, 'numbers');
    return secret;
  } catch (error) {
    secret.fill(0);
    throw error;
  }
}

const base58Alphabet = new Set(Array.from('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', (c) => c.charCodeAt(0)));

/**
 * Base58 text. bs58 decodes strings only, so this one step makes a JS string of the key
 * that cannot be zeroed (see keypair-wallet.ts on what JS can promise); the decoded bytes
 * are ours and are zeroed on every error.
 */
function parseBase58(input: Uint8Array, start: number): Uint8Array {
  let end = input.length;
  while (end > start && isSpace(input[end - 1])) end -= 1;
  for (let at = start; at < end; at += 1) {
    if (!base58Alphabet.has(input[at]!)) {
      throw new WalletKeyError('the key is neither a JSON list of 64 numbers nor base58 text (it has a character outside the base58 alphabet)');
    }
  }
  const decoded = bs58.decode(Buffer.from(input.buffer, input.byteOffset + start, end - start).toString('latin1'));
  if (decoded.length !== SECRET_KEY_LENGTH) {
    decoded.fill(0);
    throw wrongLength(decoded.length, 'bytes');
  }
  return decoded;
}

/** Throws unless bytes 32..64 are the public key of the seed in bytes 0..32. */
export function checkPublicHalf(secret: Uint8Array): void {
  const derived = publicKeyOfSeed(secret);
  if (!timingSafeEqual(derived, secret.subarray(SEED_LENGTH))) {
    throw new WalletKeyError('the key is damaged: its public half does not match its secret half');
  }
}
