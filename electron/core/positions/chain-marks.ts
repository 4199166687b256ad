import { PublicKey, type Connection } from '@solana/web3.js';
import type { Platform } from '../../../shared/domain.js';
import { readPoolMark } from '../live/bonk/launchlab-price.js';
import { readPumpMark } from '../live/pump/pump-mark.js';

/**
 * Live positions' prices from the chain, for the coins the feed shows no trade of: a
 * pump.fun coin's bonding curve, or its PumpSwap pool once it migrated; a bonk.fun coin's
 * LaunchLab pool (their spot prices). A bonk.fun coin migrated to Raydium has no chain price
 * here: undefined, and its price comes from the trade stream only.
 */
export function chainMarks(connection: Pick<Connection, 'getAccountInfo'>): (mint: string, platform: Platform) => Promise<number | undefined> {
  return async (mint, platform) => {
    const key = new PublicKey(mint);
    switch (platform) {
      case 'pump.fun':
        return (await readPumpMark(connection, key)).priceSol ?? undefined;
      case 'bonk.fun':
        return (await readPoolMark(connection, key)).priceSol ?? undefined;
      default: {
        const never: never = platform;
        throw new Error(`no price source for platform ${String(never)}`);
      }
    }
  };
}
