import type { Rng } from '../time/rng.js';
import { BondingCurve, pumpCurveParams, type CurveParams } from './bonding-curve.js';
import { HolderBook } from './holder-book.js';
import type { LaunchIdentity } from './launch-identity.js';
import type { TokenPlan } from './token-plan.js';
import { TradeWindow } from './trade-window.js';

/**
 * bonk.fun (Raydium LaunchLab) also sells ~793M of 1B tokens for ~85 SOL; its defaults are
 * close enough to pump.fun's that one curve shape keeps the simulated prices honest.
 */
export const bonkCurveParams: CurveParams = pumpCurveParams;

export const tradeWindowMs = 5 * 60_000;

/** Everything the simulator knows about one launched token while it trades. */
export class SimToken {
  readonly curve: BondingCurve;
  readonly holders = new HolderBook();
  readonly window = new TradeWindow(tradeWindowMs);
  creatorTokens = 0;
  whaleTokens = 0;
  tradesPerSec: number;
  buyBias: number;
  /** Organic trading stops at this time. */
  endAt: number;
  panicking = false;
  migrated = false;
  ended = false;
  retired = false;

  constructor(
    readonly id: LaunchIdentity,
    readonly launchAt: number,
    readonly plan: TokenPlan,
    /** Organic trades, whale and rug timing. */
    readonly rng: Rng,
    /** Fresh wallets for volume spikes, apart so a spike does not shift organic trades. */
    readonly spikeRng: Rng,
  ) {
    this.curve = new BondingCurve(id.platform === 'bonk.fun' ? bonkCurveParams : pumpCurveParams);
    this.tradesPerSec = plan.tradesPerSec;
    this.buyBias = plan.buyBias;
    this.endAt = launchAt + plan.lifeMs + (plan.archetype === 'rug' ? plan.panicMs : 0);
  }

  /** True while the curve still trades. */
  get live(): boolean {
    return !this.migrated;
  }
}
