import { z } from 'zod';
import type { ModuleId } from '../../../shared/domain.js';

/**
 * Thrown by `configure` when a module's `filters` do not parse. The settings command shows
 * `message` to the trader and keeps the old settings, so it names the module and every
 * offending field in one readable sentence.
 */
export class ModuleSettingsError extends Error {
  constructor(
    readonly module: ModuleId,
    readonly issues: string,
  ) {
    super(`Invalid ${module} filters: ${issues}`);
    this.name = 'ModuleSettingsError';
  }
}

/** Parses a module's free-form `filters` record with its schema, or throws ModuleSettingsError. */
export function parseFilters<S extends z.ZodType>(module: ModuleId, schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(filters)'}: ${issue.message}`)
    .join('; ');
  throw new ModuleSettingsError(module, issues);
}

/** A bound that may be switched off: `null` means "no bound", which JSON can say plainly. */
export const optionalBound = (base: z.ZodNumber) => base.nullable().default(null);

/** A regex typed by the trader: checked at configure time so a typo is refused, not silently unmatched. */
export const regexText = z
  .string()
  .max(200)
  .refine(
    (text) => {
      try {
        new RegExp(text, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );
