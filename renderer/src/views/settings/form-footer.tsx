import type { SaveState } from './use-settings-form.js';

/** Save / Discard and what happened: saved, or the engine's reason for refusing. */
export function FormFooter({ dirty, valid, saveState, onReset }: { dirty: boolean; valid: boolean; saveState: SaveState; onReset(): void }) {
  return (
    <div className="form-footer">
      <button type="submit" className="primary" disabled={saveState.kind === 'saving'}>
        Save
      </button>
      <button type="button" onClick={onReset} disabled={!dirty}>
        Discard changes
      </button>
      <span aria-live="polite" className="muted">
        {!valid ? 'Fix the fields marked in red; nothing is saved until then.' : saveState.kind === 'saved' ? 'Saved.' : dirty ? 'Unsaved changes.' : ''}
      </span>
      {saveState.kind === 'refused' ? (
        <p role="alert" className="error-text">
          Not saved: {saveState.message}
        </p>
      ) : null}
    </div>
  );
}
