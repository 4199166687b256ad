import { describe, expect, it } from 'vitest';
import type { LaunchdeskBridge, PushedEvent } from '../../../../shared/wire.js';
import { createIpcTransport } from '../../../../renderer/src/client/ipc-transport.js';

function bridge(invoke: (name: string, input: unknown) => Promise<unknown>) {
  const listeners = new Set<(events: PushedEvent[]) => void>();
  const fake = {
    invoke,
    on(listener: (events: PushedEvent[]) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as LaunchdeskBridge;
  return { fake, push: (events: PushedEvent[]) => listeners.forEach((l) => l(events)), listeners };
}

describe('ipc transport', () => {
  it('is connected from the start and passes calls and their answers through', async () => {
    const { fake } = bridge(async (name, input) => ({ ok: true, value: { name, input } }));
    const transport = createIpcTransport(fake);
    const states: boolean[] = [];
    transport.onConnection((s) => states.push(s.connected));
    expect(states).toEqual([true]);
    expect(await transport.invoke('status.get', {})).toEqual({ ok: true, value: { name: 'status.get', input: {} } });
  });

  it('turns a bridge that throws or answers nothing into a failed call', async () => {
    expect(await createIpcTransport(bridge(async () => Promise.reject(new Error('ipc closed'))).fake).invoke('status.get', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: 'ipc closed' },
    });
    expect((await createIpcTransport(bridge(async () => undefined).fake).invoke('status.get', {})).ok).toBe(false);
  });

  it('hands pushed batches on and lets go of the bridge on close', () => {
    const { fake, push, listeners } = bridge(async () => undefined);
    const transport = createIpcTransport(fake);
    const got: PushedEvent[][] = [];
    transport.onEvents((events) => got.push(events));
    const batch = [{ seq: 1, name: 'alert', payload: { level: 'info', source: 's', message: 'm', at: 1 } }] as PushedEvent[];
    push(batch);
    expect(got).toEqual([batch]);
    transport.close();
    expect(listeners.size).toBe(0);
  });
});
