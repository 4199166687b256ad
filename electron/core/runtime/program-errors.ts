import { pumpSdk } from '../feeds/pump-sdk.js';
import { describeLaunchLabError } from '../live/bonk/launchlab-errors.js';
import { LAUNCHLAB_PROGRAM_ID } from '../live/bonk/launchlab-layout.js';
import { describePumpError, describePumpSwapError } from '../live/pump/pump-errors.js';

/**
 * Every venue program's error names, by program id. The live trader knows the venues it
 * traded through in this process; a reconcile of a buy sent by an instance that died (or
 * before a restart) has not, and would otherwise report "custom program error 6002".
 */
const namers: ReadonlyMap<string, (code: number) => string | undefined> = new Map([
  [pumpSdk.PUMP_PROGRAM_ID.toBase58(), describePumpError],
  [pumpSdk.PUMP_AMM_PROGRAM_ID.toBase58(), describePumpSwapError],
  [LAUNCHLAB_PROGRAM_ID.toBase58(), describeLaunchLabError],
]);

export function nameProgramError(programId: string, code: number): string | undefined {
  return namers.get(programId)?.(code);
}
