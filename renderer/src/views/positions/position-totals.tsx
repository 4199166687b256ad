import type { PositionTotals as Totals } from '../../../../shared/positions.js';
import { PnlAmount } from '../../components/pnl-amount.js';

/** Open positions and P&L over all of them, as the engine counts them. */
export function PositionTotals({ totals }: { totals: Totals | null }) {
  return (
    <section className="totals" aria-label="Position totals">
      <div className="total">
        <span className="muted">open</span>
        <span className="num">{totals ? totals.open.toLocaleString() : '—'}</span>
      </div>
      <div className="total">
        <span className="muted">realized</span>
        <PnlAmount sol={totals?.realizedSol} />
      </div>
      <div className="total">
        <span className="muted">unrealized</span>
        <PnlAmount sol={totals?.unrealizedSol} />
      </div>
    </section>
  );
}
