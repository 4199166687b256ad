import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../electron/core/engine.js';
import { SettingsStore } from '../../../../electron/core/settings/settings-store.js';
import { confStoreFactory } from '../../../../electron/core/store/json-file-store.js';
import { defaultSettings } from '../../../../shared/settings.js';
import { randomMint, signal, startTestEngine, tempDataDir } from '../../../support/engine-fixture.js';

function settingsFile(dataDir: string): string {
  return path.join(dataDir, 'settings.json');
}

const sniper = (dailyBudgetSol: number) => ({ ...defaultSettings().modules.sniper, dailyBudgetSol });

describe('SettingsStore (the modules\' settings in settings.json)', () => {
  it('no file: the module defaults, no problem', () => {
    const store = new SettingsStore(tempDataDir(), confStoreFactory);
    expect(store.problem).toBeUndefined();
    expect(store.get()).toEqual({ modules: defaultSettings().modules });
  });

  it('starts a fresh data dir from the defaults it is given, and fills an older file from them', () => {
    const paperStore = new SettingsStore(tempDataDir(), confStoreFactory, undefined, () => defaultSettings('paper'));
    expect(paperStore.get()).toEqual({ modules: defaultSettings('paper').modules });
    const dataDir = tempDataDir();
    fs.writeFileSync(settingsFile(dataDir), JSON.stringify({ modules: { volume: { ...defaultSettings('paper').modules.volume, solAmount: 0.3 } } }));
    const older = new SettingsStore(dataDir, confStoreFactory, undefined, () => defaultSettings('paper'));
    expect(older.get().modules).toEqual({ ...defaultSettings('paper').modules, volume: { ...defaultSettings('paper').modules.volume, solAmount: 0.3 } });
  });

  it("a new ledger takes the mode's default rules (paper: the paper cap), an older file's rules first", async () => {
    const paperDir = tempDataDir();
    const paper = createEngine({ dataDir: paperDir, settings: new SettingsStore(paperDir, confStoreFactory, undefined, () => defaultSettings('paper')) });
    expect(paper.ledger?.rules().limits.dailySpendCapSol).toBe(defaultSettings('paper').limits.dailySpendCapSol);
    await paper.stop();
    const olderDir = tempDataDir();
    fs.writeFileSync(settingsFile(olderDir), JSON.stringify({ killSwitch: true, limits: { maxSolPerBuy: 2 } }));
    const older = createEngine({ dataDir: olderDir });
    expect(older.ledger?.rules()).toMatchObject({ killSwitch: true, limits: { maxSolPerBuy: 2, dailySpendCapSol: defaultSettings().limits.dailySpendCapSol } });
    await older.stop();
  });

  it('saves an update and reads it back in a new store', () => {
    const dataDir = tempDataDir();
    new SettingsStore(dataDir, confStoreFactory).update((s) => ({ modules: { ...s.modules, sniper: sniper(3) } }));
    expect(new SettingsStore(dataDir, confStoreFactory).get().modules.sniper.dailyBudgetSol).toBe(3);
  });

  it('an update starts from the file as it is now, so a change written by another instance is kept', () => {
    const dataDir = tempDataDir();
    const a = new SettingsStore(dataDir, confStoreFactory);
    const b = new SettingsStore(dataDir, confStoreFactory);
    a.update((s) => ({ modules: { ...s.modules, sniper: sniper(3) } }));
    b.update((s) => ({ modules: { ...s.modules, volume: { ...s.modules.volume, enabled: true } } }));
    const reread = new SettingsStore(dataDir, confStoreFactory).get();
    expect(reread.modules.sniper.dailyBudgetSol).toBe(3);
    expect(reread.modules.volume.enabled).toBe(true);
  });

  it('an invalid update throws and changes nothing, in memory or on disk', () => {
    const dataDir = tempDataDir();
    const store = new SettingsStore(dataDir, confStoreFactory);
    store.update((s) => s);
    const before = fs.readFileSync(settingsFile(dataDir), 'utf8');
    expect(() => store.update((s) => ({ modules: { ...s.modules, sniper: { ...s.modules.sniper, solAmount: -1 } } }))).toThrow();
    expect(store.get().modules.sniper.solAmount).toBe(defaultSettings().modules.sniper.solAmount);
    expect(fs.readFileSync(settingsFile(dataDir), 'utf8')).toBe(before);
  });

  it('an older file\'s kill switch, limits and blocklist are offered once, to seed a new ledger', () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(settingsFile(dataDir), JSON.stringify({ killSwitch: true, blocklist: [], limits: { maxSolPerBuy: 2 } }));
    const store = new SettingsStore(dataDir, confStoreFactory);
    expect(store.problem).toBeUndefined();
    expect(store.legacyRules()).toEqual({ killSwitch: true, blocklist: [], limits: { maxSolPerBuy: 2 } });
    expect(store.get().modules.sniper).toEqual(defaultSettings().modules.sniper);
  });

  it.each([
    ['truncated JSON', '{"modules": {', 'not valid JSON'],
    ['empty file', '', 'not valid JSON'],
    ['wrong shape', JSON.stringify({ modules: { sniper: { enabled: 'yes' } } }), 'wrong shape: modules.sniper'],
  ])('%s at start: module defaults, buying held, the problem told, a copy kept', (_label, content, said) => {
    const dataDir = tempDataDir();
    fs.writeFileSync(settingsFile(dataDir), content);
    const store = new SettingsStore(dataDir, confStoreFactory, () => 99);
    expect(store.get()).toEqual({ modules: defaultSettings().modules });
    expect(store.problem).toContain('settings.json cannot be used');
    expect(store.problem).toContain(said);
    expect(store.problem).toContain('kill switch on here');
    const kept = path.join(dataDir, 'unreadable', 'settings.json.99.bad');
    expect(store.problem).toContain(kept);
    expect(fs.readFileSync(kept, 'utf8')).toBe(content);
  });

  it('a file garbled while running is copied into unreadable/ before a change overwrites it', () => {
    const dataDir = tempDataDir();
    let now = 1;
    const store = new SettingsStore(dataDir, confStoreFactory, () => now);
    store.update((s) => ({ modules: { ...s.modules, sniper: sniper(3) } }));
    fs.writeFileSync(settingsFile(dataDir), '{"modules": {"sniper": ');
    now = 7;
    store.update((s) => ({ modules: { ...s.modules, volume: { ...s.modules.volume, enabled: true } } }));
    expect(fs.readFileSync(path.join(dataDir, 'unreadable', 'settings.json.7.bad'), 'utf8')).toBe('{"modules": {"sniper": ');
    const reread = new SettingsStore(dataDir, confStoreFactory).get();
    expect(reread.modules.sniper.dailyBudgetSol).toBe(3);
    expect(reread.modules.volume.enabled).toBe(true);
  });
});

describe('an engine on a corrupt settings.json', () => {
  it('starts, says why, buys nothing until the kill switch is turned off, and keeps the file', async () => {
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
      expect(fs.readdirSync(path.join(dataDir, 'unreadable')).some((n) => n.startsWith('settings.json.'))).toBe(true);
      await te.engine.port.handlers['killSwitch.set']({ on: false });
      expect((await te.engine.coordinator.requestBuy(signal(randomMint()))).outcome).toBe('bought');
    } finally {
      await te.stop();
    }
  });
});
