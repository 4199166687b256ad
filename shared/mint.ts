import bs58 from 'bs58';
import { z } from 'zod';

/** Addresses already checked: the hot tokens come back in signal after signal. */
const known = new Set<string>();
const KNOWN_MAX = 8_192;

/** A Solana public key as base58 text: 32 bytes once decoded. */
export function isSolanaAddress(text: string): boolean {
  if (known.has(text)) return true;
  if (text.length < 32 || text.length > 44) return false;
  let ok: boolean;
  try {
    ok = bs58.decode(text).length === 32;
  } catch {
    ok = false;
  }
  if (ok) {
    if (known.size >= KNOWN_MAX) known.clear();
    known.add(text);
  }
  return ok;
}

export const addressSchema = z
  .string()
  .refine(isSolanaAddress, { message: 'not a Solana address (base58, 32 bytes)' });

/** Mints are addresses; the separate name keeps signatures readable. */
export const mintSchema = addressSchema;
export type Mint = string;
