import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { classifyPumpPortalFrame, noticeLevel } from '../../../../electron/core/feeds/pumpportal-frames.js';

const address = () => Keypair.generate().publicKey.toBase58();
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const USDT = 'Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB';
const WSOL = 'So11111111111111111111111111111111111111112';

/** A bonk.fun create as PumpPortal sends it: pool amounts, no virtual reserves, no bonding curve key. */
function bonkCreate(extra: Record<string, unknown> = {}) {
  return {
    signature: '4'.repeat(88),
    mint: address(),
    traderPublicKey: address(),
    txType: 'create',
    initialBuy: 34_019_512.64,
    solAmount: 0.99,
    newTokenBalance: 34_019_512.64,
    solInPool: 0.9801,
    tokensInPool: 1_039_006_092.96,
    marketCapSol: 29.82,
    name: 'Bonk Coin',
    symbol: 'BC',
    uri: 'https://ipfs.io/ipfs/QmBonk',
    pool: 'bonk',
    ...extra,
  };
}

/** What PumpPortal sends when it mis-parses a create: the pool's quote mint as the token, default figures, no metadata. */
function misparsedCreate(mint: string, pool: 'pump' | 'bonk') {
  const figures =
    pool === 'pump'
      ? { vTokensInBondingCurve: 1_073_000_000, vSolInBondingCurve: 30, marketCapSol: 27.96 }
      : { solInPool: 0, tokensInPool: 1_073_025_605.596382, marketCapSol: 27.96 };
  return { signature: '7'.repeat(88), mint, traderPublicKey: address(), txType: 'create', initialBuy: 0, solAmount: 0, ...figures, pool };
}

describe('classifyPumpPortalFrame', () => {
  it.each([
    ['USDC', USDC, 'pump'],
    ['USDT', USDT, 'bonk'],
    ['wSOL', WSOL, 'bonk'],
    ['USDC', USDC, 'bonk'],
  ] as const)('skips a mis-parsed create naming the %s quote mint (%s, pool %s)', (symbol, mint, pool) => {
    expect(classifyPumpPortalFrame(misparsedCreate(mint, pool), 5)).toEqual({
      kind: 'skipped',
      reason: `create naming the quote mint ${symbol}`,
    });
  });

  it('skips another launchpad\'s pool with the pool named', () => {
    expect(classifyPumpPortalFrame({ ...bonkCreate(), pool: 'moonshot' }, 5)).toEqual({
      kind: 'skipped',
      reason: 'pool moonshot is not pump.fun or bonk.fun',
    });
  });
});

describe('noticeLevel', () => {
  it.each([
    'Successfully subscribed to token creation events.',
    "Subscribed to 'migration' events.",
    'Unsubscribed from token trades.',
  ])('takes the ack %j as information', (text) => {
    expect(noticeLevel(text)).toBe('info');
  });

  it.each([
    'To subscribe to token trades and account trades you need a funded API key.',
    'Invalid message',
    'Rate limit exceeded',
  ])('takes %j as a refusal', (text) => {
    expect(noticeLevel(text)).toBe('error');
  });
});
