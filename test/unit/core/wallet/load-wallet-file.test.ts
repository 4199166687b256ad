import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadWalletFile } from '../../../../electron/core/wallet/load-wallet-file.js';
import { WalletKeyError } from '../../../../electron/core/wallet/wallet-key-error.js';
import { expectNoSecretIn } from '../../../support/secret-leaks.js';

/** The real parser, watched: what it was handed is the buffer the loader read the file into. */
const parsed = vi.hoisted(() => ({ inputs: [] as Uint8Array[] }));
vi.mock('../../../../electron/core/wallet/parse-secret-key.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../electron/core/wallet/parse-secret-key.js')>();
  return {
    ...real,
    parseSecretKey: (input: Uint8Array) => {
      parsed.inputs.push(input);
      return real.parseSecretKey(input);
    },
  };
});

const posix = process.platform !== 'win32';
const isRoot = process.getuid?.() === 0;

describe('loadWalletFile (serve --wallet FILE)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'launchdesk-wallet-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function keyFile(name: string, content: string, mode = 0o600): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, content, { mode });
    await chmod(file, mode);
    return file;
  }

  async function refusal(file: string): Promise<WalletKeyError> {
    const error = await loadWalletFile(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WalletKeyError);
    return error as WalletKeyError;
  }

  it('loads a solana-keygen JSON file at 0600', async () => {
    const keypair = Keypair.generate();
    const wallet = await loadWalletFile(await keyFile('id.json', JSON.stringify(Array.from(keypair.secretKey))));
    expect(wallet.publicKey.equals(keypair.publicKey)).toBe(true);
    wallet.dispose();
  });

  it('zeroes the bytes it read the file into, once parsed, whether the key was good or not', async () => {
    const keypair = Keypair.generate();
    parsed.inputs.length = 0;
    await loadWalletFile(await keyFile('good.json', JSON.stringify(Array.from(keypair.secretKey))));
    await loadWalletFile(await keyFile('bad.json', JSON.stringify(Array.from(keypair.secretKey.subarray(0, 63))))).catch(() => undefined);
    expect(parsed.inputs).toHaveLength(2);
    for (const input of parsed.inputs) {
      expect(input.length).toBeGreaterThan(100);
      expect(input.every((byte) => byte === 0)).toBe(true);
    }
  });

  it('loads a base58 text file, and a file at 0400', async () => {
    const keypair = Keypair.generate();
    const wallet = await loadWalletFile(await keyFile('key.txt', `${bs58.encode(keypair.secretKey)}\n`, 0o400));
    expect(wallet.publicKey.equals(keypair.publicKey)).toBe(true);
  });

  it.runIf(posix).each([0o644, 0o640, 0o604, 0o660, 0o606, 0o700 | 0o020])('refuses mode %o and says to run chmod 600 FILE', async (mode) => {
    const keypair = Keypair.generate();
    const file = await keyFile('id.json', JSON.stringify(Array.from(keypair.secretKey)), mode);
    const error = await refusal(file);
    expect(error.message).toContain(`mode 0${mode.toString(8)}`);
    expect(error.message).toContain(`run: chmod 600 ${file}`);
    expectNoSecretIn(error, keypair.secretKey);
  });

  it.runIf(posix)('quotes a path with spaces in the command it suggests', async () => {
    const file = await keyFile("my key's.json", JSON.stringify(Array.from(Keypair.generate().secretKey)), 0o644);
    expect((await refusal(file)).message).toContain(`chmod 600 '${dir}/my key'\\''s.json'`);
  });

  it.runIf(posix && isRoot)('refuses a file that belongs to another user', async () => {
    const file = await keyFile('id.json', JSON.stringify(Array.from(Keypair.generate().secretKey)));
    await chown(file, 4242, 4242);
    expect((await refusal(file)).message).toMatch(/belongs to another user \(uid 4242\)/);
  });

  it('refuses a missing file', async () => {
    expect((await refusal(path.join(dir, 'nope.json'))).message).toMatch(/does not exist/);
  });

  it('refuses a directory', async () => {
    const sub = path.join(dir, 'keys');
    await mkdir(sub, { mode: 0o700 });
    expect((await refusal(sub)).message).toMatch(/is a directory/);
  });

  it.runIf(posix)('refuses a symbolic link, even to a good 0600 key file, and names realpath', async () => {
    const target = await keyFile('id.json', JSON.stringify(Array.from(Keypair.generate().secretKey)));
    const link = path.join(dir, 'link.json');
    await symlink(target, link);
    expect((await refusal(link)).message).toMatch(/symbolic link.*realpath/);
  });

  it.runIf(posix)('refuses a named pipe without waiting for a writer', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', ['-m', '600', fifo]);
    expect((await refusal(fifo)).message).toMatch(/not a regular file/);
  });

  it('refuses an empty file, garbage, a public key and an oversized file, naming the file', async () => {
    const cases = [
      await keyFile('empty.json', ''),
      await keyFile('garbage.json', '{"hello": "world"}'),
      await keyFile('pubkey.txt', Keypair.generate().publicKey.toBase58()),
      await keyFile('big.json', `[${'1,'.repeat(20_000)}1]`),
    ];
    for (const file of cases) expect((await refusal(file)).message).toContain(file);
  });

  it('never echoes the key in an error, even a damaged one', async () => {
    const keypair = Keypair.generate();
    const numbers = Array.from(keypair.secretKey);
    const file = await keyFile('damaged.json', `[${numbers.slice(0, 50).join(',')},oops]`);
    expectNoSecretIn(await refusal(file), keypair.secretKey);
  });
});
