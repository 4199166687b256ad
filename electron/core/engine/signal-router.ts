import type { ModuleId } from '../../../shared/domain.js';
import type { FeedEvent } from '../../../shared/feed-events.js';
import type { Settings } from '../../../shared/settings.js';
import type { PurchaseCoordinator } from '../coordinator/purchase-coordinator.js';
import type { SignalModule } from '../modules/signal-module.js';

/**
 * Feed events -> every switched-on module -> the coordinator. A module that throws on an
 * event loses that event only; it is counted, not fatal.
 */
export class SignalRouter {
  readonly counts = { events: 0, signals: 0, moduleErrors: 0 };

  constructor(
    private readonly modules: ReadonlyMap<ModuleId, SignalModule>,
    private readonly coordinator: PurchaseCoordinator,
    private readonly settings: () => Settings,
    private readonly now: () => number,
    private readonly onError: (message: string) => void,
  ) {}

  route(event: FeedEvent): void {
    this.counts.events += 1;
    const settings = this.settings();
    for (const [id, module] of this.modules) {
      if (!settings.modules[id]?.enabled) continue;
      let signals;
      try {
        signals = module.onEvent(event, this.now());
      } catch (error) {
        this.counts.moduleErrors += 1;
        this.onError(`module ${id} failed on a ${event.kind} event: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      for (const signal of signals) {
        this.counts.signals += 1;
        this.coordinator.requestBuy(signal).catch((error: unknown) => {
          this.counts.moduleErrors += 1;
          this.onError(`module ${id} sent a bad signal: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
    }
  }
}
