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

import { optionalBound, regexText } from '../../../shared/module-filters.js';

/** Defined in shared/ so the console validates with the same schemas. */
export { optionalBound, regexText };
