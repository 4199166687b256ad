import { useCallback, useMemo, useRef } from 'react';
import { limitsSchema, type Limits } from '../../../../shared/settings.js';
import { useAppState } from '../../state/app-context.js';
import { refreshSettings } from '../../state/refresh.js';
import { Field } from './field.js';
import { limitFields } from './filter-fields.js';
import { FormFooter } from './form-footer.js';
import { toDraft, validateDraft, type Draft } from './form-values.js';
import { useSettingsForm } from './use-settings-form.js';

const validate = (draft: Draft) => validateDraft(limitFields, draft, limitsSchema);

/** The limits every module shares: per buy, per day, at once. */
export function LimitsForm({ limits }: { limits: Limits }) {
  const state = useAppState();
  const form = useRef<HTMLFormElement>(null);
  const saved = useMemo(() => toDraft(limitFields, limits), [limits]);
  const save = useCallback(
    async (value: Limits) => {
      await state.client.call('limits.update', value);
      await refreshSettings(state);
    },
    [state],
  );
  const { draft, setDraft, dirty, errors, valid, saveState, submit, reset } = useSettingsForm({ saved, validate, save });

  async function onSubmit(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    if (!valid) {
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    await submit();
  }

  return (
    <form ref={form} className="settings-card" aria-label="Limits" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="card-head">
        <h3>Limits</h3>
        <span className="muted">checked on every buy, whatever the module; a buy again or an approval never passes them</span>
      </div>
      <div className="fields">
        {limitFields.map((spec) => (
          <Field key={spec.key} spec={spec} value={draft[spec.key]} errors={errors} onChange={(v) => setDraft((d) => ({ ...d, [spec.key]: v }))} />
        ))}
      </div>
      <FormFooter dirty={dirty} valid={valid} saveState={saveState} onReset={reset} />
    </form>
  );
}
