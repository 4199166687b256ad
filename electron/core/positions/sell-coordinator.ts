import type { Platform, Requester } from '../../../shared/domain.js';
import type { FeedEvent } from '../../../shared/feed-events.js';
import type { ExitRules } from '../../../shared/settings.js';
import type { PositionRecord, PositionsLedger, SellKind, SellRecord } from '../ledger/positions-ledger.js';
import type { Clock } from '../time/clock.js';
import type { ExitReason, SellReconcileResult, SellResult, Trader } from '../traders/trader.js';
import { exitFor } from './exit-rules.js';
import { marketPriceOf } from './market-price.js';
import { PositionPrices } from './position-prices.js';
import type { PriceMark } from './pnl.js';
import { retryDelayMs, type RetryPolicy } from './sell-retry.js';

/** How a sell ended, for the log and the audit. */
export interface SellOutcome {
  sell: SellRecord;
  outcome: 'sold' | 'failed' | 'unknown' | 'not-sent' | 'reconciled-sold' | 'reconciled-not-sold';
  detail?: string;
  signature?: string;
  solReceived?: number;
  nextTryAt?: number;
}

export interface SellCoordinatorDeps {
  instanceId: string;
  clock: Clock;
  positions: PositionsLedger;
  /** What the kernel says of another instance (the ledger's liveness). */
  liveness: (instanceId: string) => 'alive' | 'dead' | 'unsure';
  trader: Pick<Trader, 'sell' | 'reconcileSell' | 'fencesBeforeSend'>;
  /** The exit rules of a module now; undefined (a buy made by hand) = none, only manual sells. */
  exitRules: (module: Requester) => ExitRules | undefined;
  /** Every sell's ending. */
  onOutcome?: (outcome: SellOutcome) => void;
  /** Positions changed here (a sell claimed or settled, a price): for the `positions` event. */
  onChanged?: () => void;
  onError?: (message: string) => void;
  retry?: RetryPolicy;
  /** How often max hold, due retries and the cache are looked at (default 1 s). */
  tickMs?: number;
  /** How often unknown sells (ours and dead instances') are reconciled (default 5 s). */
  reconcileMs?: number;
  /** Prices reach the ledger at most this often (default 5 s). */
  persistPricesMs?: number;
  /**
   * Reads a position's price where the feed shows none (live: the bonding curve or the pool
   * account); undefined = no price to be had. Asked for positions without a price fresher
   * than `markEveryMs` (default 5 s), a few at a time.
   */
  markOf?: (mint: string, platform: Platform) => Promise<number | undefined>;
  markEveryMs?: number;
  /** All open positions are read again at most this often after changes (default 250 ms); new ones at once. */
  reloadEveryMs?: number;
}

/** Mark reads started per tick at most: a slow or rate-limited RPC is not flooded. */
const MARKS_PER_TICK = 8;

/** A sell running in this process. */
interface Running {
  positionId: number;
  done: Promise<void>;
}

/**
 * Watches the prices of open positions, sells when an exit rule fires, retries failed
 * sells with backoff, reconciles unknown ones, and sells by hand. Every sell is claimed in
 * the ledger first (one sell of a position at a time across all instances), fenced before
 * it is sent, and settled in the ledger; an unknown sell blocks its position until it is
 * reconciled. The kill switch stops buying only: exits keep protecting the money.
 */
export class SellCoordinator {
  private readonly prices = new PositionPrices();
  private open = new Map<number, PositionRecord>();
  private byMint = new Map<string, number[]>();
  private readonly running = new Map<string, Running>();
  private readonly busyPositions = new Set<number>();
  /** Positions whose claim the ledger refused: what is known of them here is stale until the next full read. */
  private readonly stale = new Set<number>();
  private readonly marking = new Set<string>();
  private readonly markErrors = new Map<string, string>();
  private dirty = true;
  private lastReloadAt = Number.NEGATIVE_INFINITY;
  private lastSeenId = 0;
  private lastReconcileAt = Number.NEGATIVE_INFINITY;
  private lastPersistAt: number;
  private reconciling: Promise<void> | undefined;
  private timer: unknown = null;
  private stopped = true;
  private ended = false;
  private counter = 0;

  constructor(private readonly deps: SellCoordinatorDeps) {
    this.lastPersistAt = deps.clock.now();
  }

  /** Reconciles the unknown sells left from before (ours, and dead instances'), then watches. */
  async start(): Promise<void> {
    this.stopped = false;
    this.reload();
    await this.reconcileNow();
    this.schedule();
  }

  /** Stops watching; sells already sent run to their end (see `settled`). Prices seen are persisted. */
  stop(): void {
    this.stopped = true;
    this.ended = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.persistPrices(true);
  }

  /** Resolves when every sell running here has settled. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
    if (this.reconciling) await this.reconciling;
  }

  /** Sells running here, plus a reconcile pass in progress (it writes to the ledger too). */
  get inFlight(): number {
    return this.running.size + (this.reconciling ? 1 : 0);
  }

  /** For the status: open positions and their sells by state, as last read here (every instance's). */
  counts(): { open: number; sellsInFlight: number; sellsUnknown: number; sellsRetrying: number } {
    let sellsInFlight = 0;
    let sellsUnknown = 0;
    let sellsRetrying = 0;
    for (const position of this.openRecords()) {
      const status = position.sell?.status;
      if (status === 'in-flight') sellsInFlight += 1;
      else if (status === 'unknown') sellsUnknown += 1;
      else if (status === 'failed') sellsRetrying += 1;
    }
    return { open: this.open.size, sellsInFlight, sellsUnknown, sellsRetrying };
  }

  /** The ledger changed (here or in another instance): the open positions are read again soon. */
  invalidate(): void {
    this.dirty = true;
  }

  /** A feed event: if it prices a mint held, the exits of its positions are looked at. */
  observe(event: FeedEvent): void {
    if (this.stopped) return;
    this.reloadIfDirty();
    const ids = this.byMint.get(event.mint);
    if (!ids) return;
    const price = marketPriceOf(event);
    if (!price) return;
    for (const id of ids) {
      this.prices.observe(id, price.priceSol, price.at);
      this.evaluate(id);
    }
    this.deps.onChanged?.();
  }

  /** A price from elsewhere (a quote): the same as a trade at that price. */
  observePrice(mint: string, priceSol: number, at: number): void {
    if (this.stopped || !(priceSol > 0) || !Number.isFinite(priceSol)) return;
    this.reloadIfDirty();
    for (const id of this.byMint.get(mint) ?? []) {
      this.prices.observe(id, priceSol, at);
      this.evaluate(id);
    }
  }

  mark(positionId: number): PriceMark | undefined {
    return this.prices.get(positionId);
  }

  /**
   * Sells `percent` of what a position holds now, by hand. Claimed at once (refused with the
   * reason if the position is closed, or one of its sells is in the air or unknown); a
   * pending retry is replaced. The sell runs on; its end shows in the positions.
   */
  sellByHand(positionId: number, percent: number): { sellId: string } {
    if (!(percent > 0 && percent <= 100)) throw new Error('the percentage to sell must be above 0 and at most 100');
    const started = this.begin(positionId, 'manual', 'manual', percent / 100);
    if (!started.ok) throw new Error(started.message);
    return { sellId: started.sellId };
  }

  /**
   * One pass over the unknown sells this instance owns or adopts from dead instances: each
   * asked of the trader (the chain, or the paper chain). Landed: settled as sold. Not
   * landed: a failed sell, retried after its backoff. Still unknown: stays, blocking its position.
   */
  reconcileNow(): Promise<void> {
    this.reconciling ??= this.reconcilePass().finally(() => {
      this.reconciling = undefined;
    });
    return this.reconciling;
  }

  /** One look at the clock-driven work: max hold, due retries, reconciles, price persistence. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    this.reloadIfDirty();
    for (const id of this.open.keys()) this.evaluate(id);
    for (const failed of this.deps.positions.dueRetries(now)) {
      if (this.busyPositions.has(failed.positionId)) continue;
      this.begin(failed.positionId, failed.reason, 'retry', 1, failed.sellId);
    }
    this.persistPrices(false);
    this.readMarks(now);
    if (now - this.lastReconcileAt >= (this.deps.reconcileMs ?? 5_000)) {
      this.lastReconcileAt = now;
      await this.reconcileNow();
    }
  }

  // ---- inside ------------------------------------------------------------------------

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.tick()
        .catch((error: unknown) => this.deps.onError?.(`positions: ${messageOf(error)}`))
        .finally(() => this.schedule());
    }, this.deps.tickMs ?? 1_000);
  }

  /**
   * After a ledger change: positions opened since the last look are taken in at once (one
   * indexed read of the new rows), and all open positions are read again at most every
   * `reloadEveryMs` — reading thousands of them after every purchase would cost more than the
   * purchase. What may lag (a close, another instance's sell) only makes a claim be refused
   * by the ledger, which always decides.
   */
  private reloadIfDirty(): void {
    // Once stopped, the ledger may be closed: what was last read stands (the final status).
    if (!this.dirty || this.ended) return;
    if (this.deps.clock.now() - this.lastReloadAt >= (this.deps.reloadEveryMs ?? 250)) {
      this.reload();
      return;
    }
    try {
      for (const record of this.deps.positions.openedAfter(this.lastSeenId)) this.add(record);
    } catch (error) {
      this.deps.onError?.(`positions could not be read: ${messageOf(error)}`);
    }
  }

  /** The open positions as last read here (at most `reloadEveryMs` old), with their latest sells. */
  openRecords(): PositionRecord[] {
    this.reloadIfDirty();
    return [...this.open.values()];
  }

  private add(record: PositionRecord): void {
    if (record.id > this.lastSeenId) this.lastSeenId = record.id;
    if (this.open.has(record.id)) return;
    this.open.set(record.id, record);
    this.prices.seed(record);
    const ids = this.byMint.get(record.mint);
    if (ids) ids.push(record.id);
    else this.byMint.set(record.mint, [record.id]);
  }

  private reload(): void {
    this.dirty = false;
    this.lastReloadAt = this.deps.clock.now();
    let records: PositionRecord[];
    try {
      records = this.deps.positions.openPositions();
    } catch (error) {
      this.dirty = true;
      this.deps.onError?.(`positions could not be read: ${messageOf(error)}`);
      return;
    }
    this.open = new Map();
    this.byMint = new Map();
    this.stale.clear();
    for (const record of records) this.add(record);
    this.prices.keepOnly(new Set(this.open.keys()));
  }

  /** Sells the position if one of its module's exit rules fires now and nothing else is selling it. */
  private evaluate(positionId: number): void {
    const position = this.open.get(positionId);
    if (!position || this.busyPositions.has(positionId) || position.sell || this.stale.has(positionId)) return;
    const rules = this.deps.exitRules(position.module);
    if (!rules) return;
    const mark = this.prices.get(positionId);
    const subject = { costSol: position.costSol, tokensBought: position.tokensBought, openedAt: position.openedAt, ...(mark ? { peakPriceSol: mark.peakPriceSol } : {}) };
    const reason = exitFor(subject, mark?.lastPriceSol, this.deps.clock.now(), rules);
    if (reason) this.begin(positionId, reason, 'exit', 1);
  }

  /** Claims the sell in the ledger, then runs it in the background. */
  private begin(positionId: number, reason: ExitReason, kind: SellKind, fraction: number, retryOf?: string): { ok: true; sellId: string } | { ok: false; message: string } {
    if (this.busyPositions.has(positionId)) return { ok: false, message: `a sell of position ${positionId} is running here` };
    this.counter += 1;
    const sellId = `${this.deps.instanceId}-s${this.counter}`;
    let claim;
    try {
      claim = this.deps.positions.claimSell({ sellId, positionId, reason, fraction, kind, ...(retryOf ? { retryOf } : {}) });
    } catch (error) {
      const message = `the sell of position ${positionId} could not be claimed: ${messageOf(error)}`;
      this.deps.onError?.(message);
      return { ok: false, message };
    }
    if (!claim.ok) {
      // Closed, or sold / being sold by another instance: what this instance had was stale.
      // Not looked at again until the next read, so a hot token's trades do not each take
      // the ledger's write lock for a claim that is bound to be refused.
      this.dirty = true;
      this.stale.add(positionId);
      return { ok: false, message: claim.message };
    }
    this.busyPositions.add(positionId);
    this.open.set(positionId, claim.position);
    const done = this.run(claim.sell, claim.position).finally(() => {
      this.running.delete(sellId);
      this.busyPositions.delete(positionId);
      this.dirty = true;
      this.deps.onChanged?.();
    });
    this.running.set(sellId, { positionId, done });
    this.deps.onChanged?.();
    return { ok: true, sellId };
  }

  private async run(sell: SellRecord, position: PositionRecord): Promise<void> {
    const { trader, positions } = this.deps;
    let result: SellResult;
    try {
      if (!trader.sell) throw new Error('this trader cannot sell');
      result = await trader.sell(
        { sellId: sell.sellId, positionId: String(position.id), mint: position.mint, platform: position.platform, symbol: position.symbol, tokens: sell.tokens, reason: sell.reason },
        (fence) => {
          try {
            return positions.recordSellFence(sell.sellId, fence);
          } catch (error) {
            this.deps.onError?.(`the sell's fence could not be recorded, so it was not sent: ${messageOf(error)}`);
            return false;
          }
        },
      );
    } catch (error) {
      // A trader that throws may have sent the transaction before it did.
      result = { kind: 'unknown', error: `trader error: ${messageOf(error)}` };
    }
    try {
      this.settle(sell, result);
    } catch (error) {
      // Not recorded: the sell stays in-flight under our id; the next reconcile pass marks
      // it unknown (an own in-flight sell with nothing running here) and asks the chain.
      this.deps.onError?.(`the outcome of sell ${sell.sellId} could not be recorded: ${messageOf(error)}`);
    }
  }

  private settle(sell: SellRecord, result: SellResult): void {
    const { positions } = this.deps;
    switch (result.kind) {
      case 'success':
        positions.settleSold(sell.sellId, { signature: result.signature, solReceived: result.solReceived, tokensSold: result.tokensSold });
        this.report({ sell, outcome: 'sold', signature: result.signature, solReceived: result.solReceived });
        return;
      case 'failure': {
        const nextTryAt = this.deps.clock.now() + retryDelayMs(sell.attempt, this.deps.retry);
        positions.settleFailed(sell.sellId, result.error, nextTryAt, result.signature);
        this.report({ sell, outcome: 'failed', detail: result.error, nextTryAt, ...(result.signature ? { signature: result.signature } : {}) });
        return;
      }
      case 'unknown':
        positions.markSellUnknown(sell.sellId, result.error, result.signature);
        this.report({ sell, outcome: 'unknown', detail: result.error, ...(result.signature ? { signature: result.signature } : {}) });
        this.lastReconcileAt = Number.NEGATIVE_INFINITY;
        return;
      case 'not-sent':
        // Taken over before it was sent: the adopter reconciles it; nothing of ours can land.
        this.report({ sell, outcome: 'not-sent', detail: result.error });
        return;
      default: {
        const never: never = result;
        throw new Error(`unhandled sell result ${JSON.stringify(never)}`);
      }
    }
  }

  private async reconcilePass(): Promise<void> {
    const { positions, trader } = this.deps;
    const runningIds = new Set(this.running.keys());
    const unknown = positions.adoptOrphanSells(runningIds, (owner) => this.deps.liveness(owner) === 'dead');
    for (const sell of unknown) {
      if (runningIds.has(sell.sellId) || this.busyPositions.has(sell.positionId)) continue;
      this.busyPositions.add(sell.positionId);
      try {
        await this.reconcileOne(sell, trader);
      } catch (error) {
        this.deps.onError?.(`the unknown sell ${sell.sellId} could not be reconciled: ${messageOf(error)}`);
      } finally {
        this.busyPositions.delete(sell.positionId);
      }
    }
    if (unknown.length > 0) {
      this.dirty = true;
      this.deps.onChanged?.();
    }
  }

  private async reconcileOne(sell: SellRecord, trader: SellCoordinatorDeps['trader']): Promise<void> {
    const { positions } = this.deps;
    const now = this.deps.clock.now();
    if (trader.fencesBeforeSend && !sell.fence) {
      // This trader records the fence before every send and none is recorded: never sent.
      const detail = 'never sent: no fence was recorded before the sell stopped';
      if (positions.settleFailed(sell.sellId, detail, now)) this.report({ sell, outcome: 'reconciled-not-sold', detail, nextTryAt: now });
      return;
    }
    let result: SellReconcileResult;
    try {
      if (!trader.reconcileSell) throw new Error('this trader cannot reconcile sells');
      result = await trader.reconcileSell({ sellId: sell.sellId, mint: sell.mint, tokens: sell.tokens, at: sell.at, ...(sell.fence ? { fence: sell.fence } : {}) });
    } catch (error) {
      result = { kind: 'still-unknown', detail: messageOf(error) };
    }
    switch (result.kind) {
      case 'landed':
        if (positions.settleSold(sell.sellId, { signature: result.signature, solReceived: result.solReceived, tokensSold: result.tokensSold })) {
          this.report({ sell, outcome: 'reconciled-sold', signature: result.signature, solReceived: result.solReceived });
        }
        return;
      case 'not-landed': {
        const nextTryAt = now + retryDelayMs(sell.attempt, this.deps.retry);
        if (positions.settleFailed(sell.sellId, result.detail, nextTryAt)) this.report({ sell, outcome: 'reconciled-not-sold', detail: result.detail, nextTryAt });
        return;
      }
      case 'still-unknown':
        return;
      default: {
        const never: never = result;
        throw new Error(`unhandled sell reconcile result ${JSON.stringify(never)}`);
      }
    }
  }

  /** Asks `markOf` for the positions whose last price is stale; each answer is a price like a trade's. */
  private readMarks(now: number): void {
    const markOf = this.deps.markOf;
    if (!markOf) return;
    const every = this.deps.markEveryMs ?? 5_000;
    let started = 0;
    for (const position of this.open.values()) {
      if (started >= MARKS_PER_TICK) return;
      const mark = this.prices.get(position.id);
      if (this.marking.has(position.mint) || (mark && now - mark.lastPriceAt < every)) continue;
      started += 1;
      this.marking.add(position.mint);
      markOf(position.mint, position.platform)
        .then((price) => {
          this.markErrors.delete(position.mint);
          if (price !== undefined) this.observePrice(position.mint, price, this.deps.clock.now());
        })
        .catch((error: unknown) => {
          // Said once per mint and message: a curve that cannot be read fails every few seconds.
          const message = messageOf(error);
          if (this.markErrors.get(position.mint) === message) return;
          this.markErrors.set(position.mint, message);
          this.deps.onError?.(`the price of ${position.symbol || position.mint} could not be read: ${message}`);
        })
        .finally(() => this.marking.delete(position.mint));
    }
  }

  private persistPrices(force: boolean): void {
    const now = this.deps.clock.now();
    if (!force && now - this.lastPersistAt < (this.deps.persistPricesMs ?? 5_000)) return;
    this.lastPersistAt = now;
    const marks = this.prices.takeChanged();
    try {
      this.deps.positions.recordPrices(marks);
    } catch (error) {
      this.deps.onError?.(`prices could not be saved: ${messageOf(error)}`);
    }
  }

  private report(outcome: SellOutcome): void {
    try {
      this.deps.onOutcome?.(outcome);
    } catch {
      // A listener's failure must not undo a settled sell.
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
