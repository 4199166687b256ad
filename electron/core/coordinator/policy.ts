import type { BlockReason } from '../../../shared/block-reasons.js';
import type { BuySignal, Override } from '../../../shared/domain.js';
import type { Settings } from '../../../shared/settings.js';
import type { SpendView } from '../ledger/ledger.js';
import { solToLamports } from '../ledger/spend-window.js';
import type { BalanceReading } from './wallet-balance.js';

export interface PolicyRequest {
  signal: BuySignal;
  override?: Override;
  /** Buys in flight in all instances on the data dir. */
  inFlightCount: number;
  /** The most this buy can cost, in lamports: live, amount × (1 + slippage) plus fees; paper, the amount. */
  maxCostLamports: bigint;
  /** Live only: the wallet's balance as last read, and how old a reading may be. Absent (paper): no reserve check. */
  wallet?: { reading: BalanceReading | undefined; now: number; maxAgeMs: number };
}

/** Money compared in lamports: in floating point 0.2 + 0.1 > 0.3 would refuse a buy that exactly fills a budget. */
const lamports = (sol: number) => BigInt(solToLamports(sol));
/** Lamports as SOL, exactly (a refusal one lamport under the reserve must not read "0.05 SOL, below 0.05 SOL"). */
function fmt(amount: bigint | number): string {
  const l = BigInt(amount);
  const sign = l < 0n ? '-' : '';
  const abs = l < 0n ? -l : l;
  const frac = (abs % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${sign}${abs / 1_000_000_000n}${frac ? `.${frac}` : ''} SOL`;
}

/**
 * The trader's rules, checked inside the ledger's claim transaction after the exactly-once
 * checks, so the settings, the spend and the buys in flight are those of every instance now.
 * A manual request (buy again, approve once) skips the module's own switches, filters and
 * approval — the trader is the approval — but never the kill switch, the blocklist or the
 * money limits.
 */
export function checkPolicy(settings: Settings, spend: SpendView, req: PolicyRequest): BlockReason | undefined {
  const { signal, override } = req;
  const byHand = signal.module === 'manual' || override !== undefined;
  if (settings.killSwitch) return { code: 'kill-switch' };
  const module = signal.module === 'manual' ? undefined : settings.modules[signal.module];
  if (!byHand && !module?.enabled) return { code: 'module-off' };
  const blocked = new Set(settings.blocklist);
  if (blocked.has(signal.mint) || (signal.creator && blocked.has(signal.creator))) return { code: 'blocklisted' };
  if (!byHand) {
    const failed = signal.filters.find((f) => !f.passed);
    if (failed) return { code: 'filter-failed', filter: failed.filter, detail: failed.detail };
    if (module?.requireApproval) return { code: 'approval-required' };
  }
  return checkLimits(settings, spend, req);
}

/** A cap of 0 is off; otherwise what is counted plus this buy's most must not pass it (exactly at the cap passes). */
const passes = (counted: number, cost: bigint, capSol: number) => capSol <= 0 || BigInt(counted) + cost <= lamports(capSol);

function checkLimits(settings: Settings, spend: SpendView, req: PolicyRequest): BlockReason | undefined {
  const { limits } = settings;
  const sol = req.signal.solAmount;
  const cost = req.maxCostLamports;
  if (cost > lamports(limits.maxSolPerBuy)) {
    const asked = cost === lamports(sol) ? `${fmt(cost)} asked` : `${fmt(cost)} at most (${fmt(lamports(sol))} asked, plus slippage and fees)`;
    return { code: 'limit-reached', limit: 'max-sol-per-buy', detail: `${asked}, at most ${fmt(lamports(limits.maxSolPerBuy))} per buy` };
  }
  if (req.inFlightCount >= limits.maxConcurrentBuys) {
    return { code: 'limit-reached', limit: 'max-concurrent-buys', detail: `${req.inFlightCount} buys already in flight` };
  }
  if (limits.maxOpenPositions > 0) {
    const open = spend.openPositions();
    if (open >= limits.maxOpenPositions) {
      return { code: 'limit-reached', limit: 'max-open-positions', detail: `${open} positions open or being bought, at most ${limits.maxOpenPositions}` };
    }
  }
  const requester = req.signal.module;
  const budget = requester === 'manual' ? 0 : (settings.modules[requester]?.dailyBudgetSol ?? 0);
  if (budget > 0) {
    const spent = spend.dayLamports(requester);
    if (!passes(spent, cost, budget)) {
      return { code: 'limit-reached', limit: 'module-daily-budget', detail: `${fmt(spent)} of ${fmt(lamports(budget))} spent in 24 h` };
    }
  }
  const cap = limits.dailySpendCapSol;
  if (cap > 0) {
    const spent = spend.dayLamports();
    if (!passes(spent, cost, cap)) return { code: 'limit-reached', limit: 'daily-spend-cap', detail: `${fmt(spent)} of ${fmt(lamports(cap))} spent in 24 h` };
  }
  const hourly = limits.maxSolPerHour;
  if (hourly > 0) {
    const spent = spend.hourLamports();
    if (!passes(spent, cost, hourly)) return { code: 'limit-reached', limit: 'max-sol-per-hour', detail: `${fmt(spent)} of ${fmt(lamports(hourly))} spent in the last hour` };
  }
  return req.wallet ? checkReserve(limits.solReserveSol, spend, cost, req.wallet) : undefined;
}

/**
 * The wallet never goes below the reserve: its balance as last read, less what was bought
 * since that read, less the most every open buy may still take, less this buy's most. A
 * balance never read, or read too long ago, refuses: a guess is not a reserve.
 */
function checkReserve(reserveSol: number, spend: SpendView, cost: bigint, wallet: NonNullable<PolicyRequest['wallet']>): BlockReason | undefined {
  const { reading } = wallet;
  if (!reading) return { code: 'balance-unknown', detail: 'it has not been read from the RPC node yet' };
  const age = wallet.now - reading.readAt;
  if (age > wallet.maxAgeMs) {
    return { code: 'balance-unknown', detail: `it was last read ${Math.round(age / 1_000)} s ago (at most ${Math.round(wallet.maxAgeMs / 1_000)} s is trusted)` };
  }
  const since = BigInt(spend.spentAfterPurchaseLamports(reading.purchasesUpTo));
  const open = BigInt(spend.reservedLamports());
  const left = reading.lamports - since - open - cost;
  const reserve = lamports(reserveSol);
  if (left >= reserve) return undefined;
  return {
    code: 'limit-reached',
    limit: 'sol-reserve',
    detail:
      `${fmt(reading.lamports)} in the wallet` +
      (since > 0n ? `, ${fmt(since)} bought since it was read` : '') +
      (open > 0n ? `, ${fmt(open)} held for open buys` : '') +
      ` and ${fmt(cost)} for this buy would leave ${fmt(left)}, below the ${fmt(reserve)} reserve`,
  };
}
