import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LaunchdeskBridge, PushedEvent } from '../../../shared/wire.js';
import { EVENTS_CHANNEL, INVOKE_CHANNEL } from '../../../shared/wire.js';
import { sampleAttempt } from './fake-engine.js';

/** electron/preload.ts against a stand-in for Electron's renderer-side modules. */
const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from-main' }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
    send: () => {
      throw new Error('preload must not use send');
    },
  },
}));

async function loadBridge(): Promise<LaunchdeskBridge> {
  await import('../../../electron/preload.js');
  return exposed.get('launchdesk') as LaunchdeskBridge;
}

describe('preload bridge', () => {
  beforeEach(() => invoke.mockClear());

  it('exposes only window.launchdesk with invoke and on', async () => {
    const bridge = await loadBridge();
    expect([...exposed.keys()]).toEqual(['launchdesk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('sends contract commands on the invoke channel as {name, input}', async () => {
    const bridge = await loadBridge();
    expect(await bridge.invoke('killSwitch.set', { on: true })).toEqual({ ok: true, value: 'from-main' });
    expect(invoke).toHaveBeenCalledWith(INVOKE_CHANNEL, { name: 'killSwitch.set', input: { on: true } });
  });

  it.each(['shell.exec', '__proto__', 'toString', 42, null])('answers unknown-command for %j without crossing to main', async (name) => {
    const bridge = await loadBridge();
    const result = await bridge.invoke(name as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('hands listeners the batch only, and unsubscribes', async () => {
    const bridge = await loadBridge();
    const received: PushedEvent[][] = [];
    const off = bridge.on((events) => received.push(events));
    const batch: PushedEvent[] = [{ seq: 1, name: 'attempt', payload: sampleAttempt('a1') }];
    for (const fn of listeners.get(EVENTS_CHANNEL) ?? []) fn({ sender: 'ipc-event' }, batch);
    expect(received).toEqual([batch]);
    off();
    expect(listeners.get(EVENTS_CHANNEL)?.size).toBe(0);
    expect(() => bridge.on('nope' as never)).toThrow(TypeError);
  });
});
