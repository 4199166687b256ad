import { PublicKey, type Connection } from '@solana/web3.js';
import type { Platform } from '../../../shared/domain.js';
import { readPoolMark } from '../live/bonk/launchlab-price.js';
import { readCurveMark } from '../live/pump/pump-curve-price.js';

/**
 * Live positions' prices from the chain, for the coins the feed shows no trade of: a
 * pump.fun coin's bonding curve, a bonk.fun coin's LaunchLab pool (their spot prices). A
 * migrated coin's curve no longer prices it: undefined, and its price comes from the trade
 * stream only (its PumpSwap or Raydium pool is not read here).
 */
export function chainMarks(connection: Pick<Connection, 'getAccountInfo'>): (mint: string, platform: Platform) => Promise<number | undefined> {
  return async (mint, platform) => {
    const key = new PublicKey(mint);
    switch (platform) {
      case 'pump.fun':
        return (await readCurveMark(connection, key)).priceSol ?? undefined;
      case 'bonk.fun':
        return (await readPoolMark(connection, key)).priceSol ?? undefined;
      default: {
        const never: never = platform;
        throw new Error(`no price source for platform ${String(never)}`);
      }
    }
  };
}
