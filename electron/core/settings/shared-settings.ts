import type { ModuleId } from '../../../shared/domain.js';
import { executionSchema, type Execution, type Limits, type ModuleSettings, type Settings } from '../../../shared/settings.js';
import type { Ledger } from '../ledger/ledger.js';
import type { SettingsStore } from './settings-store.js';

/**
 * The settings every part of the engine reads: the rules that move money (kill switch,
 * limits, blocklist) from the ledger, shared by every instance on the data dir, and the
 * modules' settings from settings.json. A change anywhere — here or in another instance,
 * seen through the ledger's revision — reaches `onChange` listeners.
 */
export class SharedSettings {
  private cached: Settings;
  private knownRevision = -1;
  /** Set while settings.json was unreadable at start: buying held here until the kill switch is turned off. */
  private localHold: boolean;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly ledger: Ledger | undefined,
    private readonly store: SettingsStore,
  ) {
    this.localHold = store.problem !== undefined;
    this.cached = this.compose();
    this.knownRevision = this.cached.revision;
    ledger?.onChange((change) => {
      if (change === 'rules') this.rulesMoved();
    });
  }

  get(): Settings {
    return this.cached;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setKillSwitch(on: boolean, revision?: number): void {
    this.requireLedger().updateRules((r) => ({ ...r, killSwitch: on }), revision);
    if (!on && this.localHold) {
      this.localHold = false;
      this.changed();
    }
  }

  updateLimits(patch: Partial<Limits>, revision?: number): Limits {
    return this.requireLedger().updateRules((r) => ({ ...r, limits: { ...r.limits, ...patch } }), revision).limits;
  }

  addToBlocklist(address: string, revision?: number): void {
    this.requireLedger().updateRules((r) => ({ ...r, blocklist: r.blocklist.includes(address) ? r.blocklist : [...r.blocklist, address] }), revision);
  }

  removeFromBlocklist(address: string, revision?: number): void {
    this.requireLedger().updateRules((r) => ({ ...r, blocklist: r.blocklist.filter((a) => a !== address) }), revision);
  }

  /** `change` gets the module's settings as they are in settings.json now, under the ledger's write lock. */
  updateModule(module: ModuleId, change: (current: ModuleSettings) => ModuleSettings, revision?: number): ModuleSettings {
    let next: ModuleSettings | undefined;
    this.requireLedger().withSettingsLock(() => {
      this.store.update((file) => {
        next = change(file.modules[module]);
        return { ...file, modules: { ...file.modules, [module]: next } };
      });
    }, revision);
    return next!;
  }

  /**
   * How live transactions are built (slippage, priority fee, compute units), kept in
   * settings.json under the ledger's write lock like the modules: the whole result is
   * validated and a change made against an old revision is refused. The live trader reads
   * them at every trade, so the next trade uses them.
   */
  updateExecution(patch: Partial<Execution>, revision?: number): Execution {
    let next: Execution | undefined;
    this.requireLedger().withSettingsLock(() => {
      this.store.update((file) => {
        next = executionSchema.parse({ ...(file.execution ?? this.store.defaults().execution), ...patch });
        return { ...file, execution: next };
      });
    }, revision);
    return next!;
  }

  /** The rules' revision moved: re-read settings.json unless the change was ours (the store has it already). */
  private rulesMoved(): void {
    const revision = this.ledger?.rules().revision ?? 0;
    if (revision === this.knownRevision) return;
    this.store.reload();
    this.changed();
  }

  private changed(): void {
    this.cached = this.compose();
    this.knownRevision = this.cached.revision;
    for (const listener of this.listeners) {
      try {
        listener(this.cached);
      } catch {
        // A listener's failure (a closed window) must not fail the change.
      }
    }
  }

  private compose(): Settings {
    const rules = this.ledger?.rules();
    const defaults = this.store.defaults();
    return {
      revision: rules?.revision ?? 0,
      // Without a ledger nothing is bought anyway; show the kill switch on so no one thinks otherwise.
      killSwitch: (rules?.killSwitch ?? true) || this.localHold,
      limits: rules?.limits ?? defaults.limits,
      blocklist: rules?.blocklist ?? [],
      modules: this.store.get().modules,
      execution: this.store.get().execution ?? defaults.execution,
    };
  }

  private requireLedger(): Ledger {
    if (!this.ledger) throw new Error('the ledger cannot be used, so settings cannot be changed (see the store problem in the status)');
    return this.ledger;
  }
}
