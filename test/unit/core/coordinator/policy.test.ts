import { describe, expect, it } from 'vitest';
import { checkPolicy, type PolicyRequest } from '../../../../electron/core/coordinator/policy.js';
import type { SpendView } from '../../../../electron/core/ledger/ledger.js';
import { buySignalSchema } from '../../../../shared/domain.js';
import { defaultSettings, type Limits, type Settings } from '../../../../shared/settings.js';
import { randomMint, signal } from '../../../support/engine-fixture.js';

const SOL = 1_000_000_000n;

/** Live defaults with every limit off but the one under test. */
function settingsWith(limits: Partial<Limits>): Settings {
  const s = defaultSettings('live');
  s.limits = { maxSolPerBuy: 1_000, dailySpendCapSol: 0, maxConcurrentBuys: 100, maxSolPerHour: 0, maxOpenPositions: 0, solReserveSol: 0, ...limits };
  s.modules.sniper = { ...s.modules.sniper, dailyBudgetSol: 0 };
  return s;
}

function spendOf(view: Partial<SpendView> = {}): SpendView {
  return { dayLamports: () => 0, hourLamports: () => 0, reservedLamports: () => 0, spentAfterPurchaseLamports: () => 0, openPositions: () => 0, ...view };
}

function request(maxCostLamports: bigint, extra: Partial<PolicyRequest> = {}): PolicyRequest {
  return { signal: buySignalSchema.parse(signal(randomMint(), 'sniper', { solAmount: 0.1 })), inFlightCount: 0, maxCostLamports, ...extra };
}

describe('policy: max SOL per buy, at the most the buy can cost', () => {
  it('a max cost exactly at the limit passes; one lamport over is refused, naming slippage and fees', () => {
    const settings = settingsWith({ maxSolPerBuy: 0.12 });
    expect(checkPolicy(settings, spendOf(), request(120_000_000n))).toBeUndefined();
    expect(checkPolicy(settings, spendOf(), request(120_000_001n))).toEqual({
      code: 'limit-reached',
      limit: 'max-sol-per-buy',
      detail: '0.120000001 SOL at most (0.1 SOL asked, plus slippage and fees), at most 0.12 SOL per buy',
    });
  });

  it('a 0.1 SOL buy at 10% slippage is refused under a 0.1 SOL limit: the amount alone fits, its most does not', () => {
    const settings = settingsWith({ maxSolPerBuy: 0.1 });
    expect(checkPolicy(settings, spendOf(), request(100_000_000n))).toBeUndefined();
    expect(checkPolicy(settings, spendOf(), request(110_005_000n))?.code).toBe('limit-reached');
  });
});

describe('policy: per hour and per day, open buys at their most', () => {
  it('the hourly cap: exactly reaching it passes, one lamport over is refused', () => {
    const settings = settingsWith({ maxSolPerHour: 2 });
    const spent = spendOf({ hourLamports: () => Number(2n * SOL - 110_000_000n) });
    expect(checkPolicy(settings, spent, request(110_000_000n))).toBeUndefined();
    expect(checkPolicy(settings, spent, request(110_000_001n))).toEqual({
      code: 'limit-reached',
      limit: 'max-sol-per-hour',
      detail: '1.89 SOL of 2 SOL spent in the last hour',
    });
  });

  it('0 switches the hourly cap off', () => {
    expect(checkPolicy(settingsWith({ maxSolPerHour: 0 }), spendOf({ hourLamports: () => 1e15 }), request(SOL))).toBeUndefined();
  });

  it('the daily cap counts the max cost of this buy: exactly at the cap passes, one lamport over is refused', () => {
    const settings = settingsWith({ dailySpendCapSol: 1 });
    const spent = spendOf({ dayLamports: () => 900_000_000 });
    expect(checkPolicy(settings, spent, request(100_000_000n))).toBeUndefined();
    expect(checkPolicy(settings, spent, request(100_000_001n))).toMatchObject({ code: 'limit-reached', limit: 'daily-spend-cap' });
  });
});

describe('policy: max open positions', () => {
  it('counts open positions and open buys; the last free slot passes, a full book is refused', () => {
    const settings = settingsWith({ maxOpenPositions: 3 });
    expect(checkPolicy(settings, spendOf({ openPositions: () => 2 }), request(SOL / 10n))).toBeUndefined();
    expect(checkPolicy(settings, spendOf({ openPositions: () => 3 }), request(SOL / 10n))).toEqual({
      code: 'limit-reached',
      limit: 'max-open-positions',
      detail: '3 positions open or being bought, at most 3',
    });
  });
});

describe('policy: the SOL reserve (live)', () => {
  const now = 1_000_000;
  const wallet = (lamports: bigint | undefined, readAt = now, purchasesUpTo = 7) => ({
    reading: lamports === undefined ? undefined : { lamports, readAt, purchasesUpTo },
    now,
    maxAgeMs: 30_000,
  });

  it('balance less bought-since-read, less open buys, less this buy exactly at the reserve passes; one lamport below is refused', () => {
    const settings = settingsWith({ solReserveSol: 0.05 });
    const spend = spendOf({ reservedLamports: () => 300_000_000, spentAfterPurchaseLamports: (after) => (after === 7 ? 100_000_000 : 0) });
    // 0.56 − 0.1 − 0.3 − 0.11 = 0.05
    expect(checkPolicy(settings, spend, request(110_000_000n, { wallet: wallet(560_000_000n) }))).toBeUndefined();
    expect(checkPolicy(settings, spend, request(110_000_000n, { wallet: wallet(559_999_999n) }))).toEqual({
      code: 'limit-reached',
      limit: 'sol-reserve',
      detail: '0.559999999 SOL in the wallet, 0.1 SOL bought since it was read, 0.3 SOL held for open buys and 0.11 SOL for this buy would leave 0.049999999 SOL, below the 0.05 SOL reserve',
    });
  });

  it('with no reserve the wallet must still cover the buy', () => {
    const settings = settingsWith({ solReserveSol: 0 });
    expect(checkPolicy(settings, spendOf(), request(SOL, { wallet: wallet(SOL) }))).toBeUndefined();
    expect(checkPolicy(settings, spendOf(), request(SOL + 1n, { wallet: wallet(SOL) }))).toEqual({
      code: 'limit-reached',
      limit: 'sol-reserve',
      detail: '1 SOL in the wallet and 1.000000001 SOL for this buy would leave -0.000000001 SOL, below the 0 SOL reserve',
    });
  });

  it('a balance never read, or older than trusted, refuses; exactly the oldest trusted age passes', () => {
    const settings = settingsWith({ solReserveSol: 0 });
    expect(checkPolicy(settings, spendOf(), request(1n, { wallet: wallet(undefined) }))).toEqual({
      code: 'balance-unknown',
      detail: 'it has not been read from the RPC node yet',
    });
    expect(checkPolicy(settings, spendOf(), request(1n, { wallet: wallet(SOL, now - 30_000) }))).toBeUndefined();
    expect(checkPolicy(settings, spendOf(), request(1n, { wallet: wallet(SOL, now - 30_001) }))).toEqual({
      code: 'balance-unknown',
      detail: 'it was last read 30 s ago (at most 30 s is trusted)',
    });
  });

  it('paper (no wallet) checks no reserve', () => {
    expect(checkPolicy(settingsWith({ solReserveSol: 5 }), spendOf(), request(SOL))).toBeUndefined();
  });

  it('the kill switch is checked before the balance: a stopped app never asks for it', () => {
    const settings = settingsWith({});
    settings.killSwitch = true;
    expect(checkPolicy(settings, spendOf(), request(1n, { wallet: wallet(undefined) }))).toEqual({ code: 'kill-switch' });
  });
});
