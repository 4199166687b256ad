import type { Settings } from '../../../shared/settings.js';

/**
 * Sends `settings` when they changed. Called after every command that may change them
 * here, and by whatever notices another instance changed the shared rules (the ledger's
 * data_version watch): `publish()` is cheap and sends nothing when nothing changed.
 */
export class SettingsPublisher {
  private lastRef: Settings;
  private lastText: string;

  constructor(
    private readonly current: () => Settings,
    private readonly emit: (settings: Settings) => void,
  ) {
    this.lastRef = current();
    this.lastText = JSON.stringify(this.lastRef);
  }

  publish(): void {
    const settings = this.current();
    // The store hands out a new object on each change, so the same object is the same settings.
    if (settings === this.lastRef) return;
    this.lastRef = settings;
    const text = JSON.stringify(settings);
    if (text === this.lastText) return;
    this.lastText = text;
    this.emit(settings);
  }
}
