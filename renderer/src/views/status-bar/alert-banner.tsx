import { useStore } from 'zustand';
import { formatTime } from '../../components/format.js';
import { useAppState } from '../../state/app-context.js';

/**
 * Engine alerts (unreadable store, a feed that needs a key, ...) stay until dismissed.
 * One at a time, newest first, with how many more wait behind it: a stack of banners
 * would push the feed off the screen.
 */
export function AlertBanner() {
  const { status } = useAppState();
  const alerts = useStore(status, (s) => s.alerts);
  const alert = alerts[alerts.length - 1];
  if (!alert) return null;
  const more = alerts.length - 1;
  return (
    <div role="alert" className={`alert level-${alert.level}`}>
      <strong>{alert.level === 'error' ? 'Error' : alert.level === 'warning' ? 'Warning' : 'Note'}</strong>
      <span className="muted">
        {formatTime(alert.at)} · {alert.source}
      </span>
      <span className="alert-message">{alert.message}</span>
      {more > 0 ? <span className="muted">+{more} more</span> : null}
      <button type="button" onClick={() => status.getState().dismissAlert(alert.id)}>
        Dismiss alert
      </button>
    </div>
  );
}
