import path from 'node:path';
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/settings.js';
import type { JsonFileStore, StoreFactory } from '../store/json-file-store.js';
import { describeReadError, keepAside } from '../store/unreadable-store.js';

/**
 * settings.json: limits, kill switch, blocklist and every module's configuration.
 * An unreadable file is kept aside and replaced by the defaults with the kill switch ON,
 * so nothing is bought under settings the trader did not choose.
 */
export class SettingsStore {
  private readonly store: JsonFileStore | undefined;
  private current: Settings;
  /** Why the file could not be used, if it could not. */
  readonly problem: string | undefined;

  /** `defaults`: what a fresh data dir starts with (paper and live differ, see defaultSettings). */
  constructor(dataDir: string, storeFactory: StoreFactory, now: () => number = Date.now, defaults: () => Settings = () => defaultSettings()) {
    const file = path.join(dataDir, 'settings.json');
    let raw: Record<string, unknown> | undefined;
    let problem: string | undefined;
    let store: JsonFileStore | undefined;
    try {
      store = storeFactory({ cwd: dataDir, configName: 'settings' });
      raw = store.read();
    } catch (error) {
      problem = describeReadError(error);
    }
    const parsed = raw === undefined ? undefined : settingsSchema.safeParse(mergeDefaults(raw, defaults()));
    if (parsed && !parsed.success) problem = `wrong shape: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`;
    if (problem) {
      const kept = keepAside(file, dataDir, now());
      this.problem =
        `settings.json cannot be used (${problem}); defaults loaded with the kill switch on, and changes are not saved ` +
        `until the file is fixed or removed${kept ? ` (a copy was kept at ${kept})` : ''}`;
      this.current = { ...defaults(), killSwitch: true };
      // Never overwrite the bad file: the trader may want to repair it by hand.
      this.store = undefined;
    } else {
      this.current = parsed?.success ? parsed.data : defaults();
      this.store = store;
    }
  }

  get(): Settings {
    return this.current;
  }

  /** Validates the whole result, then persists it; throws (and changes nothing) if it is invalid. */
  update(change: (draft: Settings) => Settings): Settings {
    const next = settingsSchema.parse(change(structuredClone(this.current)));
    this.store?.write(next as unknown as Record<string, unknown>);
    this.current = next;
    return next;
  }
}

/** Fills what a settings file from an older version lacks, so adding a setting is not a migration. */
function mergeDefaults(raw: Record<string, unknown>, defaults: Settings): unknown {
  const modules = { ...defaults.modules, ...((raw.modules as object | undefined) ?? {}) };
  return { ...defaults, ...raw, limits: { ...defaults.limits, ...((raw.limits as object | undefined) ?? {}) }, modules };
}
