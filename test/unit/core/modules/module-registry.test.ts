import { describe, expect, it } from 'vitest';
import { moduleIds } from '../../../../shared/domain.js';
import { defaultSettings } from '../../../../shared/settings.js';
import {
  ModuleSettingsError,
  createModules,
  defaultModuleFilters,
  moduleFilterSchemas,
  validateModuleFilters,
} from '../../../../electron/core/modules/module-registry.js';
import { address, only } from './fixtures.js';

describe('module registry', () => {
  it('builds all four modules from the default settings, each under its own id', () => {
    const modules = createModules(defaultSettings().modules);
    expect([...modules.keys()].sort()).toEqual([...moduleIds].sort());
    for (const [id, module] of modules) expect(module.id).toBe(id);
  });

  it('wires each module to its own settings', () => {
    const settings = defaultSettings();
    settings.modules.sniper = { ...settings.modules.sniper, solAmount: 0.42, filters: { maxAgeSeconds: 1 } };
    const sniper = createModules(settings.modules).get('sniper');
    const now = 1_700_000_000_000;
    const signal = only(sniper?.onEvent({ kind: 'launch', at: now - 5_000, platform: 'bonk.fun', mint: address(60) }, now) ?? []);
    expect(signal.solAmount).toBe(0.42);
    expect(signal.filters.find((f) => f.filter === 'age')?.passed).toBe(false);
  });

  it('refuses to build with invalid filters, naming the module', () => {
    const settings = defaultSettings();
    settings.modules.volume = { ...settings.modules.volume, filters: { windowSeconds: -5 } };
    expect(() => createModules(settings.modules)).toThrow(ModuleSettingsError);
    expect(() => createModules(settings.modules)).toThrow(/^Invalid volume filters:\n✖ .*\n {2}→ at windowSeconds/);
  });

  it('defaults are what an empty filters record parses to, and validate round-trips them', () => {
    for (const id of moduleIds) {
      expect(moduleFilterSchemas[id].parse({})).toEqual(defaultModuleFilters[id]);
      expect(validateModuleFilters(id, defaultModuleFilters[id])).toEqual(defaultModuleFilters[id]);
      expect(validateModuleFilters(id, undefined)).toEqual(defaultModuleFilters[id]);
    }
    expect(() => validateModuleFilters('whale-copy', { wallets: 'all' })).toThrow(/^Invalid whale-copy filters:\n✖ .*\n {2}→ at wallets$/);
  });

  it('validating does not touch a running module', () => {
    const modules = createModules(defaultSettings().modules);
    expect(() => validateModuleFilters('sniper', { nameInclude: '(' })).toThrow(ModuleSettingsError);
    const now = 1_700_000_000_000;
    const signal = only(modules.get('sniper')?.onEvent({ kind: 'launch', at: now, platform: 'pump.fun', mint: address(61) }, now) ?? []);
    expect(signal.filters.every((f) => f.passed)).toBe(true);
  });
});
