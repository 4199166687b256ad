import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePrivateFile } from '../../../../electron/core/wallet/private-file.js';

const posix = process.platform !== 'win32';

describe('writePrivateFile', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'launchdesk-private-file-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates the folder 0700 and the file 0600 even under a permissive umask, leaving no temporary file', async () => {
    const file = path.join(root, 'wallet', 'wallet.json');
    const previous = process.umask(0);
    try {
      expect(await writePrivateFile(file, 'one', false)).toBe(true);
    } finally {
      process.umask(previous);
    }
    expect(await readFile(file, 'utf8')).toBe('one');
    if (posix) {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    }
    expect(await readdir(path.dirname(file))).toEqual(['wallet.json']);
  });

  it('without replace, leaves an existing file alone and says so; with replace, swaps it whole', async () => {
    const file = path.join(root, 'wallet.json');
    await writePrivateFile(file, 'first', false);
    expect(await writePrivateFile(file, 'second', false)).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('first');
    expect(await writePrivateFile(file, 'third', true)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('third');
    expect(await readdir(root)).toEqual(['wallet.json']);
  });
});
