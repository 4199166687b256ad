import { useCallback, useMemo } from 'react';
import { limitsSchema, type Limits } from '../../../../shared/settings.js';
import { useAppState } from '../../state/app-context.js';
import { refreshSettings } from '../../state/refresh.js';
import { FieldGroup } from './field.js';
import { limitFields } from './filter-fields.js';
import { FormFooter } from './form-footer.js';
import { toDraft, validateDraft, type Draft } from './form-values.js';
import { useSettingsForm } from './use-settings-form.js';

const validate = (draft: Draft) => validateDraft(limitFields, draft, limitsSchema);

/** The limits every module shares: per buy, per day, at once. */
export function LimitsForm({ limits }: { limits: Limits }) {
  const state = useAppState();
  const saved = useMemo(() => toDraft(limitFields, limits), [limits]);
  const save = useCallback(
    async (value: Limits) => {
      await state.client.call('limits.update', value);
      await refreshSettings(state);
    },
    [state],
  );
  const { draft, setDraft, dirty, errors, valid, saveState, onSubmit, reset } = useSettingsForm({ saved, validate, save });

  return (
    <form className="settings-card" aria-label="Limits" onSubmit={onSubmit} noValidate>
      <div className="card-head">
        <h3>Limits</h3>
        <span className="muted">checked on every buy, whatever the module; a buy again or an approval never passes them</span>
      </div>
      <FieldGroup specs={limitFields} values={draft} errors={errors} onChange={(key, v) => setDraft((d) => ({ ...d, [key]: v }))} />
      <FormFooter dirty={dirty} valid={valid} saveState={saveState} onReset={reset} />
    </form>
  );
}
