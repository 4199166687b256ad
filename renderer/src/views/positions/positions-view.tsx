import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { errorText, shortAddress } from '../../components/format.js';
import { useNow } from '../../components/use-now.js';
import { useAppState } from '../../state/app-context.js';
import { PositionRow, positionRowHeight, type SellRequest } from './position-row.js';
import { PositionTotals } from './position-totals.js';
import { visiblePositions } from './position-text.js';
import { SellDialog } from './sell-dialog.js';

const columns = [
  { key: 'token', label: 'Token' },
  { key: 'module', label: 'Module' },
  { key: 'opened', label: 'Opened' },
  { key: 'tokens', label: 'Held / bought', num: true },
  { key: 'cost', label: 'Cost', num: true, title: 'SOL spent on the buy, fees included' },
  { key: 'entry', label: 'Entry price', num: true },
  { key: 'last', label: 'Last price', num: true },
  { key: 'unrealized', label: 'Unrealized P&L', num: true },
  { key: 'realized', label: 'Realized P&L', num: true },
  { key: 'status', label: 'Status' },
  { key: 'actions', label: 'Sell' },
];

/**
 * What is held, paper or live: each position's cost, prices and P&L, the state of its sell,
 * and manual sells behind a confirm. The list is the engine's (`positions.list` on connect,
 * then every `positions` event); it is virtualized like the feed, since a paper run without
 * exits can hold thousands.
 */
export function PositionsView() {
  const state = useAppState();
  const { positions, totals, error, loading, showClosed, search } = useStore(state.positions);
  const live = useStore(state.status, (s) => s.status?.mode === 'live');
  const now = useNow(1_000);
  const id = useId();
  const [request, setRequest] = useState<SellRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    const s = state.positions.getState();
    if (s.positions === null && !s.loading) void s.load();
  }, [state]);

  // Closed positions drop out of the 24-hour window by the clock, not by an event: a minute is close enough.
  const minute = Math.floor(now / 60_000);
  const rows = useMemo(() => visiblePositions(positions ?? [], { showClosed, search, now: minute * 60_000 }), [positions, showClosed, search, minute]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => positionRowHeight,
    overscan: 6,
    initialRect: { width: 1200, height: 600 },
    getItemKey: (index) => rows[index]?.id ?? index,
  });

  // The dialog states the amounts of the position as it is now, not as it was when the button was pressed.
  const current = request ? (positions?.find((p) => p.id === request.position.id) ?? request.position) : null;

  async function confirmSell(): Promise<void> {
    if (!request || !current) return;
    setBusy(true);
    setRefusal(null);
    try {
      await state.client.call('positions.sell', { positionId: current.id, percent: request.percent });
      setNotice(`Selling ${request.percent >= 100 ? 'all' : `${request.percent}%`} of ${current.symbol || shortAddress(current.mint)}: its state shows in the row.`);
      setRequest(null);
    } catch (e) {
      setRefusal(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  function emptyText(): string {
    if (positions === null) return loading ? 'Reading the positions…' : 'No positions read yet.';
    if (search.trim()) return `No position matches “${search.trim()}”.`;
    const closed = positions.some((p) => p.status === 'closed');
    return showClosed || !closed ? 'No positions. Each buy opens one.' : 'No open positions. Closed ones of the last 24 h are under “Show closed”.';
  }

  return (
    <div className="positions-view">
      <PositionTotals totals={totals} />
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search positions"
          placeholder="Search symbol, mint or module"
          value={search}
          onChange={(e) => state.positions.getState().setSearch(e.target.value)}
        />
        <label htmlFor={`${id}-closed`} className="check">
          <input id={`${id}-closed`} type="checkbox" checked={showClosed} onChange={(e) => state.positions.getState().setShowClosed(e.target.checked)} />
          Show closed (last 24 h)
        </label>
        <span className="muted" aria-live="polite">
          {notice}
        </span>
      </div>
      {error ? (
        <div role="alert" className="error-text">
          Could not read the positions: {error}{' '}
          <button type="button" onClick={() => void state.positions.getState().load()} disabled={loading}>
            Try again
          </button>
        </div>
      ) : null}
      <div role="table" aria-label="Positions" aria-rowcount={rows.length + 1} className="positions-table">
        <div role="rowgroup" className="positions-head">
          <div role="row" className="position-row head" aria-rowindex={1}>
            {columns.map((c) => (
              <span key={c.key} role="columnheader" className={`c-${c.key}${'num' in c ? ' num' : ''}`} title={'title' in c ? c.title : undefined}>
                {c.label}
              </span>
            ))}
          </div>
        </div>
        <div ref={scroller} className="positions-scroll" tabIndex={0} aria-label="Positions, open first, newest first">
          {rows.length === 0 ? <p className="empty">{emptyText()}</p> : null}
          <div role="rowgroup" className="positions-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {virtualizer.getVirtualItems().map((item) => {
              const position = rows[item.index];
              return position ? (
                <PositionRow
                  key={position.id}
                  position={position}
                  rowIndex={item.index + 2}
                  top={item.start}
                  now={now}
                  onSell={(r) => {
                    setRefusal(null);
                    setRequest(r);
                  }}
                />
              ) : null;
            })}
          </div>
        </div>
      </div>
      {request && current ? (
        <SellDialog
          position={current}
          percent={request.percent}
          now={now}
          live={live}
          busy={busy}
          error={refusal}
          onConfirm={() => void confirmSell()}
          onCancel={() => {
            setRequest(null);
            setRefusal(null);
          }}
        />
      ) : null}
    </div>
  );
}
