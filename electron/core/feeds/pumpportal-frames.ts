import { z } from 'zod';
import type { Platform } from '../../../shared/domain.js';
import { bonkReserves } from './bonk-pool.js';
import { quoteMintSymbol } from './quote-mints.js';

/**
 * PumpPortal's data API frames (wss://pumpportal.fun/api/data). Field names are the ones
 * the service sends; every frame is untrusted, so each is parsed here and mapped into the
 * shared FeedEvent shape. No frame carries a sequence number, so nothing here can detect
 * a gap: a reconnect simply resubscribes.
 */
const finite = z.number().finite();
const text = z.string().max(10_000);

const commonTx = {
  signature: z.string().max(128).optional(),
  mint: z.string().max(64),
  pool: z.string().max(64).optional(),
};

const createFrame = z.object({
  ...commonTx,
  txType: z.literal('create'),
  traderPublicKey: z.string().max(64).optional(),
  initialBuy: finite.optional(),
  solAmount: finite.optional(),
  vTokensInBondingCurve: finite.optional(),
  vSolInBondingCurve: finite.optional(),
  marketCapSol: finite.optional(),
  // bonk.fun (LaunchLab) frames carry the pool's amounts instead of virtual reserves.
  solInPool: finite.optional(),
  tokensInPool: finite.optional(),
  newTokenBalance: finite.optional(),
  name: text.optional(),
  symbol: text.optional(),
  uri: text.optional(),
});

const tradeFrame = z.object({
  ...commonTx,
  txType: z.enum(['buy', 'sell']),
  traderPublicKey: z.string().max(64),
  solAmount: finite,
  tokenAmount: finite,
  marketCapSol: finite.optional(),
  vTokensInBondingCurve: finite.optional(),
  vSolInBondingCurve: finite.optional(),
  solInPool: finite.optional(),
  tokensInPool: finite.optional(),
});

const migrateFrame = z.object({ ...commonTx, txType: z.literal('migrate') });

const txFrame = z.discriminatedUnion('txType', [createFrame, tradeFrame, migrateFrame]);
const messageFrame = z.object({ message: z.string().max(2_000) });
const errorsFrame = z.object({ errors: z.union([z.string().max(2_000), z.array(z.unknown())]) });

export type PumpPortalFrame =
  | { kind: 'event'; event: Record<string, unknown> }
  /** A service notice: subscription confirmations and refusals. */
  | { kind: 'notice'; text: string }
  /** Well-formed, but not for us (another launchpad's pool, a quote mint named as a token): counted, not emitted. */
  | { kind: 'skipped'; reason: string }
  | { kind: 'bad'; reason: string };

/**
 * Frames without a `pool` predate bonk support, when PumpPortal carried pump.fun only.
 * AMM trades of a graduated pump.fun coin still belong to pump.fun for our modules.
 */
export function platformOfPool(pool: string | undefined): Platform | undefined {
  switch (pool) {
    case undefined:
    case 'pump':
    case 'pump-amm':
      return 'pump.fun';
    case 'bonk':
      return 'bonk.fun';
    default:
      return undefined;
  }
}

export function classifyPumpPortalFrame(frame: unknown, at: number): PumpPortalFrame {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
    return { kind: 'bad', reason: 'frame is not an object' };
  }
  if ('txType' in frame) return classifyTx(frame, at);
  const message = messageFrame.safeParse(frame);
  if (message.success) return { kind: 'notice', text: message.data.message };
  const errors = errorsFrame.safeParse(frame);
  if (errors.success) {
    const detail = typeof errors.data.errors === 'string' ? errors.data.errors : JSON.stringify(errors.data.errors);
    return { kind: 'notice', text: detail.slice(0, 2_000) };
  }
  return { kind: 'bad', reason: 'unknown frame shape' };
}

function classifyTx(frame: object, at: number): PumpPortalFrame {
  const parsed = txFrame.safeParse(frame);
  if (!parsed.success) return { kind: 'bad', reason: `bad ${String((frame as { txType?: unknown }).txType)} frame` };
  const tx = parsed.data;
  const signature = tx.signature;
  const quote = quoteMintSymbol(tx.mint);
  if (quote !== undefined) return { kind: 'skipped', reason: `${tx.txType} naming the quote mint ${quote}` };
  switch (tx.txType) {
    case 'migrate':
      return { kind: 'event', event: { kind: 'migration', at, mint: tx.mint, pool: tx.pool, signature } };
    case 'create': {
      const platform = platformOfPool(tx.pool);
      if (!platform) return { kind: 'skipped', reason: `pool ${tx.pool ?? '?'} is not pump.fun or bonk.fun` };
      const reserves = reservesOf(platform, tx);
      return {
        kind: 'event',
        event: {
          kind: 'launch',
          at,
          platform,
          mint: tx.mint,
          creator: tx.traderPublicKey,
          name: tx.name?.slice(0, 200),
          symbol: tx.symbol?.slice(0, 64),
          // A uri too long to be a real metadata link is dropped rather than truncated into a wrong link.
          uri: tx.uri !== undefined && tx.uri.length <= 500 ? tx.uri : undefined,
          initialBuySol: tx.solAmount,
          marketCapSol: tx.marketCapSol,
          vSol: reserves?.vSol,
          vTokens: reserves?.vTokens,
          signature,
        },
      };
    }
    case 'buy':
    case 'sell': {
      const platform = platformOfPool(tx.pool);
      if (!platform) return { kind: 'skipped', reason: `pool ${tx.pool ?? '?'} is not pump.fun or bonk.fun` };
      const reserves = reservesOf(platform, tx);
      return {
        kind: 'event',
        event: {
          kind: 'trade',
          at,
          platform,
          mint: tx.mint,
          wallet: tx.traderPublicKey,
          side: tx.txType,
          solAmount: tx.solAmount,
          tokenAmount: tx.tokenAmount,
          marketCapSol: tx.marketCapSol,
          vSol: reserves?.vSol,
          vTokens: reserves?.vTokens,
          signature,
        },
      };
    }
    default: {
      const never: never = tx;
      return never;
    }
  }
}

interface PoolFigures {
  vSolInBondingCurve?: number | undefined;
  vTokensInBondingCurve?: number | undefined;
  solInPool?: number | undefined;
  tokensInPool?: number | undefined;
  marketCapSol?: number | undefined;
}

/** pump.fun frames name the virtual reserves; bonk.fun frames name pool amounts the curve is rebuilt from. */
function reservesOf(platform: Platform, tx: PoolFigures): { vSol: number; vTokens: number } | undefined {
  if (tx.vSolInBondingCurve !== undefined && tx.vTokensInBondingCurve !== undefined) {
    return { vSol: tx.vSolInBondingCurve, vTokens: tx.vTokensInBondingCurve };
  }
  if (platform === 'bonk.fun') return bonkReserves(tx);
  return undefined;
}

/**
 * Confirmations ("Successfully subscribed to token creation events.", "Subscribed to
 * 'migration' events.") are information; anything else PumpPortal says in a `message`
 * frame is a refusal, e.g. trade streams without a funded key.
 */
export function noticeLevel(text: string): 'info' | 'error' {
  if (/success/i.test(text) || /^\s*(un)?subscribed (to|from)\b/i.test(text)) return 'info';
  return 'error';
}

export function needsApiKey(text: string): boolean {
  return /api[\s_-]*key|funded|fund your/i.test(text);
}
