import type { Position } from '../../../../shared/positions.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { formatAge, formatSol, shortAddress } from '../../components/format.js';
import { canSell, formatPrice, formatTokens, sellEstimate, sellStateText } from './position-text.js';

/**
 * Asks before a manual sell, stating what it sells: how many tokens of how many held, and
 * about what they bring at the last price. A refusal (the engine's sentence) stays in the
 * dialog, announced.
 */
export function SellDialog({
  position: p,
  percent,
  now,
  live,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  position: Position;
  percent: number;
  now: number;
  /** A live run: the sell is a real transaction from the wallet. */
  live: boolean;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  const name = p.symbol || shortAddress(p.mint);
  const what = percent >= 100 ? 'all' : `${percent}%`;
  const estimate = sellEstimate(p, percent);
  const sellable = canSell(p);
  return (
    <ConfirmDialog title={`Sell ${what} of ${name}?`} confirmLabel="Confirm" busy={busy || !sellable} error={error} onConfirm={onConfirm} onCancel={onCancel}>
      {sellable ? null : (
        <p className="error-text">
          {p.status === 'closed' ? `${name} was closed meanwhile.` : `A sell of ${name} is in the air (${sellStateText(p, now) ?? 'selling'}): wait for its outcome.`}
        </p>
      )}
      <p>
        Sells <strong>{formatTokens(estimate.tokens)}</strong> tokens of {formatTokens(p.tokensHeld)} held.
      </p>
      {estimate.sol === undefined ? (
        <p>No price has been seen for {name} yet: what the sell brings is not known.</p>
      ) : (
        <p>
          About <strong>{formatSol(estimate.sol)} SOL</strong> at the last price ({formatPrice(p.lastPriceSol)} SOL per token
          {p.lastPriceAt === undefined ? '' : `, ${formatAge(p.lastPriceAt, now)}`}), before fees and slippage.
        </p>
      )}
      {live ? <p>Live: this sends a real transaction from the wallet.</p> : null}
      <p className="muted">The sell goes through the same exactly-once checks as an exit; an unknown outcome is reconciled before another sell.</p>
    </ConfirmDialog>
  );
}
