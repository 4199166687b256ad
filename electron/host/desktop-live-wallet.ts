import type { BrowserWindow } from 'electron';
import type { KeypairWallet } from '../core/wallet/keypair-wallet.js';
import { MIN_PASSPHRASE_LENGTH } from '../core/wallet/passphrase-box.js';
import { WrongPassphraseError } from '../core/wallet/secret-box.js';
import { describeStoredWallet } from '../core/wallet/wallet-store.js';
import { importKeyWithDialog, keyStorage, unlockAtStart, type DesktopWalletContext, type ShowOpenDialog } from './desktop-wallet.js';
import type { PassphraseRequest } from './passphrase-prompt.js';

export interface DesktopLiveWalletDeps {
  context: DesktopWalletContext;
  showOpenDialog: ShowOpenDialog;
  /** promptPassphrase bound to Electron's BrowserWindow and the parent window. */
  askPassphrase: (request: PassphraseRequest) => Promise<string | null>;
  window?: BrowserWindow;
}

export interface DesktopLiveWallet {
  wallet: KeypairWallet;
  keptBy: 'safe-storage' | 'passphrase';
  /** Things to tell the trader (an imported file others can read, a re-encrypted file). */
  notices: string[];
}

/**
 * The desktop's live wallet without `--wallet FILE`: the one kept in the live data dir,
 * unlocked (by the keychain, or a passphrase asked in its own window until it is right or
 * the trader cancels); if there is none, a key file chosen in the native dialog, kept under
 * the keychain or, where there is no real keychain, a new passphrase asked first.
 * Resolves null when the trader cancels. Throws WalletKeyError / WalletUnlockError (a bad
 * key file, a damaged wallet file, a keychain that is gone) with a message to show.
 */
export async function openDesktopLiveWallet(deps: DesktopLiveWalletDeps): Promise<DesktopLiveWallet | null> {
  const { context } = deps;
  const stored = await describeStoredWallet(context.dataDir);

  if (stored?.keptBy === 'safe-storage') {
    const unlocked = await unlockAtStart(context);
    if (unlocked.status !== 'unlocked') throw new Error(`unexpected wallet state: ${unlocked.status}`);
    return { wallet: unlocked.wallet, keptBy: 'safe-storage', notices: unlocked.notice ? [unlocked.notice] : [] };
  }

  if (stored?.keptBy === 'passphrase') {
    let result: DesktopLiveWallet | null = null;
    const passphrase = await deps.askPassphrase({
      title: 'Unlock the live wallet',
      message: `Passphrase of the live wallet ${stored.publicKey}`,
      check: async (candidate) => {
        try {
          const unlocked = await unlockAtStart(context, candidate);
          if (unlocked.status !== 'unlocked') return 'The wallet file is gone.';
          result = { wallet: unlocked.wallet, keptBy: 'passphrase', notices: unlocked.notice ? [unlocked.notice] : [] };
          return null;
        } catch (error) {
          if (error instanceof WrongPassphraseError) return 'Wrong passphrase (or the wallet file was changed).';
          throw error;
        }
      },
    });
    if (passphrase === null) {
      (result as DesktopLiveWallet | null)?.wallet.dispose();
      return null;
    }
    return result;
  }

  const storage = keyStorage(context.keychain);
  let passphrase: string | undefined;
  if (storage.keptBy === 'passphrase') {
    const chosen = await deps.askPassphrase({
      title: 'Protect the live wallet',
      message: `${storage.why}. Choose a passphrase for the key you import next; it is asked at every live start and cannot be recovered.`,
      create: { minLength: MIN_PASSPHRASE_LENGTH },
    });
    if (chosen === null) return null;
    passphrase = chosen;
  }
  const outcome = await importKeyWithDialog(context, deps.showOpenDialog, deps.window, passphrase);
  switch (outcome.status) {
    case 'canceled':
      return null;
    case 'needs-passphrase':
      // A passphrase was given whenever the keychain is unavailable: cannot happen.
      throw new Error(`a passphrase is needed: ${outcome.why}`);
    case 'imported':
      return { wallet: outcome.wallet, keptBy: outcome.stored.keptBy, notices: outcome.warnings };
    default: {
      const never: never = outcome;
      throw new Error(`unexpected import outcome ${String(never)}`);
    }
  }
}
