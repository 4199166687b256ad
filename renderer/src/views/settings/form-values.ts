import type { z } from 'zod';
import { issueText } from './issue-text.js';

/**
 * A settings form keeps what the trader typed as text (so "0." or "" can sit in a field
 * while typing) and turns it into values only to validate and to send. Both directions
 * live here, free of React, so the rules are tested on their own.
 */

export type FieldKind =
  | { type: 'number' }
  | { type: 'optional-number' }
  | { type: 'regex' }
  | { type: 'address-list' }
  | { type: 'choices'; options: readonly string[] }
  /** One of a few values, each with the words the trader reads. */
  | { type: 'select'; options: readonly { value: string; label: string }[] }
  | { type: 'wallets' };

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  /** A short note under the field: units, what empty means. */
  hint?: string;
}

export interface WalletDraft {
  address: string;
  label: string;
  minSol: string;
  solAmount: string;
  enabled: boolean;
}

export type DraftValue = string | string[] | WalletDraft[];
export type Draft = Record<string, DraftValue>;
/** By field key, or `wallets.<i>.<field>` inside the wallet list. */
export type FieldErrors = Record<string, string>;

const numberText = (value: unknown): string => (typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

export function toDraftValue(kind: FieldKind, value: unknown): DraftValue {
  switch (kind.type) {
    case 'number':
    case 'optional-number':
      return numberText(value);
    case 'regex':
    case 'select':
      return typeof value === 'string' ? value : '';
    case 'address-list':
      return Array.isArray(value) ? value.join('\n') : '';
    case 'choices':
      return Array.isArray(value) ? value.map(String) : [];
    case 'wallets':
      return Array.isArray(value)
        ? value.map((w: Record<string, unknown>) => ({
            address: String(w.address ?? ''),
            label: String(w.label ?? ''),
            minSol: numberText(w.minSol),
            solAmount: numberText(w.solAmount),
            enabled: w.enabled !== false,
          }))
        : [];
    default: {
      const never: never = kind;
      return never;
    }
  }
}

export function toDraft(specs: readonly FieldSpec[], values: Record<string, unknown>): Draft {
  return Object.fromEntries(specs.map((spec) => [spec.key, toDraftValue(spec.kind, values[spec.key])]));
}

type Converted = { ok: true; value: unknown } | { ok: false; errors: FieldErrors };

function parseNumber(text: string, optional: boolean): { value: number | null | undefined } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return optional ? { value: null } : { error: 'enter a number' };
  const value = Number(trimmed);
  return Number.isFinite(value) ? { value } : { error: `"${trimmed}" is not a number` };
}

function convert(spec: FieldSpec, draft: DraftValue | undefined): Converted {
  const { kind, key } = spec;
  switch (kind.type) {
    case 'number':
    case 'optional-number': {
      const parsed = parseNumber(typeof draft === 'string' ? draft : '', kind.type === 'optional-number');
      return 'error' in parsed ? { ok: false, errors: { [key]: parsed.error } } : { ok: true, value: parsed.value };
    }
    case 'regex':
    case 'select':
      return { ok: true, value: typeof draft === 'string' ? draft : '' };
    case 'address-list':
      return {
        ok: true,
        value: (typeof draft === 'string' ? draft : '')
          .split(/[\s,]+/)
          .map((a) => a.trim())
          .filter((a) => a.length > 0),
      };
    case 'choices':
      return { ok: true, value: Array.isArray(draft) ? [...draft] : [] };
    case 'wallets': {
      const errors: FieldErrors = {};
      const wallets = (Array.isArray(draft) ? (draft as WalletDraft[]) : []).map((w, i) => {
        const wallet: Record<string, unknown> = { address: w.address.trim(), label: w.label, enabled: w.enabled };
        for (const field of ['minSol', 'solAmount'] as const) {
          if (w[field].trim() === '') continue;
          const parsed = parseNumber(w[field], false);
          if ('error' in parsed) errors[`${key}.${i}.${field}`] = parsed.error;
          else wallet[field] = parsed.value;
        }
        return wallet;
      });
      return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: wallets };
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Where an issue is shown: the wallet field it names, else the top-level field (with the line for lists). */
function errorKey(specs: readonly FieldSpec[], path: readonly PropertyKey[]): { key: string; prefix: string } {
  const [first, second, third] = path;
  const spec = specs.find((s) => s.key === first);
  if (!spec) return { key: '', prefix: path.length > 0 ? `${path.map(String).join('.')}: ` : '' };
  if (spec.kind.type === 'wallets' && typeof second === 'number') {
    return typeof third === 'string' ? { key: `${spec.key}.${second}.${third}`, prefix: '' } : { key: spec.key, prefix: `wallet ${second + 1}: ` };
  }
  if (spec.kind.type === 'address-list' && typeof second === 'number') return { key: spec.key, prefix: `entry ${second + 1}: ` };
  return { key: spec.key, prefix: '' };
}

/**
 * Turns a draft into values and checks them with `schema` (the engine's own). Returns the
 * values only when there is no error at all: an invalid form is never sent.
 */
export function validateDraft<S extends z.ZodType>(
  specs: readonly FieldSpec[],
  draft: Draft,
  schema: S,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const values: Record<string, unknown> = {};
  let errors: FieldErrors = {};
  for (const spec of specs) {
    const converted = convert(spec, draft[spec.key]);
    if (converted.ok) values[spec.key] = converted.value;
    else errors = { ...errors, ...converted.errors };
  }
  const result = schema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const { key, prefix } = errorKey(specs, issue.path);
      // The conversion error, if any, says it first and best.
      if (errors[key] === undefined) errors[key] = `${prefix}${issueText(issue)}`;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (!result.success) return { ok: false, errors: { '': 'invalid settings' } };
  return { ok: true, value: result.data };
}
