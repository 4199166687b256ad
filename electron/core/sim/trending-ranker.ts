import type { TrendingEvent } from '../../../shared/feed-events.js';
import type { SimToken } from './sim-token.js';

export interface TrendingRules {
  topN: number;
  minVolumeUsd: number;
  solUsd: number;
}

/**
 * The simulated trending list: tokens still on their curve ranked by 5-minute volume,
 * with the figures a DexScreener-style list shows. Ties go to the older launch so the
 * order never depends on anything but the market state.
 */
export function rankTrending(tokens: Iterable<SimToken>, now: number, rules: TrendingRules): TrendingEvent[] {
  const listed: { token: SimToken; volumeSol: number }[] = [];
  for (const token of tokens) {
    if (!token.live) continue;
    const volumeSol = token.window.volumeSol(now);
    if (volumeSol * rules.solUsd >= rules.minVolumeUsd && volumeSol > 0) listed.push({ token, volumeSol });
  }
  listed.sort((a, b) => b.volumeSol - a.volumeSol || a.token.id.k - b.token.id.k);
  return listed.slice(0, rules.topN).map(({ token, volumeSol }, i) => {
    const price = token.curve.priceSol();
    const opening = token.window.openingPrice(now) ?? price;
    return {
      kind: 'trending',
      at: now,
      source: 'sim',
      mint: token.id.mint,
      platform: token.id.platform,
      symbol: token.id.symbol,
      rank: i + 1,
      marketCapUsd: token.curve.marketCapSol() * rules.solUsd,
      // Both sides of the pool, as DexScreener reports liquidity.
      liquidityUsd: token.curve.realSol * 2 * rules.solUsd,
      volume5mUsd: volumeSol * rules.solUsd,
      priceChange5mPct: (price / opening - 1) * 100,
    };
  });
}
