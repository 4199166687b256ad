import type { Connection, PublicKey } from '@solana/web3.js';
import { readCurveMark } from './pump-curve-price.js';
import { readPumpSwapMark } from './pumpswap-price.js';
import { NoPumpSwapPoolError } from './pumpswap-state.js';

export interface PumpMark {
  /** SOL per whole token; null when the market that trades the coin has no price (an empty reserve). */
  priceSol: number | null;
  /** Where the price comes from: the bonding curve, or PumpSwap once the curve completed. */
  source: 'curve' | 'pumpswap';
}

/**
 * The mark of a pump.fun position wherever its coin trades: the curve while it runs, the
 * canonical PumpSwap pool once it completed, so exits keep a price after migration. A curve
 * that completed but whose pool is not there yet (migration in flight) has no price.
 */
export async function readPumpMark(
  connection: Pick<Connection, 'getAccountInfo'>,
  mint: PublicKey,
  options: { decimals?: number; readTimeoutMs?: number } = {},
): Promise<PumpMark> {
  const curve = await readCurveMark(connection, mint, options);
  if (!curve.complete) return { priceSol: curve.priceSol, source: 'curve' };
  try {
    return { priceSol: (await readPumpSwapMark(connection, mint, options)).priceSol, source: 'pumpswap' };
  } catch (error) {
    if (error instanceof NoPumpSwapPoolError) return { priceSol: null, source: 'pumpswap' };
    throw error;
  }
}
