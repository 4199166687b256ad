import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSecretKey } from '../../../../electron/core/wallet/parse-secret-key.js';
import { WalletKeyError } from '../../../../electron/core/wallet/wallet-key-error.js';
import { expectNoSecretIn } from '../../../support/secret-leaks.js';

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

function refusal(input: Uint8Array): WalletKeyError {
  try {
    parseSecretKey(input);
  } catch (error) {
    expect(error).toBeInstanceOf(WalletKeyError);
    return error as WalletKeyError;
  }
  throw new Error('expected the key to be refused');
}

describe('parseSecretKey', () => {
  it('reads a solana-keygen file (a JSON list of 64 numbers), with any whitespace', () => {
    const keypair = Keypair.generate();
    for (const text of [JSON.stringify(Array.from(keypair.secretKey)), `\n[ ${Array.from(keypair.secretKey).join(' ,\n ')} ]\n\n`]) {
      expect(Buffer.from(parseSecretKey(bytesOf(text)))).toEqual(Buffer.from(keypair.secretKey));
    }
  });

  it('reads base58 text of the 64 bytes, trimmed', () => {
    const keypair = Keypair.generate();
    const parsed = parseSecretKey(bytesOf(`  ${bs58.encode(keypair.secretKey)}\n`));
    expect(Buffer.from(parsed)).toEqual(Buffer.from(keypair.secretKey));
  });

  it('refuses a 32-byte value (a seed or a public address) in either encoding, and says why', () => {
    const keypair = Keypair.generate();
    expect(refusal(bytesOf(keypair.publicKey.toBase58())).message).toMatch(/32 bytes.*public address/);
    expect(refusal(bytesOf(JSON.stringify(Array.from(keypair.secretKey.subarray(0, 32))))).message).toMatch(/32 bytes/);
  });

  it('refuses a key whose public half is not its secret half (Keypair.fromSecretKey refuses it too)', () => {
    const secret = Keypair.generate().secretKey;
    secret.set(Keypair.generate().publicKey.toBytes(), 32);
    expect(() => Keypair.fromSecretKey(secret)).toThrow();
    expect(refusal(bytesOf(JSON.stringify(Array.from(secret)))).message).toMatch(/public half does not match/);
    expect(refusal(bytesOf(bs58.encode(secret))).message).toMatch(/public half does not match/);
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \n\t '],
    ['an empty list', '[]'],
    ['63 numbers', JSON.stringify(Array.from({ length: 63 }, () => 1))],
    ['65 numbers', JSON.stringify(Array.from({ length: 65 }, () => 1))],
    ['a number above 255', `[256${',1'.repeat(63)}]`],
    ['a negative number', `[-1${',1'.repeat(63)}]`],
    ['a decimal', `[1.5${',1'.repeat(63)}]`],
    ['a string entry', `["1"${',1'.repeat(63)}]`],
    ['a missing comma', `[1 1${',1'.repeat(62)}]`],
    ['no closing bracket', `[1${',1'.repeat(63)}`],
    ['a trailing comma', `[1${',1'.repeat(63)},]`],
    ['something after the list', `[1${',1'.repeat(63)}] x`],
    ['non-base58 characters', '0OIl'.repeat(22)],
    ['base58 of the wrong length', bs58.encode(new Uint8Array(40).fill(7))],
    ['a JSON object', '{"secretKey": [1,2,3]}'],
  ])('refuses %s with a WalletKeyError', (_what, text) => {
    expect(refusal(bytesOf(text)).message.length).toBeGreaterThan(0);
  });

  it('says a JSON object (such as an encrypted wallet.json) is not a key file', () => {
    expect(refusal(bytesOf('{"format":"launchdesk-wallet"}')).message).toMatch(/JSON object.*wallet\.json is opened by the desktop app/);
  });

  it('never echoes the key, or any part of it, in an error', () => {
    const keypair = Keypair.generate();
    const numbers = Array.from(keypair.secretKey);
    const base58 = bs58.encode(keypair.secretKey);
    const damaged = [
      `[${numbers.slice(0, 63).join(',')}]`,
      `[${numbers.join(',')},${numbers[0]}]`,
      `[${numbers.slice(0, 40).join(',')},x,${numbers.slice(41).join(',')}]`,
      `${base58.slice(0, 40)}0${base58.slice(41)}`,
      base58.slice(0, 60),
      `[${numbers.slice(0, 32).join(',')}]`,
    ];
    for (const text of damaged) expectNoSecretIn(refusal(bytesOf(text)), keypair.secretKey);
  });

  it('leaves the caller’s input untouched (the caller zeroes it) and returns a separate array', () => {
    const keypair = Keypair.generate();
    const input = bytesOf(JSON.stringify(Array.from(keypair.secretKey)));
    const copy = Buffer.from(input);
    const parsed = parseSecretKey(input);
    expect(Buffer.from(input)).toEqual(copy);
    input.fill(0);
    expect(Buffer.from(parsed)).toEqual(Buffer.from(keypair.secretKey));
  });
});

describe('parseSecretKey on arbitrary input', () => {
  it('returns a checked 64-byte key or throws a WalletKeyError, nothing else', () => {
    const asText = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.array(fc.integer({ min: -5, max: 300 }), { maxLength: 70 }).map((numbers) => bytesOf(JSON.stringify(numbers))),
      fc.string({ unit: fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl [],'.split('')), maxLength: 120 }).map(bytesOf),
    );
    fc.assert(
      fc.property(asText, (input) => {
        try {
          const secret = parseSecretKey(input);
          expect(secret).toHaveLength(64);
          expect(Keypair.fromSecretKey(secret).publicKey.toBytes()).toEqual(secret.subarray(32));
        } catch (error) {
          expect(error).toBeInstanceOf(WalletKeyError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every generated key in both encodings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        const keypair = Keypair.fromSeed(seed);
        expect(Buffer.from(parseSecretKey(bytesOf(JSON.stringify(Array.from(keypair.secretKey)))))).toEqual(Buffer.from(keypair.secretKey));
        expect(Buffer.from(parseSecretKey(bytesOf(bs58.encode(keypair.secretKey))))).toEqual(Buffer.from(keypair.secretKey));
      }),
      { numRuns: 100 },
    );
  });
});
