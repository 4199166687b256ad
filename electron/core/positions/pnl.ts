import type { Position, PositionTotals } from '../../../shared/positions.js';
import type { PositionRecord, SellRecord } from '../ledger/positions-ledger.js';
import { entryPriceOf } from './exit-rules.js';

/** The price of a position as this instance last saw it. */
export interface PriceMark {
  lastPriceSol: number;
  lastPriceAt: number;
  peakPriceSol: number;
}

/** The cost still in the tokens held: cost per token bought × tokens held. */
export function costHeldOf(p: Pick<PositionRecord, 'costSol' | 'tokensBought' | 'tokensHeld'>): number {
  return p.tokensBought > 0 ? (p.costSol * p.tokensHeld) / p.tokensBought : 0;
}

/** Held tokens at `price`, minus the cost still in them; 0 once nothing is held, undefined without a price. */
export function unrealizedOf(p: Pick<PositionRecord, 'costSol' | 'tokensBought' | 'tokensHeld'>, price: number | undefined): number | undefined {
  if (p.tokensHeld <= 0) return 0;
  if (price === undefined || !Number.isFinite(price)) return undefined;
  return p.tokensHeld * price - costHeldOf(p);
}

/**
 * The position as the console sees it: the ledger's row with the freshest price known here
 * (the ledger's persisted one, or this instance's newer mark) and its P&L at that price.
 */
export function toPosition(record: PositionRecord, mark?: PriceMark): Position {
  const fresher = mark && (record.lastPriceAt === undefined || mark.lastPriceAt >= record.lastPriceAt);
  const lastPriceSol = fresher ? mark.lastPriceSol : record.lastPriceSol;
  const lastPriceAt = fresher ? mark.lastPriceAt : record.lastPriceAt;
  const peaks = [record.peakPriceSol, mark?.peakPriceSol].filter((v): v is number => v !== undefined);
  const unrealizedSol = record.status === 'open' ? unrealizedOf(record, lastPriceSol) : 0;
  return {
    id: String(record.id),
    mint: record.mint,
    symbol: record.symbol,
    platform: record.platform,
    module: record.module,
    openedAt: record.openedAt,
    status: record.status,
    tokensBought: record.tokensBought,
    tokensHeld: record.tokensHeld,
    costSol: record.costSol,
    entryPriceSol: entryPriceOf(record),
    ...(lastPriceSol !== undefined ? { lastPriceSol } : {}),
    ...(lastPriceAt !== undefined ? { lastPriceAt } : {}),
    ...(peaks.length > 0 ? { peakPriceSol: Math.max(...peaks) } : {}),
    realizedSol: record.realizedSol,
    ...(unrealizedSol !== undefined ? { unrealizedSol } : {}),
    ...(record.sell ? { sell: sellView(record.sell) } : {}),
    ...(record.closedAt !== undefined ? { closedAt: record.closedAt } : {}),
    ...(record.closeReason !== undefined ? { closeReason: record.closeReason } : {}),
  };
}

function sellView(sell: SellRecord): NonNullable<Position['sell']> {
  const status = sell.status === 'failed' ? 'retrying' : sell.status === 'sold' ? 'in-flight' : sell.status;
  return {
    sellId: sell.sellId,
    reason: sell.reason,
    tokens: sell.tokens,
    status,
    attempt: sell.attempt,
    ...(sell.status === 'failed' && sell.nextTryAt !== undefined ? { nextTryAt: sell.nextTryAt } : {}),
    ...(sell.detail !== undefined ? { lastError: sell.detail } : {}),
    ...(sell.signature !== undefined ? { signature: sell.signature } : {}),
  };
}

/** Over the positions given: how many are open, realized and unrealized SOL (positions without a price count 0 unrealized). */
export function totalsOf(positions: readonly Position[]): PositionTotals {
  let open = 0;
  let realizedSol = 0;
  let unrealizedSol = 0;
  for (const p of positions) {
    if (p.status === 'open') open += 1;
    realizedSol += p.realizedSol;
    unrealizedSol += p.unrealizedSol ?? 0;
  }
  return { open, realizedSol, unrealizedSol };
}
