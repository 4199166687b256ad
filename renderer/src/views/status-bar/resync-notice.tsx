import { useStore } from 'zustand';
import { formatTime } from '../../components/format.js';
import { useAppState } from '../../state/app-context.js';

/** Says that the console caught up after a reconnect or a gap, and how. */
export function ResyncNotice() {
  const { status } = useAppState();
  const resync = useStore(status, (s) => s.resync);
  const syncError = useStore(status, (s) => s.syncError);
  return (
    <span className="item resync" aria-live="polite">
      {syncError ? <span className="tone-bad">Out of sync: {syncError}</span> : null}
      {!syncError && resync
        ? `${resync.kind === 'snapshot' ? 'Resynced from snapshot' : `Resynced: ${resync.count} ${resync.count === 1 ? 'event' : 'events'} replayed`} at ${formatTime(resync.at).slice(0, 8)}`
        : null}
    </span>
  );
}
