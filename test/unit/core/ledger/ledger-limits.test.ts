import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../../../electron/core/coordinator/policy.js';
import type { BalanceReading } from '../../../../electron/core/coordinator/wallet-balance.js';
import type { Intent } from '../../../../electron/core/ledger/intent.js';
import { Ledger, type ClaimPolicy } from '../../../../electron/core/ledger/ledger.js';
import { openLedgerDb } from '../../../../electron/core/ledger/open-ledger.js';
import { buySignalSchema } from '../../../../shared/domain.js';
import { defaultSettings, type Limits } from '../../../../shared/settings.js';
import { randomMint, signal, tempDataDir } from '../../../support/engine-fixture.js';

/**
 * The live limits as two instances see them: two Ledger objects (two connections) on one
 * file, each claim checked by the real policy inside the claim transaction.
 */
const noLimits: Limits = { maxSolPerBuy: 1_000, dailySpendCapSol: 0, maxConcurrentBuys: 100, maxSolPerHour: 0, maxOpenPositions: 0, solReserveSol: 0 };

function open(dataDir: string, instanceId: string, limits: Partial<Limits>): Ledger {
  return new Ledger(openLedgerDb(dataDir), { dataDir, instanceId, now: Date.now, initialRules: { killSwitch: false, limits: { ...noLimits, ...limits }, blocklist: [] } });
}

function intent(instanceId: string, solAmount: number, maxCostSol: number): Intent {
  const mint = randomMint();
  return { attemptId: `${instanceId}-${mint.slice(0, 8)}`, mint, symbol: 'T', platform: 'pump.fun', module: 'sniper', solAmount, maxCostSol, instanceId, at: Date.now(), status: 'in-flight' };
}

/** The coordinator's policy for this intent at its max cost, with an optional wallet reading. */
function policyFor(i: Intent, reading?: BalanceReading): ClaimPolicy {
  return (rules, spend, inFlightCount) => {
    const settings = { ...defaultSettings('live'), ...rules };
    settings.modules.sniper = { ...settings.modules.sniper, dailyBudgetSol: 0 };
    return checkPolicy(settings, spend, {
      signal: buySignalSchema.parse(signal(i.mint, 'sniper', { solAmount: i.solAmount })),
      inFlightCount,
      maxCostLamports: BigInt(Math.round(i.maxCostSol! * 1e9)),
      ...(reading ? { wallet: { reading, now: Date.now(), maxAgeMs: 60_000 } } : {}),
    });
  };
}

const claim = (ledger: Ledger, i: Intent, reading?: BalanceReading) => ledger.claim(i, undefined, policyFor(i, reading));

function bought(ledger: Ledger, i: Intent, solSpent: number): void {
  ledger.recordSuccess(i, { mint: i.mint, symbol: i.symbol, platform: i.platform, module: i.module, signature: `sig-${i.attemptId}`, solSpent, tokens: 1, at: Date.now(), instanceId: ledger.instanceId, attemptId: i.attemptId });
}

describe('live limits across two ledgers on one file', () => {
  it('an open intent reserves its max cost against the hourly cap: exactly at the cap passes, one lamport over is refused', () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a', { maxSolPerHour: 1 }), open(dataDir, 'i-b', { maxSolPerHour: 1 })];
    const first = intent('i-a', 0.5, 0.55);
    expect(claim(a, first)).toEqual({ ok: true });
    expect(b.allIntents()[0]?.maxCostSol).toBe(0.55);
    expect(claim(b, intent('i-b', 0.4, 0.45))).toEqual({ ok: true });
    expect(claim(a, intent('i-a', 1e-9, 1e-9))).toEqual({
      ok: false,
      reason: { code: 'limit-reached', limit: 'max-sol-per-hour', detail: '1 SOL of 1 SOL spent in the last hour' },
    });
    // Settled for less than its most: the spend counts, the reservation is gone.
    bought(a, first, 0.5);
    expect(claim(b, intent('i-b', 0.05, 0.05))).toEqual({ ok: true });
    expect(claim(b, intent('i-b', 1e-9, 1e-9))).toMatchObject({ ok: false, reason: { limit: 'max-sol-per-hour' } });
    a.close();
    b.close();
  });

  it('the daily cap counts the other instance\'s open intents at their max cost', () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a', { dailySpendCapSol: 0.3 }), open(dataDir, 'i-b', { dailySpendCapSol: 0.3 })];
    expect(claim(a, intent('i-a', 0.1, 0.2))).toEqual({ ok: true });
    expect(claim(b, intent('i-b', 0.1, 0.100000001))).toMatchObject({ ok: false, reason: { limit: 'daily-spend-cap' } });
    expect(claim(b, intent('i-b', 0.1, 0.1))).toEqual({ ok: true });
    a.close();
    b.close();
  });

  it('max open positions counts open positions and every open intent, of both instances', () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a', { maxOpenPositions: 2 }), open(dataDir, 'i-b', { maxOpenPositions: 2 })];
    const held = intent('i-a', 0.1, 0.1);
    expect(claim(a, held)).toEqual({ ok: true });
    // The purchase opens its position in the same transaction: the count never drops in between.
    bought(a, held, 0.1);
    const purchaseId = a.newestPurchaseId();
    expect(a.db.prepare("SELECT status FROM positions WHERE purchase_id = ?").pluck().get(purchaseId)).toBe('open');
    expect(claim(b, intent('i-b', 0.1, 0.1))).toEqual({ ok: true });
    expect(claim(a, intent('i-a', 0.1, 0.1))).toEqual({
      ok: false,
      reason: { code: 'limit-reached', limit: 'max-open-positions', detail: '2 positions open or being bought, at most 2' },
    });
    a.db.prepare("UPDATE positions SET status = 'closed' WHERE purchase_id = ?").run(purchaseId);
    expect(claim(a, intent('i-a', 0.1, 0.1))).toEqual({ ok: true });
    a.close();
    b.close();
  });

  it('the reserve takes off what the other instance bought after the balance was read, and its open intents', () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a', { solReserveSol: 0.1 }), open(dataDir, 'i-b', { solReserveSol: 0.1 })];
    // A reads the balance: 1 SOL, with no purchase yet.
    const reading: BalanceReading = { lamports: 1_000_000_000n, readAt: Date.now(), purchasesUpTo: a.newestPurchaseId() };
    const boughtByB = intent('i-b', 0.3, 0.33);
    expect(claim(b, boughtByB)).toEqual({ ok: true });
    bought(b, boughtByB, 0.3);
    expect(claim(b, intent('i-b', 0.2, 0.22))).toEqual({ ok: true });
    // 1 − 0.3 bought since the read − 0.22 open − 0.38 = 0.1: exactly the reserve.
    expect(claim(a, intent('i-a', 0.35, 0.38), reading)).toEqual({ ok: true });
    expect(claim(a, intent('i-a', 1e-9, 1e-9), reading)).toMatchObject({ ok: false, reason: { code: 'limit-reached', limit: 'sol-reserve' } });
    // A fresh read after B's purchase: that purchase is in the balance and not taken off twice.
    const fresh: BalanceReading = { lamports: 700_000_000n, readAt: Date.now(), purchasesUpTo: a.newestPurchaseId() };
    expect(claim(a, intent('i-a', 1e-9, 1e-9), fresh)).toMatchObject({ ok: false, reason: { limit: 'sol-reserve' } });
    const richer: BalanceReading = { ...fresh, lamports: 700_000_001n };
    expect(claim(a, intent('i-a', 1e-9, 1e-9), richer)).toEqual({ ok: true });
    a.close();
    b.close();
  });

  it('an intent written before max costs existed reserves its amount', () => {
    const dataDir = tempDataDir();
    const a = open(dataDir, 'i-a', { maxSolPerHour: 0.3 });
    const old = intent('i-a', 0.2, 0.2);
    expect(claim(a, old)).toEqual({ ok: true });
    a.db.prepare('UPDATE intents SET max_cost_sol = NULL').run();
    expect(a.allIntents()[0]?.maxCostSol).toBeUndefined();
    expect(claim(a, intent('i-a', 0.1, 0.1))).toEqual({ ok: true });
    expect(claim(a, intent('i-a', 1e-9, 1e-9))).toMatchObject({ ok: false, reason: { limit: 'max-sol-per-hour' } });
    a.close();
  });
});
