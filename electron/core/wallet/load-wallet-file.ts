import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { KeypairWallet } from './keypair-wallet.js';
import { parseSecretKey } from './parse-secret-key.js';
import { WalletKeyError } from './wallet-key-error.js';

/** A key file is under 300 bytes; a bigger one is not a key file, and is not read. */
const MAX_KEY_FILE_BYTES = 16 * 1024;

/** `file` quoted for a POSIX shell, so the command we suggest can be pasted as it is. */
function shellQuoted(file: string): string {
  return /^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}

async function openNoFollow(file: string): Promise<FileHandle> {
  try {
    // O_NOFOLLOW: a symlink is refused, not followed. The checks below run on what was
    // opened (fstat of this handle), so the file cannot be swapped between check and read.
    // O_NONBLOCK: opening a FIFO must not hang waiting for a writer (no effect on regular files).
    return await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
      case 'ENOENT':
        throw new WalletKeyError(`wallet file ${file} does not exist`);
      case 'ELOOP':
        throw new WalletKeyError(`wallet file ${file} is a symbolic link; pass the file it points to (realpath ${shellQuoted(file)})`);
      case 'EACCES':
      case 'EPERM':
        throw new WalletKeyError(`wallet file ${file} cannot be read by this user`);
      case 'EISDIR':
        throw new WalletKeyError(`wallet file ${file} is a directory, not a key file`);
      default:
        throw new WalletKeyError(`wallet file ${file} cannot be opened (${code ?? 'unknown error'})`);
    }
  }
}

/**
 * The key for `serve --wallet FILE`: a solana-keygen JSON file or a base58 text file. Refused
 * unless it is a regular file (not a symlink, not a folder), owned by the user running us,
 * that no one else can read or write (mode 0600 or stricter) — the check ssh does for its
 * keys. The bytes read are zeroed once parsed. On Windows modes and uids do not exist; only
 * the regular-file check applies there (protect the file with its ACL).
 */
export async function loadWalletFile(file: string): Promise<KeypairWallet> {
  const handle = await openNoFollow(file);
  let bytes: Buffer | undefined;
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new WalletKeyError(`wallet file ${file} is a directory, not a key file`);
    if (!stats.isFile()) throw new WalletKeyError(`wallet file ${file} is not a regular file`);
    if (process.platform !== 'win32') {
      const uid = process.getuid?.();
      if (uid !== undefined && stats.uid !== uid) {
        throw new WalletKeyError(`wallet file ${file} belongs to another user (uid ${stats.uid}); it must be yours: chown ${uid} ${shellQuoted(file)}`);
      }
      const loose = stats.mode & 0o077;
      if (loose !== 0) {
        const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
        throw new WalletKeyError(`wallet file ${file} can be read or changed by other users (mode ${mode}); run: chmod 600 ${shellQuoted(file)}`);
      }
    }
    if (stats.size > MAX_KEY_FILE_BYTES) throw new WalletKeyError(`wallet file ${file} is ${stats.size} bytes: not a key file`);
    bytes = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(bytes, 0, stats.size, 0);
    try {
      return new KeypairWallet(parseSecretKey(bytes.subarray(0, bytesRead)));
    } catch (error) {
      if (error instanceof WalletKeyError) throw new WalletKeyError(`wallet file ${file}: ${error.message}`);
      throw error;
    }
  } finally {
    bytes?.fill(0);
    await handle.close();
  }
}
