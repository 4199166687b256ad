import type { Position } from '../../../../shared/positions.js';

/**
 * What the Positions view says about a position, free of React so the rules are tested on
 * their own: P&L percentages, the sell's state in words, what a manual sell would sell.
 */

/** The cost still in the held tokens (fees included), in SOL. */
export function heldCostSol(p: Position): number {
  return p.tokensBought > 0 ? (p.costSol * p.tokensHeld) / p.tokensBought : 0;
}

/** The cost of the tokens already sold. */
export function soldCostSol(p: Position): number {
  return Math.max(0, p.costSol - heldCostSol(p));
}

/** P&L as a percent of the cost it is measured against; undefined when that cost is 0. */
export function pnlPct(pnlSol: number | undefined, basisSol: number): number | undefined {
  if (pnlSol === undefined || !(basisSol > 0)) return undefined;
  return (pnlSol / basisSol) * 100;
}

export const unrealizedPct = (p: Position): number | undefined => pnlPct(p.unrealizedSol, heldCostSol(p));
export const realizedPct = (p: Position): number | undefined => (p.tokensHeld < p.tokensBought ? pnlPct(p.realizedSol, soldCostSol(p)) : undefined);

/** Prices per token are tiny (0.00000003 SOL): four significant digits, never an exponent. */
export function formatPrice(sol: number | undefined): string {
  if (sol === undefined || !Number.isFinite(sol)) return '—';
  if (sol === 0) return '0';
  return sol.toLocaleString('en-US', { maximumSignificantDigits: 4, useGrouping: false });
}

export function formatTokens(tokens: number): string {
  if (!Number.isFinite(tokens)) return '—';
  return tokens >= 1_000 ? tokens.toLocaleString('en-US', { maximumFractionDigits: 0 }) : tokens.toLocaleString('en-US', { maximumSignificantDigits: 6 });
}

/** Seconds until `at`, rounded up, never negative. */
const secondsUntil = (at: number, now: number): number => Math.max(0, Math.ceil((at - now) / 1000));

/** The sell that is in the air or waits to be retried, in words; null when there is none. */
export function sellStateText(p: Position, now: number): string | null {
  const sell = p.sell;
  if (!sell) return null;
  switch (sell.status) {
    case 'in-flight':
      // A retry in the air still says why the try before it failed.
      return sell.attempt > 1 ? `selling (attempt ${sell.attempt})${sell.lastError ? `; last try: ${sell.lastError}` : ''}` : 'selling';
    case 'unknown':
      return 'unknown — reconciling';
    case 'retrying': {
      const next = sell.nextTryAt === undefined ? 'next try soon' : `next try in ${secondsUntil(sell.nextTryAt, now)}s`;
      return `retrying (attempt ${sell.attempt}, ${next})${sell.lastError ? `: ${sell.lastError}` : ''}`;
    }
    default: {
      const never: never = sell.status;
      return never;
    }
  }
}

/** Whether a manual sell may be asked for now: not while a sell is in the air or unknown (the engine would refuse). */
export function canSell(p: Position): boolean {
  return p.status === 'open' && p.tokensHeld > 0 && p.sell?.status !== 'in-flight' && p.sell?.status !== 'unknown';
}

export interface SellEstimate {
  tokens: number;
  /** At the last price, before fees and slippage; undefined without a price. */
  sol: number | undefined;
}

export function sellEstimate(p: Position, percent: number): SellEstimate {
  const tokens = (p.tokensHeld * percent) / 100;
  return { tokens, sol: p.lastPriceSol === undefined ? undefined : tokens * p.lastPriceSol };
}

/** Open first, newest first within each. */
export function comparePositions(a: Position, b: Position): number {
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  return b.openedAt - a.openedAt;
}

const closedWindowMs = 24 * 3_600_000;

/** What the view lists: open positions, closed ones of the last 24 hours when asked for, matching the search. */
export function visiblePositions(positions: readonly Position[], options: { showClosed: boolean; search: string; now: number }): Position[] {
  const needle = options.search.trim().toLowerCase();
  return positions
    .filter((p) => {
      if (p.status === 'closed' && (!options.showClosed || (p.closedAt ?? p.openedAt) < options.now - closedWindowMs)) return false;
      if (!needle) return true;
      return p.symbol.toLowerCase().includes(needle) || p.mint.toLowerCase().includes(needle) || p.module.includes(needle);
    })
    .sort(comparePositions);
}
