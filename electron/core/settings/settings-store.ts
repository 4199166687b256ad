import fs from 'node:fs';
import { z } from 'zod';
import { moduleIdSchema } from '../../../shared/domain.js';
import { defaultSettings, executionSchema, limitsSchema, moduleSettingsSchema, type Execution, type Settings } from '../../../shared/settings.js';
import { addressSchema } from '../../../shared/mint.js';
import { dataDirPaths } from '../data-dir-paths.js';
import type { JsonFileStore, StoreFactory } from '../store/json-file-store.js';
import { describeReadError, keepAside } from '../store/unreadable-store.js';

/**
 * What settings.json holds now: every module's settings, and how live transactions are built
 * (absent until first changed: the defaults). The rules that move money are in the ledger.
 */
export interface ModuleSettingsFile {
  modules: Settings['modules'];
  execution?: Execution;
}

const moduleFileSchema = z.object({ modules: z.record(moduleIdSchema, moduleSettingsSchema), execution: executionSchema.optional() });

/** What an older settings.json held beside the modules; read once, to seed a new ledger's rules. */
const legacyRulesSchema = z.object({
  killSwitch: z.boolean().optional(),
  // Older files knew only these three limits.
  limits: limitsSchema.pick({ maxSolPerBuy: true, dailySpendCapSol: true, maxConcurrentBuys: true }).partial().optional(),
  blocklist: z.array(addressSchema).max(10_000).optional(),
});
export type LegacyRules = z.infer<typeof legacyRulesSchema>;

/**
 * settings.json (conf in Node, electron-store in the desktop app): the modules' settings.
 * Every change is a read-modify-write of the file as it is on disk now, so a change made in
 * another instance is not undone; the engine runs it under the ledger's write lock, so two
 * instances take turns. A file that cannot be read is copied into unreadable/ before
 * anything else, and is overwritten only once that copy exists.
 */
export class SettingsStore {
  private store: JsonFileStore | undefined;
  private current: ModuleSettingsFile;
  private legacy: LegacyRules | undefined;
  private readonly file: string;
  /** Why the file could not be used at start, if it could not. */
  readonly problem: string | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly storeFactory: StoreFactory,
    private readonly now: () => number = Date.now,
    /** What a fresh data dir starts with (paper and live differ, see defaultSettings). */
    readonly defaults: () => Settings = () => defaultSettings(),
  ) {
    this.file = dataDirPaths(dataDir).settings;
    let store: JsonFileStore | undefined;
    try {
      store = storeFactory({ cwd: dataDir, configName: 'settings' });
    } catch (error) {
      this.problem = this.describeProblem(describeReadError(error));
    }
    this.store = store;
    const read = store ? this.readFile() : { error: this.problem ?? 'cannot be opened' };
    if ('error' in read) {
      this.problem ??= this.describeProblem(read.error);
      this.current = { modules: this.defaults().modules };
    } else {
      this.current = read.value;
      this.legacy = read.legacy;
    }
  }

  get(): ModuleSettingsFile {
    return this.current;
  }

  /** The kill switch, limits and blocklist an older settings.json held, if it held any. */
  legacyRules(): LegacyRules | undefined {
    return this.legacy;
  }

  /** Re-reads the file (another instance changed it). An unreadable file keeps what we have, and says why. */
  reload(): string | undefined {
    const read = this.readFile();
    if ('error' in read) return this.describeProblem(read.error);
    this.current = read.value;
    return undefined;
  }

  /**
   * Applies `change` to the file as it is on disk now, validates the whole result and
   * writes it; throws (and changes nothing) if it is invalid. A file that cannot be read
   * now is copied into unreadable/ first, and the change applies to what this instance had.
   */
  update(change: (draft: ModuleSettingsFile) => ModuleSettingsFile): ModuleSettingsFile {
    const read = this.store ? this.readFile() : { error: 'cannot be opened' };
    this.store ??= this.reopenOverBadFile();
    const base = 'error' in read ? this.current : read.value;
    const next = moduleFileSchema.parse(change(structuredClone(base))) as ModuleSettingsFile;
    this.store.write({ modules: next.modules, ...(next.execution ? { execution: next.execution } : {}) });
    this.current = next;
    return next;
  }

  /**
   * conf refuses to open over a file it cannot parse. The file is copied into unreadable/
   * first; only with that copy in place is it moved out of the way for a fresh one.
   */
  private reopenOverBadFile(): JsonFileStore {
    if (fs.existsSync(this.file)) {
      if (!this.keepCopy()) throw new Error(`settings.json cannot be read and no copy of it could be kept in unreadable/, so it is not replaced`);
      fs.rmSync(this.file);
    }
    return this.storeFactory({ cwd: this.dataDir, configName: 'settings' });
  }

  private readFile(): { value: ModuleSettingsFile; legacy: LegacyRules | undefined } | { error: string } {
    let raw: Record<string, unknown>;
    try {
      raw = this.store!.read();
    } catch (error) {
      this.keepCopy();
      return { error: describeReadError(error) };
    }
    const modules = { ...this.defaults().modules, ...((raw.modules as object | undefined) ?? {}) };
    const parsed = moduleFileSchema.safeParse({ modules, ...(raw.execution !== undefined ? { execution: raw.execution } : {}) });
    if (!parsed.success) {
      this.keepCopy();
      const issue = parsed.error.issues[0];
      return { error: `wrong shape: ${issue?.path.join('.')}: ${issue?.message}` };
    }
    const legacy = legacyRulesSchema.safeParse(raw);
    const hasLegacy = 'killSwitch' in raw || 'limits' in raw || 'blocklist' in raw;
    return { value: parsed.data as ModuleSettingsFile, legacy: hasLegacy && legacy.success ? legacy.data : undefined };
  }

  private keepCopy(): string | undefined {
    return keepAside(this.file, this.dataDir, this.now());
  }

  private describeProblem(reason: string): string {
    const kept = this.keepCopy();
    return (
      `settings.json cannot be used (${reason}); module defaults loaded and buying held in this instance ` +
      `(kill switch on here) until you turn the kill switch off` +
      (kept ? `; a copy of the file was kept at ${kept}` : '')
    );
  }
}
