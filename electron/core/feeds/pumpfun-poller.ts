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
  complete: z.boolean().optional().catch(undefined),
});

/**
 * Trending from pump.fun's own coin list (the frontend API its website uses; unofficial and
 * undocumented, so it is parsed leniently and polled conservatively).
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
      });
    }
  }
}
