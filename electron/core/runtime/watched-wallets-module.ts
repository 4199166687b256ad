import type { BuySignalInput } from '../../../shared/domain.js';
import type { FeedEvent } from '../../../shared/feed-events.js';
import type { ModuleSettings } from '../../../shared/settings.js';
import type { SignalModule } from '../modules/signal-module.js';
import { whaleCopyFiltersSchema, type WatchedWallet } from '../modules/whale-copy-module.js';

export interface WatchedWalletsOptions {
  /**
   * Wallets to watch while the settings list none (the simulator's whales). Kept in
   * memory for this run only: never written to settings.json, where it would outlive the
   * simulator seed it belongs to.
   */
  fallbackWallets?: readonly string[];
  /** Told the enabled watched addresses after every (re)configuration, e.g. to subscribe them on PumpPortal. */
  onWatched?: (addresses: string[]) => void;
}

/**
 * The whale-copy module as the runtime wires it: the same module, configured through
 * here so that a fallback wallet list and feed subscriptions follow every settings change
 * (at engine start and from the console), not just the first one.
 */
export class WatchedWalletsModule implements SignalModule {
  readonly id = 'whale-copy' as const;
  private watched: string[] = [];

  constructor(
    private readonly inner: SignalModule,
    private readonly options: WatchedWalletsOptions,
  ) {}

  onEvent(event: FeedEvent, now: number): BuySignalInput[] {
    return this.inner.onEvent(event, now);
  }

  configure(settings: ModuleSettings): void {
    const effective = this.withFallback(settings);
    // The inner module validates first: invalid settings change nothing here either.
    this.inner.configure(effective);
    // A switched-off module needs no wallet's trades: unsubscribe rather than pay for them.
    this.watched = effective.enabled ? enabledAddresses(effective) : [];
    this.options.onWatched?.(this.watched);
  }

  /** Addresses whose trades the module needs since the last configure (none while it is off). */
  watchedAddresses(): string[] {
    return [...this.watched];
  }

  /** True when the settings list no wallets and the fallback list is in use. */
  static usesFallback(settings: ModuleSettings): boolean {
    const parsed = whaleCopyFiltersSchema.safeParse(settings.filters);
    return parsed.success && parsed.data.wallets.length === 0;
  }

  private withFallback(settings: ModuleSettings): ModuleSettings {
    const fallback = this.options.fallbackWallets ?? [];
    if (fallback.length === 0 || !WatchedWalletsModule.usesFallback(settings)) return settings;
    const wallets = fallback.map((address, i) => ({ address, label: `sim whale ${i + 1}` }));
    return { ...settings, filters: { ...settings.filters, wallets } };
  }
}

function enabledAddresses(settings: ModuleSettings): string[] {
  const parsed = whaleCopyFiltersSchema.safeParse(settings.filters);
  if (!parsed.success) return [];
  return parsed.data.wallets.filter((w: WatchedWallet) => w.enabled).map((w) => w.address);
}
