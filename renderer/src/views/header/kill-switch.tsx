import { useState } from 'react';
import { useStore } from 'zustand';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { errorText } from '../../components/format.js';
import { useAppState } from '../../state/app-context.js';
import { refreshSettings } from '../../state/refresh.js';

/**
 * Always in the header. Stopping is one click (it only ever makes things safer);
 * resuming asks first, because it lets every module spend again.
 */
export function KillSwitch() {
  const state = useAppState();
  const on = useStore(state.settings, (s) => s.settings?.killSwitch ?? null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function set(next: boolean): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await state.client.call('killSwitch.set', { on: next });
      await refreshSettings(state);
      setAsking(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (on === null) return null;
  return (
    <div className="kill-switch">
      {on ? (
        <>
          <span className="kill-state stopped">BUYING STOPPED</span>
          <button type="button" className="resume" onClick={() => setAsking(true)} disabled={busy}>
            Resume buying
          </button>
        </>
      ) : (
        <button type="button" className="stop" onClick={() => void set(true)} disabled={busy}>
          Stop all buying
        </button>
      )}
      {error && !asking ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title="Resume buying?"
          confirmLabel="Resume"
          error={error}
          busy={busy}
          onConfirm={() => void set(false)}
          onCancel={() => {
            setAsking(false);
            setError(null);
          }}
        >
          <p>Every enabled module may buy again, within its limits.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
