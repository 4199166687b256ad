import { useEffect, useMemo, useState } from 'react';
import { errorText } from '../../components/format.js';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'refused'; message: string };

/**
 * What the module and limits forms share: a draft that follows the engine's settings until
 * the trader edits it (then it is theirs until saved), validation on every change, and a
 * save that sends only a valid draft and shows the engine's answer.
 */
export function useSettingsForm<D, V>(options: {
  saved: D;
  validate(draft: D): { ok: true; value: V } | { ok: false; errors: Record<string, string> };
  save(value: V): Promise<unknown>;
}) {
  const { saved, validate, save } = options;
  const [draft, setDraftState] = useState(saved);
  const [dirty, setDirty] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });

  // Another console or instance changed the settings: follow, unless the trader is editing.
  useEffect(() => {
    if (!dirty) setDraftState(saved);
  }, [saved, dirty]);

  const validation = useMemo(() => validate(draft), [draft, validate]);

  function setDraft(update: (draft: D) => D): void {
    setDraftState(update);
    setDirty(true);
    setSaveState({ kind: 'idle' });
  }

  async function submit(): Promise<boolean> {
    if (!validation.ok) return false;
    setSaveState({ kind: 'saving' });
    try {
      await save(validation.value);
      setDirty(false);
      setSaveState({ kind: 'saved' });
      return true;
    } catch (error) {
      setSaveState({ kind: 'refused', message: errorText(error) });
      return false;
    }
  }

  function reset(): void {
    setDraftState(saved);
    setDirty(false);
    setSaveState({ kind: 'idle' });
  }

  return { draft, setDraft, dirty, errors: validation.ok ? {} : validation.errors, valid: validation.ok, saveState, submit, reset };
}
