import { useEffect, useMemo, useState } from 'react';
import { errorText } from '../../components/format.js';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'refused'; message: string };

/**
 * What the settings forms share: a draft that follows the engine's settings until the
 * trader edits it (then it is theirs until saved), validation on every change, and a submit
 * that sends only a valid draft (else focuses the first invalid field) and shows the
 * engine's answer.
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

  async function submit(): Promise<void> {
    if (!validation.ok) return;
    setSaveState({ kind: 'saving' });
    try {
      await save(validation.value);
      setDirty(false);
      setSaveState({ kind: 'saved' });
    } catch (error) {
      setSaveState({ kind: 'refused', message: errorText(error) });
    }
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!validation.ok) {
      event.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    void submit();
  }

  function reset(): void {
    setDraftState(saved);
    setDirty(false);
    setSaveState({ kind: 'idle' });
  }

  return { draft, setDraft, dirty, errors: validation.ok ? {} : validation.errors, valid: validation.ok, saveState, onSubmit, reset };
}
