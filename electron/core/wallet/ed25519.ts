import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';

/**
 * Ed25519 through node:crypto (OpenSSL) rather than web3.js's Keypair: Keypair keeps the
 * 64 secret bytes it was given and slices unzeroable copies of the seed on every signature
 * (`secretKey.slice(0, 32)` inside its `sign`). Here the only JS copy of the seed is a DER
 * buffer we build, hand to OpenSSL and zero at once; OpenSSL's own copy lives outside the
 * JS heap and is cleansed when the KeyObject is collected. Signatures are deterministic
 * (RFC 8032), byte for byte what web3.js would produce.
 */

// PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410): version 0, algorithm 1.3.101.112, then an
// OCTET STRING holding the 32-byte seed.
const pkcs8Prefix = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const spkiPublicKeyLength = 32;

export const SEED_LENGTH = 32;
export const SECRET_KEY_LENGTH = 64;

/** A KeyObject for the seed held in `secretKey[0..32)`; the DER copy is zeroed before returning. */
function privateKeyObject(secretKey: Uint8Array): KeyObject {
  const der = Buffer.alloc(pkcs8Prefix.length + SEED_LENGTH);
  try {
    der.set(pkcs8Prefix, 0);
    der.set(secretKey.subarray(0, SEED_LENGTH), pkcs8Prefix.length);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

/** The 32-byte public key of the seed in `secretKey[0..32)`. */
export function publicKeyOfSeed(secretKey: Uint8Array): Uint8Array {
  const spki = createPublicKey(privateKeyObject(secretKey)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - spkiPublicKeyLength));
}

/** The Ed25519 signature of `message` with the seed in `secretKey[0..32)`. */
export function signEd25519(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKeyObject(secretKey)));
}
