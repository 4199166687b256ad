/**
 * Turns whatever a handler threw into one line a person can read, without the stack and
 * without anything shaped like key material: the message crosses into the renderer and
 * into a browser over the WebSocket.
 */

const maxLength = 300;

// A 64-byte secret key as base58 (87-88 chars) or as a JSON byte array, and long hex runs.
// Transaction signatures have the same base58 shape and are redacted too: the attempt
// events carry them, so nothing the trader needs is lost.
const secretShapes = [/[1-9A-HJ-NP-Za-km-z]{80,}/g, /\[\s*(?:\d{1,3}\s*,\s*){31,}\d{1,3}\s*\]/g, /\b[0-9a-fA-F]{64,}\b/g];

export function errorText(error: unknown, fallback = 'command failed'): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  let text = (raw.split('\n')[0] ?? '').trim();
  for (const shape of secretShapes) text = text.replace(shape, '[redacted]');
  if (text.length === 0) return fallback;
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
