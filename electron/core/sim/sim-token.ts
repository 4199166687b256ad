import type { FeedEvent } from '../../../shared/feed-events.js';
import type { Rng } from '../time/rng.js';
import { BondingCurve, pumpCurveParams, type CurveFill, type CurveParams } from './bonding-curve.js';
import { HolderBook } from './holder-book.js';
import { walletFromRng, type LaunchIdentity } from './launch-identity.js';
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

  /**
   * Fills a trade on the curve and writes what the market sees: the trade, and the
   * migration when this buy completes the curve. `amount` is SOL for a buy, tokens for a sell.
   */
  trade(at: number, wallet: string, side: 'buy' | 'sell', amount: number, out: FeedEvent[]): CurveFill | undefined {
    const c = this.curve;
    const priceBefore = c.priceSol();
    const fill = side === 'buy' ? c.buy(amount) : c.sell(amount);
    if (!fill) return undefined;
    this.window.record(at, fill.solAmount, priceBefore);
    const { mint, platform } = this.id;
    out.push({
      kind: 'trade',
      at,
      platform,
      mint,
      wallet,
      side,
      solAmount: fill.solAmount,
      tokenAmount: fill.tokens,
      marketCapSol: c.marketCapSol(),
      vSol: c.vSol,
      vTokens: c.vTokens,
    });
    if (fill.completes) {
      this.migrated = true;
      out.push({ kind: 'migration', at, mint, pool: walletFromRng(this.rng.fork('pool')) });
    }
    return fill;
  }

  /** True while the curve still trades. */
  get live(): boolean {
    return !this.migrated;
  }
}
