import { open } from 'node:fs/promises';
import { KeypairWallet } from './keypair-wallet.js';
import { parseSecretKey } from './parse-secret-key.js';
import type { SecretBox } from './secret-box.js';
import { WalletKeyError } from './wallet-key-error.js';
import { storeWallet, type StoredWallet } from './wallet-store.js';

const MAX_KEY_FILE_BYTES = 16 * 1024;

/**
 * The key in a file the trader picked to import (solana-keygen JSON or base58 text). Unlike
 * `serve --wallet`, the file's mode is not a condition: the key is about to be encrypted
 * into the data dir; a file others can read is reported back as a warning instead.
 * The bytes read are zeroed once parsed; the caller owns the returned secret.
 */
export async function readKeyFile(file: string): Promise<{ secret: Uint8Array; warnings: string[] }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WalletKeyError(code === 'ENOENT' ? `key file ${file} does not exist` : `key file ${file} cannot be opened (${code ?? 'unknown error'})`);
  }
  let bytes: Buffer | undefined;
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new WalletKeyError(`${file} is not a regular file`);
    if (stats.size > MAX_KEY_FILE_BYTES) throw new WalletKeyError(`${file} is ${stats.size} bytes: not a key file`);
    bytes = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(bytes, 0, stats.size, 0);
    let secret: Uint8Array;
    try {
      secret = parseSecretKey(bytes.subarray(0, bytesRead));
    } catch (error) {
      if (error instanceof WalletKeyError) throw new WalletKeyError(`key file ${file}: ${error.message}`);
      throw error;
    }
    const warnings: string[] = [];
    if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
      warnings.push(`the key file ${file} can be read by other users of this computer; now that it is imported, delete it or run chmod 600 on it`);
    }
    return { secret, warnings };
  } finally {
    bytes?.fill(0);
    await handle.close();
  }
}

export interface ImportedWallet {
  wallet: KeypairWallet;
  stored: StoredWallet;
  warnings: string[];
}

/** Reads a key file, keeps the key in the data dir encrypted by `box`, and returns it ready to sign. */
export async function importKeyFile(dataDir: string, file: string, box: SecretBox): Promise<ImportedWallet> {
  const { secret, warnings } = await readKeyFile(file);
  try {
    const stored = await storeWallet(dataDir, secret, box);
    return { wallet: new KeypairWallet(secret), stored, warnings };
  } catch (error) {
    secret.fill(0);
    throw error;
  }
}
