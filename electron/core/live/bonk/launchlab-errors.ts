import { createRequire } from 'node:module';
import type { LangErrorCode as LangErrorCodeType } from '@coral-xyz/anchor';

// CommonJS like the pump venues load anchor (its ESM entry is not what Node resolves for every consumer).
const require = createRequire(import.meta.url);
const { LangErrorCode, LangErrorMessage } = require('@coral-xyz/anchor') as {
  LangErrorCode: typeof LangErrorCodeType;
  LangErrorMessage: ReadonlyMap<number, string>;
};

/**
 * LaunchLab's custom error codes with the names and messages of the program's IDL 0.2.0
 * as Raydium publishes it with its launchpad creator-fee upgrade notes (Raydium's SDK ships
 * no error list). A few get a line for the trader saying what happened to the order.
 */
const LAUNCHLAB_ERRORS: ReadonlyMap<number, string> = new Map([
  [6000, 'NotApproved: not approved'],
  [6001, 'InvalidOwner: an input account is not owned by the program'],
  [6002, 'InvalidInput: the program refused the trade amounts'],
  [6003, 'InputNotMatchCurveConfig: the params do not match the curve type of the config'],
  [6004, 'ExceededSlippage: the price moved past the slippage limit before the trade landed'],
  [6005, 'PoolFunding: the pool is still funding (the operation needs a finished curve)'],
  [6006, 'PoolMigrated: the pool has left the curve (migrated to Raydium); it no longer trades on LaunchLab'],
  [6007, 'MigrateTypeNotMatch: migrate type does not match'],
  [6008, 'MathOverflow: the trade overflowed the curve math (amount too large for the pool)'],
  [6009, 'NoAssetsToCollect: no assets to collect'],
  [6010, 'VestingRatioTooHigh: vesting ratio too high'],
  [6011, 'VestingSettingEnded: vesting setting ended'],
  [6012, 'VestingNotStarted: vesting not started'],
  [6013, 'NoVestingSchedule: no vesting schedule'],
  [6014, 'InvalidPlatformInfo: the platform config passed is invalid'],
  [6015, 'PoolNotMigrated: the pool has not migrated'],
  [6016, 'InvalidCpSwapConfig: the CP-Swap config account is invalid'],
  [6017, 'NoSupportExtension: the mint has a Token-2022 extension LaunchLab does not support'],
  [6018, 'NotEnoughRemainingAccounts: fee vault accounts missing (the program was upgraded past this build)'],
  [6019, 'TransferFeeCalculateNotMatch: the token transfer fee does not match the program\'s calculation'],
]);

/**
 * Codes a LaunchLab instruction fails with below 100 come from the token program it calls
 * (the runtime reports a CPI's custom code at the calling instruction), so they are named as
 * the token program's, hedged: the system program's codes overlap.
 */
const TOKEN_PROGRAM_ERRORS: ReadonlyMap<number, string> = new Map([
  [0, 'NotRentExempt'],
  [1, 'InsufficientFunds: the token account holds fewer tokens (or the WSOL account fewer lamports) than the trade moves'],
  [3, 'MintMismatch: a token account is not of the mint the trade names'],
  [4, 'OwnerMismatch: a token account is not owned by the wallet'],
  [17, 'AccountFrozen: the token account is frozen'],
]);

const anchorNames: ReadonlyMap<number, string> = new Map(
  Object.entries(LangErrorCode)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, code]) => [code, name]),
);

/**
 * LaunchLab's own codes (6000 and up) from its IDL, Anchor's framework codes (100–5999: a
 * constraint the program's accounts failed) from anchor's own table, and the token program's
 * usual codes raised inside a LaunchLab instruction.
 */
export function describeLaunchLabError(code: number): string | undefined {
  const own = LAUNCHLAB_ERRORS.get(code);
  if (own) return own;
  if (code >= 100 && code < 6000) {
    const name = anchorNames.get(code);
    const message = LangErrorMessage.get(code);
    return name ? `Anchor ${name}${message ? `: ${message}` : ''} (an account LaunchLab was given is not what it expects)` : undefined;
  }
  const token = TOKEN_PROGRAM_ERRORS.get(code);
  return token ? `token program ${token} (raised inside the LaunchLab instruction)` : undefined;
}

/** Every named code, for the tests. */
export function launchLabErrorCodes(): number[] {
  return [...LAUNCHLAB_ERRORS.keys()];
}
