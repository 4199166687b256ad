import { describeBlockReason, type BlockReason } from '../../../shared/block-reasons.js';
import type { BlockedEntry } from '../../../shared/contract.js';
import type { BuySignal } from '../../../shared/domain.js';
import type { Intent } from '../ledger/intent.js';
import type { Clock } from '../time/clock.js';
import { CoalescedTask } from './coalesced-task.js';

/** A buy whose outcome is unknown, as the ledger's intents report it. */
export type UnknownBuy = Pick<Intent, 'attemptId' | 'mint' | 'symbol' | 'platform' | 'module' | 'solAmount' | 'instanceId' | 'at' | 'signature'>;

/** A signal the coordinator keeps so the trader can approve it once. */
export interface OverridableSignal {
  attempt: { attemptId: string; signal: BuySignal; receivedAt: number };
  reason: BlockReason;
}

export interface BlockedSources {
  /** Unknown outcomes of every instance on the data dir. */
  unknownBuys(): Promise<UnknownBuy[]> | UnknownBuy[];
  /** This instance's signals waiting for approval or refused by a filter. */
  overridableSignals(): OverridableSignal[];
}

/** The blocked list as the console shows it: unknown outcomes first, then signals oldest first. */
export async function listBlocked(sources: BlockedSources): Promise<BlockedEntry[]> {
  const unknown: BlockedEntry[] = (await sources.unknownBuys()).map((i) => ({
    kind: 'unknown-outcome',
    mint: i.mint,
    symbol: i.symbol,
    module: i.module,
    platform: i.platform,
    attemptId: i.attemptId,
    since: i.at,
    solAmount: i.solAmount,
    ownerInstanceId: i.instanceId,
    ...(i.signature ? { signature: i.signature } : {}),
  }));
  const signals = sources.overridableSignals().flatMap(({ attempt, reason }): BlockedEntry[] => {
    const common = {
      mint: attempt.signal.mint,
      symbol: attempt.signal.symbol,
      module: attempt.signal.module,
      platform: attempt.signal.platform,
      attemptId: attempt.attemptId,
      since: attempt.receivedAt,
      solAmount: attempt.signal.solAmount,
      signalReason: attempt.signal.reason,
    };
    if (reason.code === 'approval-required') return [{ kind: 'pending-approval', ...common }];
    if (reason.code === 'filter-failed') {
      return [{ kind: 'filter-failed', ...common, filter: reason.filter, reasonText: describeBlockReason(reason) }];
    }
    return [];
  });
  return [...unknown, ...signals];
}

export interface BlockedPublisherOptions {
  clock: Clock;
  sources: BlockedSources;
  emit: (entries: BlockedEntry[]) => void;
  /** At most one `blocked` event per this long: the list can hold thousands of filter-failed signals. */
  minIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/** Sends the whole blocked list when it changed, coalesced. */
export class BlockedPublisher {
  private entries: BlockedEntry[] = [];
  private lastSent = '[]';
  private chain: Promise<unknown> = Promise.resolve();
  private readonly task: CoalescedTask;

  constructor(private readonly options: BlockedPublisherOptions) {
    this.task = new CoalescedTask(options.clock, options.minIntervalMs ?? 500, () => this.refresh().then(() => undefined), options.onError);
  }

  /** The list as last sent (or computed). */
  current(): BlockedEntry[] {
    return this.entries;
  }

  /** Asks for a look soon (coalesced). */
  poke(): void {
    this.task.poke();
  }

  /**
   * Computes the list now and sends it if it changed; one at a time, so lists computed
   * concurrently are never sent out of order. Throws when a source cannot be read.
   */
  refresh(): Promise<BlockedEntry[]> {
    const next = this.chain.then(async () => {
      const entries = await listBlocked(this.options.sources);
      const text = JSON.stringify(entries);
      if (text !== this.lastSent) {
        this.lastSent = text;
        this.entries = entries;
        this.options.emit(entries);
      }
      return this.entries;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  stop(): void {
    this.task.stop();
  }
}
