import { z } from 'zod';
import type { FeedEvent } from '../../../shared/feed-events.js';
import { isSolanaAddress } from '../../../shared/mint.js';
import { parseItems } from './parse-items.js';
import { HttpPoller, type HttpPollerOptions } from './http-poller.js';
import { PUMPFUN_FRONTEND_LIMIT, TokenBucket } from './rate-limiter.js';

export const PUMPFUN_FRONTEND_API_URL = 'https://frontend-api-v3.pump.fun';

export interface PumpFunPollerOptions extends HttpPollerOptions {
  baseUrl?: string;
  /** pump.fun's own sort keys: last_trade_timestamp (active now), market_cap, created_timestamp. */
  sort?: 'last_trade_timestamp' | 'market_cap' | 'created_timestamp';
  limit?: number;
  includeNsfw?: boolean;
}

const coinSchema = z.object({
  mint: z.string().max(64),
  symbol: z.string().max(200).optional().catch(undefined),
  usd_market_cap: z.number().finite().nonnegative().optional().catch(undefined),
  /** In SOL. */
  market_cap: z.number().finite().nonnegative().optional().catch(undefined),
  complete: z.boolean().optional().catch(undefined),
  /** The curve's reserves in lamports and raw token units (6 decimals); 0 once complete. */
  virtual_sol_reserves: z.number().finite().nonnegative().optional().catch(undefined),
  virtual_token_reserves: z.number().finite().nonnegative().optional().catch(undefined),
  total_supply: z.number().finite().positive().optional().catch(undefined),
});
type Coin = z.infer<typeof coinSchema>;

/**
 * What a paper buy of this coin would meet: on the curve, its reserves; once complete
 * (trading on PumpSwap, whose pool this list does not show), the spot price from the
 * market cap, filled without price impact.
 */
function coinPrice(coin: Coin): { priceSol?: number; vSol?: number; vTokens?: number } {
  const vSol = (coin.virtual_sol_reserves ?? 0) / 1e9;
  const vTokens = (coin.virtual_token_reserves ?? 0) / 1e6;
  if (coin.complete !== true && vSol > 0 && vTokens > 0) return { priceSol: vSol / vTokens, vSol, vTokens };
  const supply = (coin.total_supply ?? 1e15) / 1e6;
  if (coin.market_cap !== undefined && coin.market_cap > 0) return { priceSol: coin.market_cap / supply };
  return {};
}

/**
 * Trending from pump.fun's own coin list (the frontend API its website uses; unofficial and
 * undocumented, so it is parsed leniently and polled conservatively). Each coin carries its
 * curve's reserves, so a trending buy can be priced on paper.
 */
export class PumpFunPoller extends HttpPoller {
  readonly name = 'pump.fun';
  protected readonly service = 'pump.fun';
  private readonly bucket: TokenBucket;
  private readonly url: string;

  constructor(options: PumpFunPollerOptions) {
    super('pump.fun', options, 20_000);
    this.bucket = new TokenBucket(PUMPFUN_FRONTEND_LIMIT, options.clock);
    const url = new URL('/coins', options.baseUrl ?? PUMPFUN_FRONTEND_API_URL);
    url.searchParams.set('offset', '0');
    url.searchParams.set('limit', String(Math.min(Math.max(options.limit ?? 50, 1), 50)));
    url.searchParams.set('sort', options.sort ?? 'last_trade_timestamp');
    url.searchParams.set('order', 'DESC');
    url.searchParams.set('includeNsfw', String(options.includeNsfw ?? false));
    this.url = url.toString();
  }

  protected async cycle(emit: (event: FeedEvent) => void): Promise<void> {
    const body = await this.request(this.url, this.bucket);
    if (body === undefined) return;
    // Some deployments wrap the list as { coins: [...] }.
    const list = Array.isArray(body) ? body : (body as { coins?: unknown } | null)?.coins;
    const { items, bad } = parseItems(list, coinSchema);
    for (let i = 0; i < bad; i++) this.stats.drop('pump.fun: bad coin');
    let rank = 0;
    for (const coin of items) {
      rank++;
      if (!isSolanaAddress(coin.mint)) {
        this.stats.drop('pump.fun: coin with an invalid mint');
        continue;
      }
      this.stats.emitValidated(emit, {
        kind: 'trending',
        at: this.options.clock.now(),
        source: 'pump.fun',
        mint: coin.mint,
        platform: 'pump.fun',
        rank,
        symbol: coin.symbol?.slice(0, 64),
        marketCapUsd: coin.usd_market_cap,
        ...coinPrice(coin),
      });
    }
  }
}
