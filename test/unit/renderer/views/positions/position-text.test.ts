import { describe, expect, it } from 'vitest';
import {
  canSell,
  formatPrice,
  formatTokens,
  realizedPct,
  sellEstimate,
  sellStateText,
  unrealizedPct,
  visiblePositions,
} from '../../../../../renderer/src/views/positions/position-text.js';
import { formatPct, signed } from '../../../../../renderer/src/components/format.js';
import { position } from '../../fakes.js';

const now = 1_700_000_000_000;

describe('position text', () => {
  it('writes the sign out: plus, the minus sign, nothing for zero', () => {
    expect(signed('0.020', 0.02)).toBe('+0.020');
    expect(signed('-0.340', -0.34)).toBe('\u22120.340');
    expect(signed('0.000', 0)).toBe('0.000');
    expect(formatPct(12.345)).toBe('+12.3%');
    expect(formatPct(-3)).toBe('\u22123.0%');
    expect(formatPct(0.01)).toBe('0.0%');
    expect(formatPct(undefined)).toBe('');
  });

  it('measures unrealized P&L against the cost still held and realized against the cost sold', () => {
    // Half sold: 0.05 SOL of cost is held, 0.05 SOL was sold.
    const p = position(1, { tokensHeld: 500_000, unrealizedSol: 0.01, realizedSol: -0.02 }, now);
    expect(unrealizedPct(p)).toBeCloseTo(20);
    expect(realizedPct(p)).toBeCloseTo(-40);
    // Nothing sold yet: no realized percent; closed: realized against the whole cost.
    expect(realizedPct(position(2, {}, now))).toBeUndefined();
    expect(realizedPct(position(3, { status: 'closed', tokensHeld: 0, realizedSol: 0.05 }, now))).toBeCloseTo(50);
    // Without a price there is no unrealized P&L.
    expect(unrealizedPct(position(4, { unrealizedSol: undefined }, now))).toBeUndefined();
  });

  it('prints tiny prices without an exponent and token counts whole', () => {
    expect(formatPrice(2.8e-8)).toBe('0.000000028');
    expect(formatPrice(1.23456e-7)).toBe('0.0000001235');
    expect(formatPrice(undefined)).toBe('—');
    expect(formatTokens(1_234_567.89)).toBe('1,234,568');
    expect(formatTokens(12.5)).toBe('12.5');
  });

  it('says what the sell is doing, the retry with its attempt, countdown and last error', () => {
    const sell = { sellId: 's1', reason: 'stop-loss' as const, tokens: 1_000_000, attempt: 1 };
    expect(sellStateText(position(1, {}, now), now)).toBeNull();
    expect(sellStateText(position(1, { sell: { ...sell, status: 'in-flight' } }, now), now)).toBe('selling');
    expect(sellStateText(position(1, { sell: { ...sell, status: 'in-flight', attempt: 3, lastError: 'blockhash expired' } }, now), now)).toBe(
      'selling (attempt 3); last try: blockhash expired',
    );
    expect(sellStateText(position(1, { sell: { ...sell, status: 'unknown' } }, now), now)).toBe('unknown — reconciling');
    expect(
      sellStateText(position(1, { sell: { ...sell, status: 'retrying', attempt: 3, nextTryAt: now + 4_200, lastError: 'TooLittleSolReceived (6003)' } }, now), now),
    ).toBe('retrying (attempt 3, next try in 5s): TooLittleSolReceived (6003)');
    expect(sellStateText(position(1, { sell: { ...sell, status: 'retrying', attempt: 2, nextTryAt: now - 1 } }, now), now)).toBe('retrying (attempt 2, next try in 0s)');
  });

  it('offers a manual sell only on an open position with tokens and no sell in the air', () => {
    const sell = { sellId: 's1', reason: 'manual' as const, tokens: 1, attempt: 1 };
    expect(canSell(position(1, {}, now))).toBe(true);
    expect(canSell(position(1, { sell: { ...sell, status: 'retrying' } }, now))).toBe(true);
    expect(canSell(position(1, { sell: { ...sell, status: 'in-flight' } }, now))).toBe(false);
    expect(canSell(position(1, { sell: { ...sell, status: 'unknown' } }, now))).toBe(false);
    expect(canSell(position(1, { status: 'closed', tokensHeld: 0 }, now))).toBe(false);
  });

  it('estimates a sell at the last price, or says it cannot', () => {
    expect(sellEstimate(position(1, {}, now), 25)).toEqual({ tokens: 250_000, sol: 250_000 * 1.2e-7 });
    expect(sellEstimate(position(1, { lastPriceSol: undefined }, now), 100)).toEqual({ tokens: 1_000_000, sol: undefined });
  });

  it('lists open first and newest first; closed ones only when asked and only from the last 24 h', () => {
    const list = [
      position(1, { openedAt: now - 3_000 }, now),
      position(2, { openedAt: now - 1_000, status: 'closed', tokensHeld: 0, closedAt: now - 500 }, now),
      position(3, { openedAt: now - 2_000, symbol: 'WIF' }, now),
      position(4, { openedAt: now - 90_000_000, status: 'closed', tokensHeld: 0, closedAt: now - 86_500_000 }, now),
    ];
    expect(visiblePositions(list, { showClosed: false, search: '', now }).map((p) => p.id)).toEqual(['p3', 'p1']);
    expect(visiblePositions(list, { showClosed: true, search: '', now }).map((p) => p.id)).toEqual(['p3', 'p1', 'p2']);
    expect(visiblePositions(list, { showClosed: true, search: 'wif', now }).map((p) => p.id)).toEqual(['p3']);
  });
});
