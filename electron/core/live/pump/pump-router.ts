import type { Connection, PublicKey } from '@solana/web3.js';
import type { Platform } from '../../../../shared/domain.js';
import { pumpSdk } from '../../feeds/pump-sdk.js';
import type { Venue, VenueRouter } from '../venue.js';
import { DEFAULT_READ_TIMEOUT_MS, readWithin } from './chain-read.js';
import { PumpCurveVenue } from './pump-curve-venue.js';
import { PumpSwapVenue } from './pumpswap-venue.js';

export interface PumpRouterOptions {
  connection: Connection;
  /** Defaults to a PumpCurveVenue / PumpSwapVenue on `connection`. */
  curve?: Venue;
  pumpswap?: Venue;
  /**
   * bonk.fun's venues (Raydium LaunchLab, built apart): a router of their own (a LaunchLab coin
   * migrates too) or a single venue. Absent: bonk.fun trades are refused as not built yet.
   */
  bonk?: VenueRouter | Venue;
  /** Bound on each chain read of the router and of the default venues (web3.js has none). */
  readTimeoutMs?: number;
}

/**
 * Picks the venue of a live trade. pump.fun buys always go to the bonding curve, which refuses
 * a completed curve with BondingCurveComplete (migrated coins are not bought, see
 * PumpSwapVenue). pump.fun sells read the curve first: complete → PumpSwap, so a position bought
 * on the curve is still sold after its coin migrated.
 */
export class PumpVenueRouter implements VenueRouter {
  private readonly connection: Connection;
  private readonly curve: Venue;
  private readonly pumpswap: Venue;
  private readonly bonk: VenueRouter | Venue | undefined;
  private readonly readTimeoutMs: number;

  constructor(options: PumpRouterOptions) {
    this.connection = options.connection;
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    const venueOptions = { readTimeoutMs: this.readTimeoutMs };
    this.curve = options.curve ?? new PumpCurveVenue(options.connection, venueOptions);
    this.pumpswap = options.pumpswap ?? new PumpSwapVenue(options.connection, venueOptions);
    this.bonk = options.bonk;
  }

  async forBuy(platform: Platform, mint: PublicKey): Promise<Venue> {
    switch (platform) {
      case 'pump.fun':
        return this.curve;
      case 'bonk.fun':
        return this.bonkVenue('buy', mint);
      default:
        return unknownPlatform(platform);
    }
  }

  async forSell(platform: Platform, mint: PublicKey): Promise<Venue> {
    switch (platform) {
      case 'pump.fun':
        return (await this.curveComplete(mint)) ? this.pumpswap : this.curve;
      case 'bonk.fun':
        return this.bonkVenue('sell', mint);
      default:
        return unknownPlatform(platform);
    }
  }

  /** Reads the `complete` flag of the mint's curve; a mint without a pump.fun curve is not a pump.fun coin. */
  private async curveComplete(mint: PublicKey): Promise<boolean> {
    const address = pumpSdk.bondingCurvePda(mint);
    const account = await readWithin(`the bonding curve of ${mint.toBase58()}`, this.readTimeoutMs, () =>
      this.connection.getAccountInfo(address),
    );
    if (!account) throw new Error(`no pump.fun bonding curve for ${mint.toBase58()}: not a pump.fun coin`);
    if (!account.owner.equals(pumpSdk.PUMP_PROGRAM_ID)) {
      throw new Error(`the bonding curve of ${mint.toBase58()} is not owned by the pump.fun program`);
    }
    return pumpSdk.PUMP_SDK.decodeBondingCurve(account).complete;
  }

  private async bonkVenue(side: 'buy' | 'sell', mint: PublicKey): Promise<Venue> {
    const bonk = this.bonk;
    if (!bonk) throw new Error('bonk.fun live trading is not built yet');
    if ('planBuy' in bonk) return bonk;
    return side === 'buy' ? bonk.forBuy('bonk.fun', mint) : bonk.forSell('bonk.fun', mint);
  }
}

function unknownPlatform(platform: never): never {
  throw new Error(`no live venue for platform ${String(platform)}`);
}
