import { formatPct, formatPnlSol, signed } from './format.js';

/**
 * Profit or loss in SOL, and in percent when known: coloured, and signed (+ / −) so it reads
 * the same without colour.
 */
export function PnlAmount({ sol, pct }: { sol: number | undefined; pct?: number | undefined }) {
  if (sol === undefined) return <span className="muted">—</span>;
  const text = formatPnlSol(sol);
  // What is shown as 0.0000 is neither a gain nor a loss.
  const shown = Number(text) === 0 ? 0 : sol;
  const tone = shown > 0 ? 'tone-good' : shown < 0 ? 'tone-bad' : '';
  const percent = formatPct(pct);
  return (
    <span className={`pnl ${tone}`} title={`${sol} SOL`}>
      <span className="sol">
        {signed(text, shown)}
        <span className="unit"> SOL</span>
      </span>
      {percent ? <span className="pct"> ({percent})</span> : null}
    </span>
  );
}
