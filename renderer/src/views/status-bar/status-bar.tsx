import { useStore } from 'zustand';
import { useAppState } from '../../state/app-context.js';
import { ResyncNotice } from './resync-notice.js';

/**
 * The engine at a glance: this console's link, each feed, the instance, what is in flight
 * or unknown, open positions and their sells, and whether the store can be read. Updated
 * several times a second, so it is not announced on every change (aria-live off); the
 * resync notice inside is.
 */
export function StatusBar() {
  const { status } = useAppState();
  const engine = useStore(status, (s) => s.status);
  const connection = useStore(status, (s) => s.connection);
  return (
    <footer className="status-bar" role="status" aria-label="Engine status" aria-live="off">
      <span className={`item ${connection.connected ? 'tone-good' : 'tone-bad'}`}>
        <span className="dot" aria-hidden="true" />
        {connection.connected ? 'engine connected' : `engine disconnected${connection.error ? `: ${connection.error}` : ''}`}
      </span>
      {engine?.feeds.map((feed) => (
        <span key={feed.name} className={`item ${feed.connected ? 'tone-good' : 'tone-bad'}`} title={feed.lastError ?? ''}>
          <span className="dot" aria-hidden="true" />
          feed {feed.name} {feed.connected ? 'connected' : 'disconnected'}
          {feed.lastError ? <span className="muted"> — last error: {feed.lastError}</span> : null}
        </span>
      ))}
      {engine ? (
        <>
          <span className="item">
            instance <code>{engine.instanceId}</code>
          </span>
          <span className="item">
            in flight <strong>{engine.inFlight}</strong>
          </span>
          <span className={`item ${engine.unknown > 0 ? 'tone-warn' : ''}`}>
            unknown <strong>{engine.unknown}</strong>
          </span>
          {engine.positions ? (
            <span className={`item ${engine.positions.sellsUnknown + engine.positions.sellsRetrying > 0 ? 'tone-warn' : ''}`}>
              positions <strong>{engine.positions.open}</strong> open
              {engine.positions.sellsInFlight > 0 ? `, ${engine.positions.sellsInFlight} selling` : ''}
              {engine.positions.sellsRetrying > 0 ? `, ${engine.positions.sellsRetrying} sells retrying` : ''}
              {engine.positions.sellsUnknown > 0 ? `, ${engine.positions.sellsUnknown} sells unknown` : ''}
            </span>
          ) : null}
          <span className={`item ${engine.storeHealthy ? 'tone-good' : 'tone-bad'}`}>
            store {engine.storeHealthy ? 'healthy' : `unreadable${engine.storeProblem ? `: ${engine.storeProblem}` : ''}`}
          </span>
        </>
      ) : null}
      <ResyncNotice />
    </footer>
  );
}
