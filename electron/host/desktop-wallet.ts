import type { BrowserWindow, Dialog, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { importKeyFile, type ImportedWallet } from '../core/wallet/import-key-file.js';
import type { KeypairWallet } from '../core/wallet/keypair-wallet.js';
import { passphraseBox, type ScryptCost } from '../core/wallet/passphrase-box.js';
import type { SecretBox } from '../core/wallet/secret-box.js';
import { WalletUnlockError } from '../core/wallet/secret-box.js';
import { describeStoredWallet, unlockWallet, type StoredWallet } from '../core/wallet/wallet-store.js';
import type { KeychainBox } from './safe-storage-box.js';

/**
 * The desktop's wallet steps, run in the main process. The key file is chosen with the
 * native open dialog and read here: the key never passes through the renderer, which only
 * ever learns the public key and how it is kept. The keychain (safeStorage) keeps the key
 * where it protects it; otherwise a passphrase is required.
 */

/** Electron's dialog.showOpenDialog, as this file needs it (a fake in tests). */
export type ShowOpenDialog = (window: BrowserWindow | undefined, options: OpenDialogOptions) => Promise<OpenDialogReturnValue>;

/** Electron's dialog module as a ShowOpenDialog: sheet on the window when there is one. */
export function showOpenDialogOf(dialog: Pick<Dialog, 'showOpenDialog'>): ShowOpenDialog {
  return (window, options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
}

export interface DesktopWalletContext {
  /** The LIVE data dir: the wallet goes to <dataDir>/wallet/wallet.json. */
  dataDir: string;
  keychain: KeychainBox;
  /** scrypt's cost for a passphrase; the default (2^17) unless a test asks for the floor. */
  passphraseCost?: ScryptCost;
}

export type KeyStorage = { keptBy: 'safe-storage' } | { keptBy: 'passphrase'; why: string };

/** How a new key will be kept: the keychain where it protects it, else a passphrase, and why. */
export function keyStorage(keychain: KeychainBox): KeyStorage {
  return keychain.available ? { keptBy: 'safe-storage' } : { keptBy: 'passphrase', why: keychain.reason };
}

/** A passphrase given is the trader's choice, keychain or not; without one, the keychain if it protects. */
function boxFor(context: DesktopWalletContext, passphrase: string | undefined): SecretBox | null {
  if (passphrase !== undefined) return passphraseBox(passphrase, context.passphraseCost);
  return context.keychain.available ? context.keychain.box : null;
}

export const keyFileDialog: OpenDialogOptions = {
  title: 'Import a Solana key for live trading',
  buttonLabel: 'Import key',
  properties: ['openFile', 'dontAddToRecent'],
  filters: [
    { name: 'Key files (solana-keygen JSON, base58 text)', extensions: ['json', 'txt', 'key'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

export type ImportOutcome =
  | { status: 'canceled' }
  | { status: 'needs-passphrase'; why: string }
  | ({ status: 'imported' } & ImportedWallet);

/**
 * Asks for a key file with the native dialog and keeps it in the live data dir: under the
 * passphrase if one is given, else in the keychain. Without a keychain and a passphrase it
 * returns `needs-passphrase` before anything is asked or read; call again with one. Throws WalletKeyError (bad file) or WalletUnlockError (keychain refused).
 */
export async function importKeyWithDialog(
  context: DesktopWalletContext,
  showOpenDialog: ShowOpenDialog,
  window: BrowserWindow | undefined,
  passphrase?: string,
): Promise<ImportOutcome> {
  const box = boxFor(context, passphrase);
  if (box === null) return { status: 'needs-passphrase', why: (context.keychain as { reason: string }).reason };
  const chosen = await showOpenDialog(window, keyFileDialog);
  const file = chosen.filePaths[0];
  if (chosen.canceled || file === undefined) return { status: 'canceled' };
  return { status: 'imported', ...(await importKeyFile(context.dataDir, file, box)) };
}

export type UnlockOutcome =
  | { status: 'no-wallet' }
  | { status: 'needs-passphrase'; stored: StoredWallet }
  | { status: 'unlocked'; wallet: KeypairWallet; stored: StoredWallet; notice?: string };

/**
 * At start in live mode: the stored wallet, unlocked. A keychain wallet opens by itself; a
 * passphrase wallet reports `needs-passphrase` (with its address, to show in the prompt)
 * until called with one. Throws WalletUnlockError for a wrong passphrase, a changed file or
 * a keychain that is gone; the file is never changed by a failure.
 */
export async function unlockAtStart(context: DesktopWalletContext, passphrase?: string): Promise<UnlockOutcome> {
  const stored = await describeStoredWallet(context.dataDir);
  if (stored === null) return { status: 'no-wallet' };
  if (stored.keptBy === 'safe-storage') {
    if (!context.keychain.available) throw new WalletUnlockError(`the wallet ${stored.publicKey} is kept in the system keychain, which is not available: ${context.keychain.reason}`);
    return { status: 'unlocked', ...(await unlockWallet(context.dataDir, context.keychain.box)) };
  }
  if (passphrase === undefined) return { status: 'needs-passphrase', stored };
  return { status: 'unlocked', ...(await unlockWallet(context.dataDir, passphraseBox(passphrase, context.passphraseCost))) };
}
