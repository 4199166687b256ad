import type { FeedEvent } from '../../../shared/feed-events.js';
import { isSolanaAddress } from '../../../shared/mint.js';
import type { Platform } from '../../../shared/domain.js';
import { boostSchema, pairSchema, type Pair } from './dexscreener-schemas.js';
import { parseItems } from './parse-items.js';
import { HttpPoller, type HttpPollerOptions } from './http-poller.js';
import { DEXSCREENER_BOOSTS_LIMIT, DEXSCREENER_PAIRS_LIMIT, TokenBucket } from './rate-limiter.js';

export const DEXSCREENER_API_URL = 'https://api.dexscreener.com';

export interface DexScreenerPollerOptions extends HttpPollerOptions {
  baseUrl?: string;
  /** Tokens looked up per cycle; the tokens endpoint takes at most 30 per request. */
  maxTokens?: number;
}

const TOKENS_PER_REQUEST = 30;

/**
 * Trending from DexScreener: Solana tokens on the top and latest boost lists, ranked by
 * position (top list first), then enriched with market cap, liquidity, 5-minute volume
 * and price change from the tokens endpoint.
 */
export class DexScreenerPoller extends HttpPoller {
  readonly name = 'dexscreener';
  protected readonly service = 'DexScreener';
  private readonly boosts: TokenBucket;
  private readonly pairs: TokenBucket;
  private readonly baseUrl: string;

  constructor(private readonly dexOptions: DexScreenerPollerOptions) {
    super('dexscreener', dexOptions, 30_000);
    this.boosts = new TokenBucket(DEXSCREENER_BOOSTS_LIMIT, dexOptions.clock);
    this.pairs = new TokenBucket(DEXSCREENER_PAIRS_LIMIT, dexOptions.clock);
    this.baseUrl = (dexOptions.baseUrl ?? DEXSCREENER_API_URL).replace(/\/+$/, '');
  }

  protected async cycle(emit: (event: FeedEvent) => void): Promise<void> {
    const mints: string[] = [];
    for (const path of ['/token-boosts/top/v1', '/token-boosts/latest/v1']) {
      const body = await this.request(`${this.baseUrl}${path}`, this.boosts);
      if (body === undefined) continue;
      const { items, bad } = parseItems(body, boostSchema);
      for (let i = 0; i < bad; i++) this.stats.drop(`dexscreener: bad item in ${path}`);
      for (const boost of items) {
        if (boost.chainId !== 'solana' || mints.includes(boost.tokenAddress)) continue;
        if (isSolanaAddress(boost.tokenAddress)) mints.push(boost.tokenAddress);
        else this.stats.drop('dexscreener: boost with an invalid Solana address');
      }
    }
    const wanted = mints.slice(0, this.dexOptions.maxTokens ?? TOKENS_PER_REQUEST);
    for (let start = 0; start < wanted.length; start += TOKENS_PER_REQUEST) {
      const chunk = wanted.slice(start, start + TOKENS_PER_REQUEST);
      const body = await this.request(`${this.baseUrl}/tokens/v1/solana/${chunk.join(',')}`, this.pairs);
      // Without market data a rank alone is not worth a trending signal this cycle.
      if (body === undefined) continue;
      const { items, bad } = parseItems(body, pairSchema);
      for (let i = 0; i < bad; i++) this.stats.drop('dexscreener: bad pair');
      chunk.forEach((mint, index) => this.emitToken(emit, mint, start + index + 1, deepestPair(items, mint)));
    }
  }

  private emitToken(emit: (event: FeedEvent) => void, mint: string, rank: number, pair: Pair | undefined): void {
    this.stats.emitValidated(emit, {
      kind: 'trending',
      at: this.options.clock.now(),
      source: 'dexscreener',
      mint,
      rank,
      platform: pair ? platformOfPair(pair, mint) : undefined,
      symbol: pair?.baseToken.symbol?.slice(0, 64),
      marketCapUsd: nonNegative(pair?.marketCap ?? pair?.fdv),
      liquidityUsd: nonNegative(pair?.liquidity?.usd),
      volume5mUsd: nonNegative(pair?.volume?.m5),
      priceChange5mPct: pair?.priceChange?.m5,
    });
  }
}

/** A token trades in several pools; the deepest one carries the representative numbers. */
function deepestPair(pairs: Pair[], mint: string): Pair | undefined {
  let best: Pair | undefined;
  for (const pair of pairs) {
    if (pair.chainId !== 'solana' || pair.baseToken.address !== mint) continue;
    if (!best || (pair.liquidity?.usd ?? 0) > (best.liquidity?.usd ?? 0)) best = pair;
  }
  return best;
}

/** DexScreener names the venue, not the launchpad; only unambiguous venues are mapped. */
function platformOfPair(pair: Pair, mint: string): Platform | undefined {
  switch (pair.dexId) {
    case 'pumpfun':
    case 'pumpswap':
      return 'pump.fun';
    case 'launchlab':
      return mint.endsWith('bonk') ? 'bonk.fun' : undefined;
    default:
      return undefined;
  }
}

function nonNegative(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 ? value : undefined;
}
