import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { useAppState } from '../../state/app-context.js';
import { FeedFilters } from './feed-filters.js';
import { FeedRow, feedRowHeight } from './feed-row.js';
import { ModuleCounters } from './module-counters.js';
import { visibleRows } from './visible-rows.js';

const columns = ['Time', 'Module', 'Token', 'Platform', 'Outcome', 'Reason', 'Latency', 'SOL'];

/**
 * Every attempt, newest on top, virtualized: only the rows in view (plus a few) are in
 * the DOM, so 50k rows cost what 30 do. Paused, the list stops at the row it showed and
 * new rows wait above it; Follow jumps back to the newest.
 */
export function FeedView() {
  const { attempts } = useAppState();
  const version = useStore(attempts, (s) => s.version);
  const ring = useStore(attempts, (s) => s.ring);
  const pausedAt = useStore(attempts, (s) => s.pausedAt);
  const moduleFilter = useStore(attempts, (s) => s.moduleFilter);
  const outcomeFilter = useStore(attempts, (s) => s.outcomeFilter);
  const end = pausedAt ?? ring.end;
  // `version` is the ring's change counter: the ring itself is mutated in place.
  const rows = useMemo(() => visibleRows(ring, end, moduleFilter, outcomeFilter), [ring, end, moduleFilter, outcomeFilter, version]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => scroller.current,
    estimateSize: () => feedRowHeight,
    overscan: 8,
    initialRect: { width: 1200, height: 600 },
  });

  useEffect(() => {
    if (pausedAt === null && scroller.current) scroller.current.scrollTop = 0;
  }, [pausedAt]);

  function onScroll(): void {
    // Reading further down while rows keep arriving on top would move what is read: pause.
    const el = scroller.current;
    if (el && pausedAt === null && el.scrollTop > feedRowHeight) attempts.getState().setPaused(true);
  }

  return (
    <div className="feed-view">
      <ModuleCounters />
      <FeedFilters newRows={pausedAt === null ? 0 : ring.end - pausedAt} />
      <div role="table" aria-label="Purchase attempts" aria-rowcount={rows.count + 1} className="feed-table">
        <div role="rowgroup" className="feed-head">
          <div role="row" className="feed-row head" aria-rowindex={1}>
            {columns.map((c) => (
              <span key={c} role="columnheader" className={`c-${c.toLowerCase()}`}>
                {c}
              </span>
            ))}
          </div>
        </div>
        <div ref={scroller} className="feed-scroll" onScroll={onScroll} tabIndex={0} aria-label="Attempts, newest first">
          {rows.count === 0 ? (
            <p className="empty">{ring.size === 0 ? 'No attempts yet. They appear here as the modules signal.' : 'No attempt matches these filters.'}</p>
          ) : null}
          <div role="rowgroup" className="feed-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {virtualizer.getVirtualItems().map((item, slot) => {
              const update = ring.at(rows.posAt(item.index));
              // Keyed by screen slot, not by attempt: while following, every batch shifts all
              // rows down, and reusing the slot's DOM (new text) is far cheaper than
              // unmounting and mounting every visible row 20 times a second.
              return update ? <FeedRow key={slot} update={update} rowIndex={item.index + 2} top={item.start} /> : null;
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
