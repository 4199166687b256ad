import { z } from 'zod';
import type { ModuleId } from '../../../shared/domain.js';
import { optionalBound, regexText } from '../../../shared/module-filters.js';

/** Defined in shared/ so the console validates with the same schemas. */
export { optionalBound, regexText };

/**
 * Thrown by `configure` when a module's `filters` do not parse. The settings command shows
 * `message` to the trader and keeps the old settings, so it names the module and, in zod's
 * own format (z.prettifyError), every offending field with what is wrong with it.
 */
export class ModuleSettingsError extends Error {
  constructor(
    readonly module: ModuleId,
    readonly issues: string,
  ) {
    super(`Invalid ${module} filters:\n${issues}`);
    this.name = 'ModuleSettingsError';
  }
}

/** Parses a module's free-form `filters` record with its schema, or throws ModuleSettingsError. */
export function parseFilters<S extends z.ZodType>(module: ModuleId, schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw new ModuleSettingsError(module, z.prettifyError(result.error));
}
