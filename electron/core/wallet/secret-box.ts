/**
 * What keeps the key encrypted at rest, injected so the wallet store runs in plain Node:
 * a passphrase (scrypt + AES-256-GCM, passphrase-box.ts) or the OS keychain through
 * Electron's safeStorage (electron/host, adapted to this interface).
 */
export interface SecretBox {
  readonly keptBy: 'safe-storage' | 'passphrase';
  /**
   * Encrypts the 64 key bytes. `context` names the file the result goes into (format,
   * version, public key): a box that can authenticate it binds the ciphertext to it.
   * Returns what the file stores, plain JSON values only.
   */
  seal(secret: Uint8Array, context: Uint8Array): Promise<SealedSecret>;
  /** The key bytes back; `reseal` says the box would now encrypt them differently (a rotated keychain key, weaker old settings). */
  open(sealed: SealedSecret, context: Uint8Array): Promise<OpenedSecret>;
}

export type SealedSecret = Record<string, string | number>;

export interface OpenedSecret {
  secret: Uint8Array;
  reseal: boolean;
}

/** A box refused to open: wrong passphrase, a changed file, the keychain said no. The file is left as it was. */
export class WalletUnlockError extends Error {
  override readonly name = 'WalletUnlockError';
}

/** The passphrase box's refusal: the passphrase is wrong or the file was changed (AES-GCM cannot tell which). Worth asking again. */
export class WrongPassphraseError extends WalletUnlockError {}
