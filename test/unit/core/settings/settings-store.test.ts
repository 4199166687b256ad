import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../../electron/core/settings/settings-store.js';
import { confStoreFactory } from '../../../../electron/core/store/json-file-store.js';
import { defaultSettings } from '../../../../shared/settings.js';
import { randomMint, signal, startTestEngine, tempDataDir } from '../../../support/engine-fixture.js';

function settingsFile(dataDir: string): string {
  return path.join(dataDir, 'settings.json');
}

describe('SettingsStore', () => {
  it('no file: the defaults, kill switch off, no problem', () => {
    const store = new SettingsStore(tempDataDir(), confStoreFactory);
    expect(store.problem).toBeUndefined();
    expect(store.get()).toEqual(defaultSettings());
  });

  it('starts a fresh data dir from the defaults it is given, and fills an older file from them', () => {
    const paperStore = new SettingsStore(tempDataDir(), confStoreFactory, undefined, () => defaultSettings('paper'));
    expect(paperStore.get()).toEqual(defaultSettings('paper'));
    const dataDir = tempDataDir();
    fs.writeFileSync(settingsFile(dataDir), JSON.stringify({ limits: { maxSolPerBuy: 2 } }));
    const older = new SettingsStore(dataDir, confStoreFactory, undefined, () => defaultSettings('paper'));
    expect(older.get().limits).toEqual({ ...defaultSettings('paper').limits, maxSolPerBuy: 2 });
  });

  it('saves an update and reads it back in a new store', () => {
    const dataDir = tempDataDir();
    new SettingsStore(dataDir, confStoreFactory).update((s) => ({ ...s, limits: { ...s.limits, maxSolPerBuy: 0.5 } }));
    expect(new SettingsStore(dataDir, confStoreFactory).get().limits.maxSolPerBuy).toBe(0.5);
  });

  it('an invalid update throws and changes nothing, in memory or on disk', () => {
    const dataDir = tempDataDir();
    const store = new SettingsStore(dataDir, confStoreFactory);
    store.update((s) => s);
    const before = fs.readFileSync(settingsFile(dataDir), 'utf8');
    expect(() => store.update((s) => ({ ...s, limits: { ...s.limits, maxSolPerBuy: -1 } }))).toThrow();
    expect(store.get().limits.maxSolPerBuy).toBe(defaultSettings().limits.maxSolPerBuy);
    expect(fs.readFileSync(settingsFile(dataDir), 'utf8')).toBe(before);
  });

  it('fills what an older file lacks from the defaults', () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(settingsFile(dataDir), JSON.stringify({ killSwitch: false, blocklist: [], limits: { maxSolPerBuy: 2 } }));
    const store = new SettingsStore(dataDir, confStoreFactory);
    expect(store.problem).toBeUndefined();
    expect(store.get().limits).toEqual({ ...defaultSettings().limits, maxSolPerBuy: 2 });
    expect(store.get().modules.sniper).toEqual(defaultSettings().modules.sniper);
  });

  it.each([
    ['truncated JSON', '{"killSwitch": false, "limits": {', 'not valid JSON'],
    ['empty file', '', 'not valid JSON'],
    ['wrong shape', JSON.stringify({ killSwitch: 'no', limits: {}, blocklist: [] }), 'wrong shape: killSwitch'],
    ['a negative limit', JSON.stringify({ limits: { maxSolPerBuy: -3 } }), 'wrong shape: limits.maxSolPerBuy'],
    ['a blocklist entry that is not an address', JSON.stringify({ blocklist: ['nope'] }), 'wrong shape: blocklist.0'],
  ])('%s: defaults with the kill switch ON, the problem told, the file untouched and a copy kept', (_label, content, said) => {
    const dataDir = tempDataDir();
    fs.writeFileSync(settingsFile(dataDir), content);
    const store = new SettingsStore(dataDir, confStoreFactory, () => 99);
    expect(store.get()).toEqual({ ...defaultSettings(), killSwitch: true });
    expect(store.problem).toContain('settings.json cannot be used');
    expect(store.problem).toContain(said);
    expect(store.problem).toContain('kill switch on');
    const kept = path.join(dataDir, 'unreadable', 'settings.json.99.bad');
    expect(store.problem).toContain(kept);
    expect(fs.readFileSync(kept, 'utf8')).toBe(content);
    // The trader may switch the kill switch off for this session; the bad file is never overwritten.
    store.update((s) => ({ ...s, killSwitch: false }));
    expect(store.get().killSwitch).toBe(false);
    expect(fs.readFileSync(settingsFile(dataDir), 'utf8')).toBe(content);
  });
});

describe('an engine on a corrupt settings.json', () => {
  it('starts, says why, and buys nothing', async () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(settingsFile(dataDir), '{"killSwitch": fal');
    const alerts: string[] = [];
    const te = await startTestEngine({ dataDir, log: (line) => alerts.push(line) });
    try {
      expect(te.engine.status().killSwitch).toBe(true);
      expect(alerts.some((l) => l.includes('settings.json cannot be used'))).toBe(true);
      const result = await te.engine.coordinator.requestBuy(signal(randomMint()));
      expect(result.reason?.code).toBe('kill-switch');
      expect(te.trader.orders).toEqual([]);
      expect(fs.readFileSync(settingsFile(dataDir), 'utf8')).toBe('{"killSwitch": fal');
    } finally {
      await te.stop();
    }
  });
});
