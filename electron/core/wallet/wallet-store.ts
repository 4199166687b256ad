import bs58 from 'bs58';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { dataDirPaths } from '../data-dir-paths.js';
import { checkPublicHalf } from './parse-secret-key.js';
import { KeypairWallet } from './keypair-wallet.js';
import { writePrivateFile } from './private-file.js';
import { WalletUnlockError, type SecretBox } from './secret-box.js';
import { SECRET_KEY_LENGTH } from './ed25519.js';
import { WalletKeyError } from './wallet-key-error.js';

const FORMAT = 'launchdesk-wallet';
const VERSION = 1;
/** A wallet file is a few hundred bytes; anything far bigger is not one, and is not read whole. */
const MAX_FILE_BYTES = 64 * 1024;

/** Where the live data dir keeps the wallet: its own 0700 folder, one 0600 file. */
export function walletPaths(dataDir: string): { dir: string; file: string } {
  const paths = dataDirPaths(dataDir);
  return { dir: paths.walletDir, file: paths.walletFile };
}

const walletFileSchema = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(VERSION),
    publicKey: z.string().refine((text) => {
      try {
        return bs58.decode(text).length === 32;
      } catch {
        return false;
      }
    }, 'not a base58 public key'),
    keptBy: z.enum(['safe-storage', 'passphrase']),
    sealed: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .strict();
type WalletFile = z.infer<typeof walletFileSchema>;

/** What can be told about a stored wallet without unlocking it. */
export interface StoredWallet {
  file: string;
  publicKey: string;
  keptBy: 'safe-storage' | 'passphrase';
}

export interface UnlockedWallet {
  wallet: KeypairWallet;
  stored: StoredWallet;
  /** Something worth telling the trader that did not stop the unlock. */
  notice?: string;
}

/** The bytes the box authenticates with the ciphertext: the header it must not be moved away from. */
function contextOf(header: { publicKey: string; keptBy: string }): Uint8Array {
  return new TextEncoder().encode(`${FORMAT}/${VERSION}/${header.keptBy}/${header.publicKey}`);
}

async function readWalletFile(file: string): Promise<WalletFile | null> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_FILE_BYTES) throw new WalletUnlockError(`${file} is ${bytes.length} bytes: not a launchdesk wallet file`);
    text = bytes.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (error instanceof WalletUnlockError) throw error;
    throw new WalletUnlockError(`cannot read the wallet file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WalletUnlockError(`the wallet file ${file} is not JSON (damaged?); it was left as it is`);
  }
  const parsed = walletFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WalletUnlockError(`${file} is not a launchdesk wallet file (${issue?.path.join('.') || 'shape'}: ${issue?.message ?? 'invalid'}); it was left as it is`);
  }
  return parsed.data;
}

/** The stored wallet's address and how it is kept, or null if there is none. Decrypts nothing. */
export async function describeStoredWallet(dataDir: string): Promise<StoredWallet | null> {
  const { file } = walletPaths(dataDir);
  const header = await readWalletFile(file);
  return header === null ? null : { file, publicKey: header.publicKey, keptBy: header.keptBy };
}

async function writeWalletFile(file: string, secret: Uint8Array, box: SecretBox, replace: boolean): Promise<StoredWallet | null> {
  const header = { publicKey: bs58.encode(secret.subarray(32)), keptBy: box.keptBy };
  const sealed = await box.seal(secret, contextOf(header));
  const content: WalletFile = { format: FORMAT, version: VERSION, ...header, sealed };
  const written = await writePrivateFile(file, `${JSON.stringify(content, null, 2)}\n`, replace);
  return written ? { file, ...header } : null;
}

/**
 * Keeps an imported key in the data dir, encrypted by `box`. Refuses if a wallet is already
 * stored there: replacing a key is `forgetWallet` first, on purpose, so a second import can
 * never silently lose the first key. The caller still owns `secret` and zeroes it.
 */
export async function storeWallet(dataDir: string, secret: Uint8Array, box: SecretBox): Promise<StoredWallet> {
  if (secret.length !== SECRET_KEY_LENGTH) throw new WalletKeyError(`a secret key has ${SECRET_KEY_LENGTH} bytes`);
  checkPublicHalf(secret);
  const { file } = walletPaths(dataDir);
  const stored = await writeWalletFile(file, secret, box, false);
  if (stored === null) {
    const existing = await describeStoredWallet(dataDir).catch(() => null);
    const which = existing ? ` (${existing.publicKey})` : '';
    throw new WalletKeyError(`a wallet is already kept in ${file}${which}; remove it first to keep a different one`);
  }
  return stored;
}

/**
 * The stored wallet, decrypted into a signer. The file is never changed by a failure; it is
 * rewritten (atomically) only when the box asks to seal again, e.g. after the keychain
 * rotated its key. Throws WalletUnlockError if there is no wallet or it does not open.
 */
export async function unlockWallet(dataDir: string, box: SecretBox): Promise<UnlockedWallet> {
  const { file } = walletPaths(dataDir);
  const header = await readWalletFile(file);
  if (header === null) throw new WalletUnlockError(`no wallet is kept in ${path.dirname(file)}; import a key first`);
  if (header.keptBy !== box.keptBy) {
    throw new WalletUnlockError(`this wallet is kept by ${header.keptBy === 'passphrase' ? 'a passphrase' : "the system's keychain (safeStorage)"}; unlock it that way`);
  }
  const { secret, reseal } = await box.open(header.sealed, contextOf(header));
  try {
    if (secret.length !== SECRET_KEY_LENGTH) throw new WalletUnlockError('the wallet file decrypted to something that is not a key; it was left as it is');
    checkPublicHalf(secret);
    if (bs58.encode(secret.subarray(32)) !== header.publicKey) {
      throw new WalletUnlockError(`the wallet file's key is not the one its header names (${header.publicKey}); it was left as it is`);
    }
  } catch (error) {
    secret.fill(0);
    if (error instanceof WalletKeyError) throw new WalletUnlockError(`${error.message}; the wallet file was left as it is`);
    throw error;
  }
  const stored: StoredWallet = { file, publicKey: header.publicKey, keptBy: header.keptBy };
  let notice: string | undefined;
  if (reseal) {
    // Worth doing, not worth failing the unlock for: the old file still opens.
    try {
      await writeWalletFile(file, secret, box, true);
      notice = 'the wallet file was encrypted again with current settings';
    } catch (error) {
      notice = `the wallet file could not be encrypted again with current settings (${error instanceof Error ? error.message : String(error)}); it still opens as it is`;
    }
  }
  return { wallet: new KeypairWallet(secret), stored, ...(notice === undefined ? {} : { notice }) };
}
