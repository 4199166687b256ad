import { calculateFee, type TransferFeeConfig } from '@solana/spl-token';

/**
 * The most a Token-2022 transfer fee can take from `amount` (none without the extension):
 * the larger of the mint's older and newer fee, so a quote holds whichever epoch the trade
 * lands in without reading the epoch first. The cost is a minimum out lower by at most the
 * difference between the two fees, never a refusal caused by our own assumption.
 */
export function transferFeeUpperBound(config: TransferFeeConfig | null, amount: bigint): bigint {
  if (!config) return 0n;
  const older = calculateFee(config.olderTransferFee, amount);
  const newer = calculateFee(config.newerTransferFee, amount);
  return older > newer ? older : newer;
}
