import { useCallback, useMemo } from 'react';
import { z } from 'zod';
import { executionSchema, type Execution } from '../../../../shared/settings.js';
import { useAppState } from '../../state/app-context.js';
import { refreshSettings } from '../../state/refresh.js';
import { FieldGroup } from './field.js';
import { executionFields } from './filter-fields.js';
import { FormFooter } from './form-footer.js';
import { toDraft, validateDraft, type Draft } from './form-values.js';
import { useSettingsForm } from './use-settings-form.js';

/** The engine's execution schema with the priority fee's fields lifted to the top, one field each. */
const fee = executionSchema.shape.priorityFee.shape;
const flatSchema = z.object({
  slippagePct: executionSchema.shape.slippagePct,
  priorityFeeMode: fee.mode,
  microLamports: fee.microLamports,
  capMicroLamports: fee.capMicroLamports,
  computeUnitLimit: executionSchema.shape.computeUnitLimit,
});

const flatten = (e: Execution) => ({
  slippagePct: e.slippagePct,
  priorityFeeMode: e.priorityFee.mode,
  microLamports: e.priorityFee.microLamports,
  capMicroLamports: e.priorityFee.capMicroLamports,
  computeUnitLimit: e.computeUnitLimit,
});

/** The draft remembers the settings revision it was taken from: a save made against an older one is refused by the engine. */
interface ExecutionDraft {
  fields: Draft;
  revision: number;
}

function validate(draft: ExecutionDraft) {
  const flat = validateDraft(executionFields, draft.fields, flatSchema);
  if (!flat.ok) return flat;
  const { priorityFeeMode, microLamports, capMicroLamports, ...rest } = flat.value;
  const execution = executionSchema.parse({ ...rest, priorityFee: { mode: priorityFeeMode, microLamports, capMicroLamports } });
  return { ok: true as const, value: { execution, revision: draft.revision } };
}

/** The most a transaction pays in priority fee, in lamports: price per compute unit × the unit limit. */
export function maxPriorityFeeLamports(execution: Execution): number {
  const price = execution.priorityFee.mode === 'fixed' ? execution.priorityFee.microLamports : execution.priorityFee.capMicroLamports;
  return Math.ceil((price * execution.computeUnitLimit) / 1e6);
}

function feeText(lamports: number): string {
  return `${lamports.toLocaleString('en-US')} lamports (${(lamports / 1e9).toLocaleString('en-US', { maximumSignificantDigits: 3 })} SOL)`;
}

/** Slippage, priority fee and compute units of live transactions (the paper trader ignores them). */
export function ExecutionForm({ execution, revision }: { execution: Execution; revision: number }) {
  const state = useAppState();
  const saved = useMemo(() => ({ fields: toDraft(executionFields, flatten(execution)), revision }), [execution, revision]);
  const save = useCallback(
    async (value: { execution: Execution; revision: number }) => {
      await state.client.call('execution.update', { ...value.execution, revision: value.revision });
      await refreshSettings(state);
    },
    [state],
  );
  const { draft, setDraft, dirty, errors, valid, saveState, onSubmit, reset } = useSettingsForm({ saved, validate, save });
  const checked = validate(draft);

  return (
    <form className="settings-card" aria-label="Execution" onSubmit={onSubmit} noValidate>
      <div className="card-head">
        <h3>Execution</h3>
        <span className="muted">how live buys and sells are built; paper trading ignores these</span>
      </div>
      <FieldGroup specs={executionFields} values={draft.fields} errors={errors} onChange={(key, v) => setDraft((d) => ({ ...d, fields: { ...d.fields, [key]: v } }))} />
      <p className="muted">
        {checked.ok ? `Priority fee at most ${feeText(maxPriorityFeeLamports(checked.value.execution))} a transaction.` : null}
      </p>
      <FormFooter dirty={dirty} valid={valid} saveState={saveState} onReset={reset} />
    </form>
  );
}
