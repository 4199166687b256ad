import { describe, expect, it } from 'vitest';
import type { Reconciler } from '../../../../electron/core/coordinator/reconciler.js';
import { ReconcileLoop } from '../../../../electron/core/engine/reconcile-loop.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';

function countingReconciler(answer: () => Promise<{ resolved: number; pending: number }> = async () => ({ resolved: 0, pending: 0 })) {
  const calls = { n: 0 };
  const reconciler = { reconcileNow: () => (calls.n++, answer()) } as unknown as Reconciler;
  return { reconciler, calls };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('ReconcileLoop', () => {
  it('reconciles at start, then every interval, and not after stop', async () => {
    const clock = new ManualClock();
    const { reconciler, calls } = countingReconciler();
    const loop = new ReconcileLoop(reconciler, clock, 10_000, { log: () => undefined, error: () => undefined });
    await loop.start();
    expect(calls.n).toBe(1);
    clock.advance(9_999);
    await flush();
    expect(calls.n).toBe(1);
    clock.advance(1);
    await flush();
    expect(calls.n).toBe(2);
    loop.stop();
    clock.advance(60_000);
    await flush();
    expect(calls.n).toBe(2);
  });

  it('debounces "soon" into one pass and never runs two passes at once', async () => {
    const clock = new ManualClock();
    let release: () => void = () => undefined;
    const { reconciler, calls } = countingReconciler(() => new Promise((r) => (release = () => r({ resolved: 1, pending: 0 }))));
    const lines: string[] = [];
    const loop = new ReconcileLoop(reconciler, clock, 3_600_000, { log: (l) => lines.push(l), error: () => undefined });
    for (let i = 0; i < 5; i++) loop.soon();
    clock.advance(250);
    expect(calls.n).toBe(1);
    expect(loop.busy).toBe(true);
    void loop.runOnce(); // joins the running pass
    expect(calls.n).toBe(1);
    release();
    await flush();
    expect(loop.busy).toBe(false);
    expect(lines).toEqual(['reconcile: 1 resolved, 0 still unknown']);
  });

  it('reports a failing pass as an error and keeps going', async () => {
    const clock = new ManualClock();
    const { reconciler } = countingReconciler(async () => {
      throw new Error('rpc down');
    });
    const errors: string[] = [];
    const loop = new ReconcileLoop(reconciler, clock, 1_000, { log: () => undefined, error: (m) => errors.push(m) });
    await loop.start();
    clock.advance(1_000);
    await flush();
    expect(errors).toEqual(['rpc down', 'rpc down']);
    loop.stop();
  });
});
