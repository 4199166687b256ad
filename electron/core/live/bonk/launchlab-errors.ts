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

export function describeLaunchLabError(code: number): string | undefined {
  return LAUNCHLAB_ERRORS.get(code);
}

/** Every named code, for the tests. */
export function launchLabErrorCodes(): number[] {
  return [...LAUNCHLAB_ERRORS.keys()];
}
