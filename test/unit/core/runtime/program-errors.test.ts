import { describe, expect, it } from 'vitest';
import { pumpSdk } from '../../../../electron/core/feeds/pump-sdk.js';
import { LAUNCHLAB_PROGRAM_ID } from '../../../../electron/core/live/bonk/launchlab-layout.js';
import { nameProgramError } from '../../../../electron/core/runtime/program-errors.js';

describe('venue program errors named for a reconcile of a buy this process never traded', () => {
  it('pump.fun, PumpSwap and LaunchLab codes by their program; another program, or a code none names, is undefined', () => {
    expect(nameProgramError(pumpSdk.PUMP_PROGRAM_ID.toBase58(), 6002)).toMatch(/TooMuchSolRequired/);
    expect(nameProgramError(pumpSdk.PUMP_AMM_PROGRAM_ID.toBase58(), 6004)).toMatch(/ExceededSlippage/);
    expect(nameProgramError(LAUNCHLAB_PROGRAM_ID.toBase58(), 6000)).toBeDefined();
    expect(nameProgramError('11111111111111111111111111111111', 6002)).toBeUndefined();
    expect(nameProgramError(pumpSdk.PUMP_PROGRAM_ID.toBase58(), 99_999)).toBeUndefined();
  });
});
