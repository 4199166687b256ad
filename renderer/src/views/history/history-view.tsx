import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { formatDateTime, shortAddress } from '../../components/format.js';
import { MintCell } from '../../components/mint-cell.js';
import { SolAmount } from '../../components/sol-amount.js';
import { useAppState } from '../../state/app-context.js';
import { historyPageSize } from '../../state/history.js';
import { ExportCsv } from './export-csv.js';
import { HistoryTotals } from './history-totals.js';
import { ModuleTag } from '../../components/module-tag.js';

/** Typing waits this long before it asks the engine, so each key does not start a search. */
const searchDelayMs = 250;

/** Every confirmed purchase, newest first, a page at a time, searchable by symbol, mint or module. */
export function HistoryView() {
  const { history } = useAppState();
  const { search, page, records, total, loading, error } = useStore(history);
  const [text, setText] = useState(search);

  useEffect(() => {
    history.getState().setActive(true);
    void history.getState().load();
    return () => history.getState().setActive(false);
  }, [history]);

  useEffect(() => {
    if (text === history.getState().search) return;
    const timer = setTimeout(() => history.getState().setSearch(text), searchDelayMs);
    return () => clearTimeout(timer);
  }, [text, history]);

  const pages = Math.max(1, Math.ceil(total / historyPageSize));
  return (
    <div className="history-view">
      <div className="toolbar">
        <input type="search" aria-label="Search history" placeholder="Search symbol, mint or module" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="button" onClick={() => history.getState().setPage(page - 1)} disabled={page === 0 || loading}>
          Previous page
        </button>
        <span className="muted">
          page {Math.min(page + 1, pages).toLocaleString()} of {pages.toLocaleString()}
        </span>
        <button type="button" onClick={() => history.getState().setPage(page + 1)} disabled={page + 1 >= pages || loading}>
          Next page
        </button>
        <ExportCsv search={search} total={total} />
      </div>
      <HistoryTotals />
      {error ? (
        <p role="alert" className="error-text">
          Could not read the history: {error}
        </p>
      ) : null}
      <table className="data-table" aria-label="Purchase history" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Module</th>
            <th scope="col">Token</th>
            <th scope="col">Platform</th>
            <th scope="col" className="num">
              SOL spent
            </th>
            <th scope="col" className="num">
              Tokens
            </th>
            <th scope="col">Signature</th>
            <th scope="col">Instance</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={`${r.mint}-${r.signature}-${r.at}`} data-mint={r.mint}>
              <td className="mono">{formatDateTime(r.at)}</td>
              <td>
                <ModuleTag module={r.module} />
                {r.override ? <span className="muted"> {r.override}</span> : null}
              </td>
              <td>
                <MintCell mint={r.mint} symbol={r.symbol} />
              </td>
              <td>{r.platform}</td>
              <td className="num">
                <SolAmount sol={r.solSpent} />
              </td>
              <td className="num">{r.tokens.toLocaleString(undefined, { maximumFractionDigits: 0 })}</td>
              <td>
                <a href={`https://solscan.io/tx/${encodeURIComponent(r.signature)}`} target="_blank" rel="noopener noreferrer" title={r.signature} aria-label={`Transaction ${shortAddress(r.signature)} on Solscan`}>
                  <code>{shortAddress(r.signature)}</code>
                </a>
              </td>
              <td>
                <code className="muted">{r.instanceId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && !error && records.length === 0 ? (
        <p className="empty">{search.trim() ? `No purchase matches “${search.trim()}”.` : 'No purchases yet.'}</p>
      ) : null}
    </div>
  );
}
