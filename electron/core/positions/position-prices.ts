import type { PositionRecord } from '../ledger/positions-ledger.js';
import type { PriceMark } from './pnl.js';

/**
 * The last and highest price of each open position, in memory: a busy token trades many
 * times a second, and writing each price to the ledger would be one write per trade. The
 * ledger gets the marks that changed, in one transaction, at most once per `persistEveryMs`
 * (see `takeChanged`); a restart resumes from them (the peak a trailing stop follows
 * included), at most that much older.
 */
export class PositionPrices {
  private readonly marks = new Map<number, PriceMark>();
  private readonly changed = new Set<number>();

  /** Starts a position from what the ledger persisted, if it is not known here yet. */
  seed(position: Pick<PositionRecord, 'id' | 'lastPriceSol' | 'lastPriceAt' | 'peakPriceSol'>): void {
    if (this.marks.has(position.id) || position.lastPriceSol === undefined || position.lastPriceAt === undefined) return;
    this.marks.set(position.id, {
      lastPriceSol: position.lastPriceSol,
      lastPriceAt: position.lastPriceAt,
      peakPriceSol: Math.max(position.peakPriceSol ?? 0, position.lastPriceSol),
    });
  }

  /** A price seen at `at`; an older one than the last (a late event) only raises the peak. Returns the mark before it. */
  observe(positionId: number, priceSol: number, at: number): PriceMark | undefined {
    const before = this.marks.get(positionId);
    const newer = !before || at >= before.lastPriceAt;
    this.marks.set(positionId, {
      lastPriceSol: newer ? priceSol : before.lastPriceSol,
      lastPriceAt: newer ? at : before.lastPriceAt,
      peakPriceSol: Math.max(before?.peakPriceSol ?? 0, priceSol),
    });
    this.changed.add(positionId);
    return before;
  }

  get(positionId: number): PriceMark | undefined {
    return this.marks.get(positionId);
  }

  /** Forgets positions no longer open. */
  keepOnly(open: ReadonlySet<number>): void {
    for (const id of this.marks.keys()) {
      if (!open.has(id)) {
        this.marks.delete(id);
        this.changed.delete(id);
      }
    }
  }

  /** The marks changed since the last call, to persist. */
  takeChanged(): (PriceMark & { positionId: number })[] {
    const out: (PriceMark & { positionId: number })[] = [];
    for (const id of this.changed) {
      const mark = this.marks.get(id);
      if (mark) out.push({ positionId: id, ...mark });
    }
    this.changed.clear();
    return out;
  }
}
