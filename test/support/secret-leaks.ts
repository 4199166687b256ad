import bs58 from 'bs58';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { expect } from 'vitest';

/**
 * Every way a 64-byte secret key can show up in text: base58, base64, hex, the JSON byte
 * list, and the 32-byte seed alone in each of those (the seed is the secret). A fragment of
 * the byte list is matched too: 8 consecutive numbers of the seed are enough to be a leak.
 */
export function secretSpellings(secretKey: Uint8Array): string[] {
  const seed = secretKey.subarray(0, 32);
  const spellings: string[] = [];
  for (const bytes of [secretKey, seed]) {
    const buffer = Buffer.from(bytes);
    spellings.push(bs58.encode(bytes), buffer.toString('base64'), buffer.toString('base64url'), buffer.toString('hex'));
  }
  const numbers = Array.from(seed);
  for (let at = 0; at + 8 <= numbers.length; at += 8) {
    spellings.push(numbers.slice(at, at + 8).join(','));
  }
  return spellings;
}

/** The text forms an object takes in a log, an error, IPC or the console. */
export function renderings(value: unknown): string[] {
  const texts = [inspect(value, { depth: 10, showHidden: true, getters: true }), String(value)];
  try {
    texts.push(JSON.stringify(value) ?? '');
  } catch (error) {
    texts.push(String(error));
  }
  if (value instanceof Error) texts.push(value.message, value.stack ?? '');
  return texts;
}

/**
 * The text with whitespace and JSON's typed-array keys removed, so a byte list reads as
 * `1,2,3` whether inspect padded it over lines or JSON.stringify wrote `{"0":1,"1":2}`.
 */
function squeezed(text: string): string {
  return text.replace(/\s+/g, '').replace(/"\d+":/g, '');
}

/** Asserts that none of `values`, rendered every way, holds the key in any spelling. */
export function expectNoSecretIn(values: unknown, secretKey: Uint8Array): void {
  const spellings = secretSpellings(secretKey);
  const list = Array.isArray(values) ? values : [values];
  for (const value of list) {
    for (const text of renderings(value)) {
      const plain = squeezed(text);
      for (const spelling of spellings) {
        expect(text.includes(spelling) || plain.includes(spelling), `a spelling of the key in a rendering of ${typeof value}`).toBe(false);
      }
    }
  }
}

/** Every file under `root` (recursively), or `root` itself when it is a file. */
export function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  if (!fs.statSync(root).isDirectory()) return [root];
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((entry) => filesUnder(path.join(root, entry.name)));
}

/**
 * Asserts that no file holds the key: its raw bytes (the 64, or the 32-byte seed, as a
 * binary file such as SQLite could store them) nor any text spelling. Returns how many
 * files were read, so a caller can check the search covered something.
 */
export function expectNoSecretInFiles(files: string[], secretKey: Uint8Array): number {
  const spellings = secretSpellings(secretKey);
  const seed = Buffer.from(secretKey.subarray(0, 32));
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    expect(bytes.indexOf(seed), `the key's raw bytes in ${file}`).toBe(-1);
    const text = bytes.toString('latin1');
    const plain = squeezed(text);
    for (const spelling of spellings) {
      expect(text.includes(spelling) || plain.includes(spelling), `a spelling of the key in ${file}`).toBe(false);
    }
  }
  return files.length;
}
