import bs58 from 'bs58';
import { z } from 'zod';

/** A Solana public key as base58 text: 32 bytes once decoded. */
export function isSolanaAddress(text: string): boolean {
  if (text.length < 32 || text.length > 44) return false;
  try {
    return bs58.decode(text).length === 32;
  } catch {
    return false;
  }
}

export const addressSchema = z
  .string()
  .refine(isSolanaAddress, { message: 'not a Solana address (base58, 32 bytes)' });

/** Mints are addresses; the separate name keeps signatures readable. */
export const mintSchema = addressSchema;
export type Mint = string;
