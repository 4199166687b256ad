import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { PurchaseRecord } from '../../../../shared/domain.js';
import { formatDateTime } from '../../components/format.js';
import { MintCell } from '../../components/mint-cell.js';
import { SolAmount } from '../../components/sol-amount.js';
import { useAppState } from '../../state/app-context.js';
import { BuyAgainDialog } from './buy-again-dialog.js';
import { ModuleTag } from '../../components/module-tag.js';

const searchDelayMs = 250;

/** Tokens in the purchase history: the only ones "buy again" applies to. */
export function BoughtSection({ busy, onBuyAgain }: { busy: boolean; onBuyAgain(record: PurchaseRecord, solAmount: number): Promise<void> }) {
  const { blocked, settings } = useAppState();
  const bought = useStore(blocked, (s) => s.bought);
  const maxSolPerBuy = useStore(settings, (s) => s.settings?.limits.maxSolPerBuy ?? null);
  const [text, setText] = useState(bought.search);
  const [asking, setAsking] = useState<PurchaseRecord | null>(null);

  useEffect(() => {
    blocked.getState().setBoughtActive(true);
    return () => blocked.getState().setBoughtActive(false);
  }, [blocked]);

  useEffect(() => {
    const timer = setTimeout(() => void blocked.getState().searchBought(text), text === bought.search ? 0 : searchDelayMs);
    return () => clearTimeout(timer);
    // Only the typed text starts a search (at once when the view opens, then after a pause).
  }, [text, blocked]);

  return (
    <section aria-labelledby="blocked-bought">
      <h2 id="blocked-bought">
        Bought <span className="count">{bought.total.toLocaleString()}</span>
      </h2>
      <div className="toolbar">
        <input type="search" aria-label="Find a bought token" placeholder="Find by symbol, mint or module" value={text} onChange={(e) => setText(e.target.value)} />
        <span className="muted">
          {bought.total > bought.records.length ? `newest ${bought.records.length} of ${bought.total.toLocaleString()}` : ''}
        </span>
      </div>
      {bought.error ? (
        <p role="alert" className="error-text">
          Could not read the history: {bought.error}
        </p>
      ) : bought.records.length === 0 && !bought.loading ? (
        <p className="muted">{bought.search.trim() ? 'No bought token matches.' : 'Nothing bought yet.'}</p>
      ) : (
        <table className="data-table" aria-labelledby="blocked-bought">
          <thead>
            <tr>
              <th scope="col">Bought</th>
              <th scope="col">Module</th>
              <th scope="col">Token</th>
              <th scope="col">Platform</th>
              <th scope="col" className="num">
                SOL spent
              </th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {bought.records.map((record) => (
              <tr key={`${record.mint}-${record.signature}`} data-mint={record.mint}>
                <td className="mono">{formatDateTime(record.at)}</td>
                <td>
                  <ModuleTag module={record.module} />
                  {record.override ? <span className="muted"> {record.override}</span> : null}
                </td>
                <td>
                  <MintCell mint={record.mint} symbol={record.symbol} />
                </td>
                <td>{record.platform}</td>
                <td className="num">
                  <SolAmount sol={record.solSpent} />
                </td>
                <td className="actions">
                  <button type="button" disabled={busy} onClick={() => setAsking(record)}>
                    Buy again
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking ? (
        <BuyAgainDialog
          record={asking}
          maxSolPerBuy={maxSolPerBuy}
          busy={busy}
          onCancel={() => setAsking(null)}
          onConfirm={(solAmount) => {
            const record = asking;
            setAsking(null);
            void onBuyAgain(record, solAmount);
          }}
        />
      ) : null}
    </section>
  );
}
