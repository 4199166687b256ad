import { useId } from 'react';
import { FieldError } from './field-error.js';
import type { DraftValue, FieldErrors, FieldSpec, WalletDraft } from './form-values.js';
import { WalletsEditor } from './wallets-editor.js';

export interface FieldProps {
  spec: FieldSpec;
  value: DraftValue | undefined;
  errors: FieldErrors;
  onChange(value: DraftValue): void;
}

/** A group of settings in one part of a draft; each field changes its own key. */
export function FieldGroup({ specs, values, errors, onChange }: {
  specs: readonly FieldSpec[];
  values: Record<string, DraftValue>;
  errors: FieldErrors;
  onChange(key: string, value: DraftValue): void;
}) {
  return (
    <div className="fields">
      {specs.map((spec) => (
        <Field key={spec.key} spec={spec} value={values[spec.key]} errors={errors} onChange={(v) => onChange(spec.key, v)} />
      ))}
    </div>
  );
}

/** One setting: its input by kind, its hint, and its error linked to it. */
export function Field({ spec, value, errors, onChange }: FieldProps) {
  const id = useId();
  const error = errors[spec.key];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, spec.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  const text = typeof value === 'string' ? value : '';
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } as const;

  let input;
  switch (spec.kind.type) {
    case 'number':
    case 'optional-number':
      input = <input {...common} type="text" inputMode="decimal" autoComplete="off" value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'regex':
      input = <input {...common} type="text" spellCheck={false} autoComplete="off" value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'select':
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          {spec.kind.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'address-list':
      input = <textarea {...common} rows={2} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'choices': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="field choices" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
          <legend>{spec.label}</legend>
          {spec.kind.options.map((option) => (
            <label key={option} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(option)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
              />
              {option}
            </label>
          ))}
          {spec.hint ? (
            <span id={hintId} className="hint">
              {spec.hint}
            </span>
          ) : null}
          <FieldError id={errorId} message={error} />
        </fieldset>
      );
    }
    case 'wallets':
      return (
        <WalletsEditor label={spec.label} wallets={Array.isArray(value) ? (value as WalletDraft[]) : []} errors={errors} errorKey={spec.key} onChange={onChange} />
      );
    default: {
      const never: never = spec.kind;
      return never;
    }
  }
  return (
    <div className={`field ${spec.kind.type === 'address-list' ? 'wide' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      {input}
      {spec.hint ? (
        <span id={hintId} className="hint">
          {spec.hint}
        </span>
      ) : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
