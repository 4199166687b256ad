import { moduleIds, type ModuleId } from '../../../shared/domain.js';

/** How one run of the engine is set up: what `serve` flags and the desktop app both produce. */
export interface RunOptions {
  dataDir: string;
  feed: { kind: 'sim'; seed: number; launchesPerSecond: number; startAt?: number };
  mode: 'paper';
  paper: { faultSeed: number; failRate: number; unknownRate: number; latencyMs: { min: number; max: number } };
  /** Modules switched on for this run; undefined keeps what settings.json says. */
  modules?: ModuleId[];
}

export function defaultRunOptions(dataDir: string): RunOptions {
  return {
    dataDir,
    feed: { kind: 'sim', seed: 1, launchesPerSecond: 1 },
    mode: 'paper',
    paper: { faultSeed: 1, failRate: 0.05, unknownRate: 0.02, latencyMs: { min: 150, max: 900 } },
  };
}

export function parseModuleList(text: string): ModuleId[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(moduleIds as readonly string[]).includes(name)) {
      throw new Error(`unknown module "${name}" (modules: ${moduleIds.join(', ')})`);
    }
  }
  return names as ModuleId[];
}
