import { useId } from 'react';
import { useStore } from 'zustand';
import { attemptOutcomes, moduleIds, type Requester } from '../../../../shared/domain.js';
import { useAppState } from '../../state/app-context.js';
import type { OutcomeFilter } from '../../state/attempts.js';
import { outcomeLabel } from './attempt-text.js';

const requesters: Requester[] = [...moduleIds, 'manual'];

export function FeedFilters({ newRows }: { newRows: number }) {
  const { attempts } = useAppState();
  const moduleFilter = useStore(attempts, (s) => s.moduleFilter);
  const outcomeFilter = useStore(attempts, (s) => s.outcomeFilter);
  const paused = useStore(attempts, (s) => s.pausedAt !== null);
  const actions = attempts.getState();
  const id = useId();
  return (
    <div className="toolbar">
      <label htmlFor={`${id}-module`}>Module</label>
      <select id={`${id}-module`} value={moduleFilter} onChange={(e) => actions.setModuleFilter(e.target.value as Requester | 'all')}>
        <option value="all">all modules</option>
        {requesters.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-outcome`}>Outcome</label>
      <select id={`${id}-outcome`} value={outcomeFilter} onChange={(e) => actions.setOutcomeFilter(e.target.value as OutcomeFilter)}>
        <option value="all">all outcomes</option>
        <option value="in-progress">{outcomeLabel(undefined)}</option>
        {attemptOutcomes.map((o) => (
          <option key={o} value={o}>
            {outcomeLabel(o)}
          </option>
        ))}
      </select>
      <button type="button" className={paused ? 'primary' : ''} onClick={() => actions.setPaused(!paused)}>
        {paused ? 'Follow' : 'Pause'}
      </button>
      {paused ? <span className="muted">{newRows > 0 ? `${newRows.toLocaleString()} new rows while paused` : 'paused'}</span> : null}
    </div>
  );
}
