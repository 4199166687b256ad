import { memo } from 'react';
import type { Position } from '../../../../shared/positions.js';
import { formatAge, formatDateTime } from '../../components/format.js';
import { MintCell } from '../../components/mint-cell.js';
import { ModuleTag } from '../../components/module-tag.js';
import { PnlAmount } from '../../components/pnl-amount.js';
import { SolAmount } from '../../components/sol-amount.js';
import { canSell, formatPrice, formatTokens, realizedPct, sellStateText, unrealizedPct } from './position-text.js';

export const positionRowHeight = 56;

/** The manual sells a trader can ask for on an open row. */
export const sellChoices = [
  { percent: 25, label: 'Sell 25%', short: '25%' },
  { percent: 50, label: 'Sell 50%', short: '50%' },
  { percent: 100, label: 'Sell all', short: 'All' },
] as const;

export type SellRequest = { position: Position; percent: number };

function statusText(p: Position): string {
  if (p.status === 'open') return 'open';
  return p.closeReason ? `closed: ${p.closeReason}` : 'closed';
}

/** One position; memoized, so a row re-renders only when its position or the clock moved on. */
export const PositionRow = memo(function PositionRow({
  position: p,
  rowIndex,
  top,
  now,
  onSell,
}: {
  position: Position;
  rowIndex: number;
  top: number;
  now: number;
  onSell(request: SellRequest): void;
}) {
  const sellState = sellStateText(p, now);
  const sellable = canSell(p);
  return (
    <div
      role="row"
      className={`position-row ${p.status}${p.sell ? ` sell-${p.sell.status}` : ''}`}
      aria-rowindex={rowIndex}
      data-position-id={p.id}
      data-mint={p.mint}
      data-module={p.module}
      data-status={p.status}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span role="cell" className="c-token">
        <MintCell mint={p.mint} symbol={p.symbol} />
      </span>
      <span role="cell" className="c-module">
        <ModuleTag module={p.module} />
      </span>
      <span role="cell" className="c-opened two-line" title={formatDateTime(p.openedAt)}>
        <span>{formatAge(p.openedAt, now)}</span>
        <span className="muted small">{p.platform}</span>
      </span>
      <span role="cell" className="c-tokens num two-line" title={`${p.tokensHeld} held of ${p.tokensBought} bought`}>
        <span>{formatTokens(p.tokensHeld)}</span>
        <span className="muted small">of {formatTokens(p.tokensBought)}</span>
      </span>
      <span role="cell" className="c-cost num">
        <SolAmount sol={p.costSol} />
      </span>
      <span role="cell" className="c-entry num" title={`${p.entryPriceSol} SOL per token, fees included`}>
        {formatPrice(p.entryPriceSol)}
      </span>
      <span role="cell" className="c-last num two-line" title={p.lastPriceSol === undefined ? 'no price seen yet' : `${p.lastPriceSol} SOL per token`}>
        <span>{formatPrice(p.lastPriceSol)}</span>
        <span className="muted small">{p.lastPriceAt === undefined ? 'no price yet' : formatAge(p.lastPriceAt, now)}</span>
      </span>
      <span role="cell" className="c-unrealized num">
        <PnlAmount sol={p.status === 'open' ? p.unrealizedSol : undefined} pct={unrealizedPct(p)} />
      </span>
      <span role="cell" className="c-realized num">
        <PnlAmount sol={p.tokensHeld < p.tokensBought || p.status === 'closed' ? p.realizedSol : undefined} pct={realizedPct(p)} />
      </span>
      <span role="cell" className="c-status two-line">
        <span className="position-status">{statusText(p)}</span>
        {sellState ? (
          <span className="sell-state" title={sellState}>
            {sellState}
          </span>
        ) : null}
      </span>
      <span role="cell" className="c-actions">
        {p.status === 'open'
          ? sellChoices.map((choice) => (
              <button
                key={choice.percent}
                type="button"
                className={choice.percent === 100 ? 'danger' : ''}
                disabled={!sellable}
                // The column is headed "Sell": the button shows the short text, its name is the whole.
                aria-label={choice.label}
                title={sellable ? choice.label : 'A sell of this position is in the air; wait for its outcome.'}
                onClick={() => onSell({ position: p, percent: choice.percent })}
              >
                {choice.short}
              </button>
            ))
          : null}
      </span>
    </div>
  );
});
