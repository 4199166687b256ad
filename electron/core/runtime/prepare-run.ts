import { systemClock, type Clock } from '../time/clock.js';
import { prepareLive, type LiveSetup } from './build-live.js';
import type { RunOptions } from './run-options.js';
import { checkDataDirMode, StartRefusedError } from './start-refused.js';

/**
 * What both hosts do before building the engine: refuse a data dir of the other mode, and
 * for a live run load the wallet, check the typed confirmation and build the trader. Throws
 * StartRefusedError (the hosts print it and exit 2) with what to change.
 */
export async function prepareRun(run: RunOptions, clock: Clock = systemClock): Promise<LiveSetup | undefined> {
  checkDataDirMode(run.dataDir, run.mode);
  if (run.mode === 'paper') return undefined;
  if (!run.live) throw new StartRefusedError('--mode live needs --rpc-url, --wallet and --confirm-live');
  return prepareLive(run.live, clock);
}
