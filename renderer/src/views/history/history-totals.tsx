import { useStore } from 'zustand';
import { formatSol } from '../../components/format.js';
import { useAppState } from '../../state/app-context.js';
import { ModuleTag } from '../../components/module-tag.js';

/** Purchases and SOL per module over everything the search matches, and all together. */
export function HistoryTotals() {
  const { history } = useAppState();
  const totals = useStore(history, (s) => s.totals);
  const count = totals.reduce((sum, t) => sum + t.count, 0);
  const sol = totals.reduce((sum, t) => sum + t.sol, 0);
  return (
    <section className="totals" aria-label="Totals per module">
      {totals.map((t) => (
        <div key={t.module} className="total" data-module={t.module}>
          <ModuleTag module={t.module} />
          <span className="num">{t.count.toLocaleString()}</span>
          <span className="muted">buys</span>
          <span className="num">{formatSol(t.sol)}</span>
          <span className="muted">SOL</span>
        </div>
      ))}
      <div className="total all">
        <strong>all</strong>
        <span className="num">{count.toLocaleString()}</span>
        <span className="muted">buys</span>
        <span className="num">{formatSol(sol)}</span>
        <span className="muted">SOL</span>
      </div>
    </section>
  );
}
