import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AsyncSafeStorage } from '../../../electron/host/safe-storage-box.js';

/**
 * A stand-in for Electron's safeStorage async API: real encryption under a key of its own
 * (so the file never holds the plaintext), a backend name, and the failure modes the real
 * one has: unavailable, temporarily unavailable, a rotated key (shouldReEncrypt).
 */
export function fakeSafeStorage(options: { backend?: string; available?: boolean | 'throws'; asyncApi?: boolean } = {}) {
  let key = randomBytes(32);
  const state = {
    rotated: false,
    temporarilyUnavailable: false,
    encrypted: [] as string[],
    calls: { encrypt: 0, decrypt: 0, sync: 0 },
  };
  const seal = (plain: string, k: Buffer) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', k, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  const oldKeys: Buffer[] = [];
  const tryOpen = (data: Buffer, k: Buffer) => {
    const decipher = createDecipheriv('aes-256-gcm', k, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  };
  const unavailableError = () => Object.assign(new Error('keychain locked'), { isTemporarilyUnavailable: true });
  const api: AsyncSafeStorage & { encryptString: () => never; decryptString: () => never } = {
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    // The deprecated sync API is there, as in Electron 42-45, and must never be called.
    encryptString: () => {
      state.calls.sync += 1;
      throw new Error('sync safeStorage API used');
    },
    decryptString: () => {
      state.calls.sync += 1;
      throw new Error('sync safeStorage API used');
    },
  };
  if (options.asyncApi !== false) {
    api.isAsyncEncryptionAvailable = async () => {
      if (options.available === 'throws') throw new Error('no secret service');
      return options.available ?? true;
    };
    api.encryptStringAsync = async (plain: string) => {
      state.calls.encrypt += 1;
      if (state.temporarilyUnavailable) throw unavailableError();
      state.encrypted.push(plain);
      return seal(plain, key);
    };
    api.decryptStringAsync = async (data: Buffer) => {
      state.calls.decrypt += 1;
      if (state.temporarilyUnavailable) throw unavailableError();
      try {
        return { result: tryOpen(data, key), shouldReEncrypt: false };
      } catch {
        for (const old of oldKeys) {
          try {
            return { result: tryOpen(data, old), shouldReEncrypt: true };
          } catch {
            // try the next
          }
        }
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      }
    };
  }
  return {
    api,
    state,
    /** The keychain moves to a new key; data sealed under the old one still opens, flagged. */
    rotate() {
      oldKeys.push(key);
      key = randomBytes(32);
      state.rotated = true;
    },
    /** The keychain forgets everything (another machine, a reset profile). */
    reset() {
      oldKeys.length = 0;
      key = randomBytes(32);
    },
  };
}
