import { useCallback, useId, useMemo } from 'react';
import type { ModuleId } from '../../../../shared/domain.js';
import { defaultModuleFilters, moduleFilterSchemas } from '../../../../shared/module-filters.js';
import { exitRulesSchema, moduleSettingsSchema, type ModuleSettings } from '../../../../shared/settings.js';
import { useAppState } from '../../state/app-context.js';
import { refreshSettings } from '../../state/refresh.js';
import { FieldGroup } from './field.js';
import { baseFields, exitFields, filterFields } from './filter-fields.js';
import { FormFooter } from './form-footer.js';
import { toDraft, validateDraft, type Draft } from './form-values.js';
import { useSettingsForm } from './use-settings-form.js';
import { ModuleTag } from '../../components/module-tag.js';

interface ModuleDraft {
  enabled: boolean;
  requireApproval: boolean;
  base: Draft;
  exits: Draft;
  filters: Draft;
}

const baseSchema = moduleSettingsSchema.pick({ solAmount: true, dailyBudgetSol: true });

function toModuleDraft(module: ModuleId, settings: ModuleSettings): ModuleDraft {
  return {
    enabled: settings.enabled,
    requireApproval: settings.requireApproval,
    base: toDraft(baseFields, settings),
    exits: toDraft(exitFields, settings.exits ?? {}),
    // Filters not saved yet are the engine's defaults; show them, so every filter is visible.
    filters: toDraft(filterFields[module], { ...defaultModuleFilters[module], ...settings.filters }),
  };
}

function validateModule(module: ModuleId, draft: ModuleDraft) {
  const base = validateDraft(baseFields, draft.base, baseSchema);
  const exits = validateDraft(exitFields, draft.exits, exitRulesSchema);
  const filters = validateDraft(filterFields[module], draft.filters, moduleFilterSchemas[module]);
  if (!base.ok || !exits.ok || !filters.ok) {
    const errors = { ...(base.ok ? {} : base.errors) };
    for (const [key, message] of Object.entries(exits.ok ? {} : exits.errors)) errors[`exits.${key}`] = message;
    for (const [key, message] of Object.entries(filters.ok ? {} : filters.errors)) errors[`filters.${key}`] = message;
    return { ok: false as const, errors };
  }
  const patch = {
    enabled: draft.enabled,
    requireApproval: draft.requireApproval,
    ...base.value,
    exits: exits.value,
    filters: filters.value as Record<string, unknown>,
  };
  return { ok: true as const, value: patch };
}

/** The exit and filter fields look their errors up by their own key. */
const errorsUnder = (prefix: string, errors: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));

/** One module: on/off, SOL per buy, daily budget, approval mode, when its positions are sold, and every filter. */
export function ModuleForm({ module, settings }: { module: ModuleId; settings: ModuleSettings }) {
  const state = useAppState();
  const approvalId = useId();
  const saved = useMemo(() => toModuleDraft(module, settings), [module, settings]);
  const validate = useCallback((draft: ModuleDraft) => validateModule(module, draft), [module]);
  const save = useCallback(
    async (patch: Partial<ModuleSettings>) => {
      await state.client.call('module.update', { module, patch });
      await refreshSettings(state);
    },
    [module, state],
  );
  const { draft, setDraft, dirty, errors, valid, saveState, onSubmit, reset } = useSettingsForm({ saved, validate, save });

  const errorsOfFilters = errorsUnder('filters.', errors);
  const errorsOfExits = errorsUnder('exits.', errors);

  return (
    <form className={`settings-card ${draft.enabled ? '' : 'off'}`} aria-label={module} onSubmit={onSubmit} noValidate>
      <div className="card-head">
        <h3>
          <ModuleTag module={module} />
        </h3>
        <label className="check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))} />
          Enabled
        </label>
        <span className="inline">
          <label htmlFor={approvalId}>Approval mode</label>
          <select
            id={approvalId}
            value={draft.requireApproval ? 'approve' : 'auto'}
            onChange={(e) => setDraft((d) => ({ ...d, requireApproval: e.target.value === 'approve' }))}
          >
            <option value="auto">buy automatically</option>
            <option value="approve">ask me to approve each buy</option>
          </select>
        </span>
      </div>
      <FieldGroup specs={baseFields} values={draft.base} errors={errors} onChange={(key, v) => setDraft((d) => ({ ...d, base: { ...d.base, [key]: v } }))} />
      <h4>Exits</h4>
      <FieldGroup specs={exitFields} values={draft.exits} errors={errorsOfExits} onChange={(key, v) => setDraft((d) => ({ ...d, exits: { ...d.exits, [key]: v } }))} />
      <h4>Filters</h4>
      <FieldGroup specs={filterFields[module]} values={draft.filters} errors={errorsOfFilters} onChange={(key, v) => setDraft((d) => ({ ...d, filters: { ...d.filters, [key]: v } }))} />
      <FormFooter dirty={dirty} valid={valid} saveState={saveState} onReset={reset} />
    </form>
  );
}
