import { SECRET_KEY_LENGTH } from '../core/wallet/ed25519.js';
import { WalletUnlockError, type OpenedSecret, type SecretBox, type SealedSecret } from '../core/wallet/secret-box.js';

/**
 * The part of Electron's `safeStorage` the wallet uses: the asynchronous API only. It came
 * in Electron 42 (isAsyncEncryptionAvailable returned a boolean there, a Promise from 43);
 * the synchronous API is deprecated in 45 and removed in 46. The app pins Electron 45; the
 * methods stay optional here and are checked at run time, so an older Electron says why.
 */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable?: () => Promise<boolean> | boolean;
  encryptStringAsync?: (plainText: string) => Promise<Buffer>;
  decryptStringAsync?: (encrypted: Buffer) => Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?: () => string;
}

export type KeychainBox = { available: true; box: SecretBox } | { available: false; reason: string };

function unavailable(reason: string): KeychainBox {
  return { available: false, reason };
}

function failure(action: string, error: unknown): WalletUnlockError {
  // The async API rejects with isTemporarilyUnavailable when the keychain is locked or busy.
  const temporary = typeof error === 'object' && error !== null && (error as { isTemporarilyUnavailable?: unknown }).isTemporarilyUnavailable === true;
  const detail = temporary ? 'the keychain is locked or busy; unlock it and try again' : error instanceof Error ? error.message : String(error);
  return new WalletUnlockError(`the system keychain could not ${action} the wallet (${detail}); the wallet file was left as it is`);
}

/**
 * The OS keychain as a SecretBox, or why it cannot be one. Refused where it would not
 * protect the key: on Linux, the `basic_text` backend encrypts with a password written in
 * Electron's source (and `unknown` means the app is not ready yet).
 *
 * safeStorage encrypts strings, so the key crosses it as a base64 string, and comes back as
 * one: two JS strings that cannot be zeroed (see keypair-wallet.ts). The bytes decoded from
 * the result are zeroed on every path but the one that returns them.
 */
export async function keychainBox(safeStorage: AsyncSafeStorage, platform: NodeJS.Platform): Promise<KeychainBox> {
  const { encryptStringAsync, decryptStringAsync, isAsyncEncryptionAvailable } = safeStorage;
  if (!encryptStringAsync || !decryptStringAsync || !isAsyncEncryptionAvailable) {
    return unavailable("this Electron has no asynchronous safeStorage (Electron 42 or later has it), so the system keychain is not used; keep the wallet under a passphrase");
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text') {
      return unavailable("no system keychain was found (Electron's safeStorage would use its built-in password, which protects nothing); keep the wallet under a passphrase, or start with --password-store=gnome-libsecret or kwallet6 where one is installed");
    }
    if (backend === 'unknown') return unavailable('the keychain was asked before the app was ready; ask again after app.whenReady()');
  }
  let available: boolean;
  try {
    available = await isAsyncEncryptionAvailable.call(safeStorage);
  } catch (error) {
    return unavailable(`the system keychain is not available (${error instanceof Error ? error.message : String(error)}); keep the wallet under a passphrase`);
  }
  if (!available) return unavailable('the system keychain is not available; keep the wallet under a passphrase');

  const box: SecretBox = {
    keptBy: 'safe-storage',
    async seal(secret: Uint8Array): Promise<SealedSecret> {
      let encrypted: Buffer;
      try {
        encrypted = await encryptStringAsync.call(safeStorage, Buffer.from(secret.buffer, secret.byteOffset, secret.length).toString('base64'));
      } catch (error) {
        throw failure('encrypt', error);
      }
      return { ciphertext: encrypted.toString('base64') };
    },
    async open(sealed: SealedSecret): Promise<OpenedSecret> {
      const ciphertext = sealed.ciphertext;
      if (typeof ciphertext !== 'string' || ciphertext.length === 0 || Object.keys(sealed).length !== 1) {
        throw new WalletUnlockError("the wallet file's encrypted part is malformed (expected one ciphertext); it was left as it is");
      }
      let decrypted: { result: string; shouldReEncrypt: boolean };
      try {
        decrypted = await decryptStringAsync.call(safeStorage, Buffer.from(ciphertext, 'base64'));
      } catch (error) {
        throw failure('decrypt', error);
      }
      const bytes = Buffer.from(decrypted.result, 'base64');
      try {
        if (bytes.length !== SECRET_KEY_LENGTH) throw new WalletUnlockError('the keychain returned something that is not a key; the wallet file was left as it is');
        return { secret: Uint8Array.from(bytes), reseal: decrypted.shouldReEncrypt };
      } finally {
        bytes.fill(0);
      }
    },
  };
  return { available: true, box };
}
