import type { FeedEvent } from '../../../shared/feed-events.js';
import { isSolanaAddress } from '../../../shared/mint.js';
import type { Platform } from '../../../shared/domain.js';
import { boostSchema, pairSchema, type Pair } from './dexscreener-schemas.js';
import { pairPrice } from './dexscreener-price.js';
import { parseItems } from './parse-items.js';
import { HttpPoller, type HttpPollerOptions } from './http-poller.js';
import { DEXSCREENER_BOOSTS_LIMIT, DEXSCREENER_PAIRS_LIMIT, TokenBucket } from './rate-limiter.js';

export const DEXSCREENER_API_URL = 'https://api.dexscreener.com';

export interface DexScreenerPollerOptions extends HttpPollerOptions {
  baseUrl?: string;
  /** Boosted tokens looked up per cycle, in requests of 30 (the endpoint's limit). Default: all of them, up to 300. */
  maxTokens?: number;
}

const TOKENS_PER_REQUEST = 30;
/** The two boost lists hold a few dozen Solana tokens; this only bounds a service gone wrong. */
const MAX_TOKENS = 300;

/**
 * Trending from DexScreener: Solana tokens on the top and latest boost lists, ranked by
 * position (top list first), then enriched with market cap, liquidity, 5-minute volume,
 * price change and the SOL price from the tokens endpoint. Every boosted token is looked
 * up, 30 to a request: the newest boosts are at the end of the list and are the signal.
 * A token that is neither pump.fun nor bonk.fun (a Raydium pool, a graduated bonk token)
 * is counted as skipped, with the venue, rather than emitted.
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
    const seen = new Set<string>();
    for (const path of ['/token-boosts/top/v1', '/token-boosts/latest/v1']) {
      const body = await this.request(`${this.baseUrl}${path}`, this.boosts);
      if (body === undefined) continue;
      const { items, bad } = parseItems(body, boostSchema);
      for (let i = 0; i < bad; i++) this.stats.drop(`dexscreener: bad item in ${path}`);
      for (const boost of items) {
        if (boost.chainId !== 'solana' || seen.has(boost.tokenAddress)) continue;
        seen.add(boost.tokenAddress);
        if (isSolanaAddress(boost.tokenAddress)) mints.push(boost.tokenAddress);
        else this.stats.drop('dexscreener: boost with an invalid Solana address');
      }
    }
    const wanted = mints.slice(0, Math.min(this.dexOptions.maxTokens ?? MAX_TOKENS, MAX_TOKENS));
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
    const platform = platformOf(pair, mint);
    if (platform === undefined) {
      this.stats.skip(`not a pump.fun or bonk.fun token (${pair ? `${pair.dexId ?? 'unknown'} pool` : 'no Solana pair listed'})`);
      return;
    }
    const price = pairPrice(pair);
    this.stats.emitValidated(emit, {
      kind: 'trending',
      at: this.options.clock.now(),
      source: 'dexscreener',
      mint,
      rank,
      platform,
      symbol: pair?.baseToken.symbol?.slice(0, 64),
      marketCapUsd: nonNegative(pair?.marketCap ?? pair?.fdv),
      liquidityUsd: nonNegative(pair?.liquidity?.usd),
      volume5mUsd: nonNegative(pair?.volume?.m5),
      priceChange5mPct: pair?.priceChange?.m5,
      priceSol: price?.priceSol,
      vSol: price?.reserves?.vSol,
      vTokens: price?.reserves?.vTokens,
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

/**
 * DexScreener names the venue, not the launchpad; only unambiguous venues are mapped. A
 * "…pump" vanity mint is pump.fun's wherever it trades now; a bonk token on a Raydium pool
 * has graduated off LaunchLab and is no launchpad token any more.
 */
function platformOf(pair: Pair | undefined, mint: string): Platform | undefined {
  switch (pair?.dexId) {
    case 'pumpfun':
    case 'pumpswap':
      return 'pump.fun';
    case 'launchlab':
      // LaunchLab hosts other launchpads too; bonk.fun's mints carry its vanity suffix.
      return mint.endsWith('bonk') ? 'bonk.fun' : undefined;
    default:
      return mint.endsWith('pump') ? 'pump.fun' : undefined;
  }
}

function nonNegative(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 ? value : undefined;
}
