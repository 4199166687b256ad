import type { ModuleId } from '../../../shared/domain.js';
import type { ModuleSettings, Settings } from '../../../shared/settings.js';
import { parseFilters } from './module-filters.js';
import type { SignalModule } from './signal-module.js';
import { SniperModule } from './sniper-module.js';
import { TrendingModule, type TrendingModuleOptions } from './trending-module.js';
import { VolumeModule, type VolumeModuleOptions } from './volume-module.js';
import { WhaleCopyModule } from './whale-copy-module.js';

export { ModuleSettingsError } from './module-filters.js';

import { defaultModuleFilters, moduleFilterSchemas } from '../../../shared/module-filters.js';

/** Defined in shared/ so the console validates with the same schemas. */
export { defaultModuleFilters, moduleFilterSchemas };

/**
 * Checks a module's `filters` without touching a running module, so the settings command
 * can refuse bad input before saving it. Returns the filters with defaults filled in;
 * throws ModuleSettingsError with a readable message.
 */
export function validateModuleFilters(module: ModuleId, filters: unknown): Record<string, unknown> {
  return parseFilters(module, moduleFilterSchemas[module], filters) as Record<string, unknown>;
}

/** Memory caps; the defaults suit a desktop, tests pass small ones. */
export interface CreateModulesOptions {
  trending?: TrendingModuleOptions;
  volume?: VolumeModuleOptions;
}

/** Builds all four modules from their settings; throws ModuleSettingsError if any filters are invalid. */
export function createModules(
  settings: Settings['modules'],
  options: CreateModulesOptions = {},
): Map<ModuleId, SignalModule> {
  const of = (id: ModuleId): ModuleSettings => settings[id];
  return new Map<ModuleId, SignalModule>([
    ['sniper', new SniperModule(of('sniper'))],
    ['whale-copy', new WhaleCopyModule(of('whale-copy'))],
    ['trending', new TrendingModule(of('trending'), options.trending)],
    ['volume', new VolumeModule(of('volume'), options.volume)],
  ]);
}
