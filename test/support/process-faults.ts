import type { ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import { readStoreState } from './store-state.js';

/**
 * Signals for real OS processes in tests: SIGSTOP (a closed laptop lid, a debugger, a long
 * GC pause), SIGCONT, SIGKILL. Every child handed to `track` is resumed and killed after
 * the test, so a failed assertion never leaves a frozen process behind.
 */
const tracked = new Set<ChildProcess>();

export function track<T extends { child: ChildProcess }>(proc: T): T {
  tracked.add(proc.child);
  proc.child.once('exit', () => tracked.delete(proc.child));
  return proc;
}

afterEach(() => {
  for (const child of tracked) {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
  tracked.clear();
});

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function freeze(child: ChildProcess): void {
  if (!child.kill('SIGSTOP')) throw new Error(`could not SIGSTOP pid ${child.pid}`);
}

export function thaw(child: ChildProcess): void {
  child.kill('SIGCONT');
}

/** Open intents of one instance as the store has them now. */
export function openIntentsOf(dataDir: string, instanceId: string, status = 'in-flight'): number {
  return readStoreState(dataDir).intents.filter((i) => i.instanceId === instanceId && i.status === status).length;
}

/**
 * Freezes the process at a moment it holds buys in flight (its intents are in the store,
 * the paper fills not yet answered), so a test proves something about a frozen *buyer*.
 * Polls; a process caught with nothing in flight is let go again at once. Returns how
 * many of its buys were frozen in flight.
 */
export async function freezeMidBuy(child: ChildProcess, dataDir: string, instanceId: string, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (openIntentsOf(dataDir, instanceId) > 0) {
      freeze(child);
      // Its intents cannot change while it is stopped; what is there now is what it froze holding.
      const held = openIntentsOf(dataDir, instanceId);
      if (held > 0) return held;
      thaw(child);
    }
    await sleep(20);
  }
  throw new Error(`instance ${instanceId} never had a buy in flight within ${timeoutMs} ms`);
}

/** SIGTERM (a clean stop) and the exit it leads to. */
export async function stopCleanly(proc: { child: ChildProcess; exited: Promise<{ code: number | null; output: string }> }) {
  proc.child.kill('SIGTERM');
  return proc.exited;
}
