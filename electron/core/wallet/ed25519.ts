import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';

/**
 * Ed25519 through node:crypto (OpenSSL) rather than web3.js's Keypair: Keypair keeps the
 * 64 secret bytes in the JS heap and slices an unzeroable copy of the seed on every
 * signature (`secretKey.slice(0, 32)` in its `sign`). Here the seed goes into one OpenSSL
 * key object, outside the JS heap (the garbage collector never moves or copies it, and
 * OpenSSL cleanses it when it is freed); the one JS buffer used to hand it over is zeroed at
 * once. Signatures are deterministic (RFC 8032), byte for byte what web3.js produces.
 */

// PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410): version 0, algorithm 1.3.101.112, then an
// OCTET STRING holding the 32-byte seed.
const pkcs8Prefix = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const spkiPublicKeyLength = 32;

export const SEED_LENGTH = 32;
export const SECRET_KEY_LENGTH = 64;

/** An OpenSSL key for the seed in `secretKey[0..32)`; the DER copy is zeroed before returning. */
export function ed25519PrivateKey(secretKey: Uint8Array): KeyObject {
  const der = Buffer.alloc(pkcs8Prefix.length + SEED_LENGTH);
  try {
    der.set(pkcs8Prefix, 0);
    der.set(secretKey.subarray(0, SEED_LENGTH), pkcs8Prefix.length);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

/** The 32-byte public key of a private key object. */
export function publicKeyOf(key: KeyObject): Uint8Array {
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - spkiPublicKeyLength));
}

/** The 32-byte public key of the seed in `secretKey[0..32)`. */
export function publicKeyOfSeed(secretKey: Uint8Array): Uint8Array {
  return publicKeyOf(ed25519PrivateKey(secretKey));
}

/** The Ed25519 signature of `message`. */
export function signEd25519(key: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, key));
}
