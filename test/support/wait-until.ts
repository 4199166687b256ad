import { vi } from 'vitest';

/**
 * Polls a condition until it holds or a real-time deadline passes; never a fixed sleep.
 * vitest's vi.waitFor does the polling; this keeps the boolean form and names what was
 * awaited in the error.
 */
export async function waitUntil(condition: () => boolean, what = 'condition', timeoutMs = 5_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 2 },
  );
}
