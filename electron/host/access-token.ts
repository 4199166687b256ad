import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes as hex: what the headless host demands of every client. */
export function generateAccessToken(): string {
  return randomBytes(32).toString('hex');
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Constant-time comparison. Both sides are hashed first so their lengths match and the
 * time taken says nothing about how much of the token a guess got right.
 */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(expected));
}
