import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { classifyPumpPortalFrame, noticeLevel } from '../../../../electron/core/feeds/pumpportal-frames.js';
import { feedEventSchema } from '../../../../shared/feed-events.js';

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
  it('prices a bonk.fun create from LaunchLab curve (vSol = 30.00085 virtual + solInPool), not from the pool amounts', () => {
    const frame = classifyPumpPortalFrame(bonkCreate(), 5);
    expect(frame.kind).toBe('event');
    if (frame.kind !== 'event') return;
    const event = feedEventSchema.parse(frame.event);
    expect(event).toMatchObject({ kind: 'launch', platform: 'bonk.fun', initialBuySol: 0.99, marketCapSol: 29.82 });
    if (event.kind !== 'launch') return;
    expect(event.vSol).toBeCloseTo(30.000852951 + 0.9801, 9);
    expect((event.vSol! / event.vTokens!) * 1e9).toBeCloseTo(29.82, 1);
  });

  it('prices bonk.fun trades the same way', () => {
    const frame = classifyPumpPortalFrame(
      { ...bonkCreate(), txType: 'buy', tokenAmount: 1e6, solAmount: 0.03, solInPool: 1.01, tokensInPool: 1_038_000_000, marketCapSol: 29.88 },
      5,
    );
    expect(frame.kind).toBe('event');
    if (frame.kind !== 'event') return;
    expect(frame.event).toMatchObject({ kind: 'trade', platform: 'bonk.fun' });
    expect(frame.event.vSol as number).toBeCloseTo(30.000852951 + 1.01, 9);
  });

  it('keeps the virtual reserves pump.fun creates carry', () => {
    const frame = classifyPumpPortalFrame(
      { ...bonkCreate(), pool: 'pump', vSolInBondingCurve: 31, vTokensInBondingCurve: 1_038_387_096.77, solInPool: undefined },
      5,
    );
    expect(frame.kind === 'event' && frame.event).toMatchObject({ platform: 'pump.fun', vSol: 31, vTokens: 1_038_387_096.77 });
  });

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
