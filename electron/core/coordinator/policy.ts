import type { BlockReason } from '../../../shared/block-reasons.js';
import type { BuySignal, Override } from '../../../shared/domain.js';
import type { Settings } from '../../../shared/settings.js';
import type { SpendView } from '../ledger/ledger.js';

export interface PolicyRequest {
  signal: BuySignal;
  override?: Override;
  /** Buys in flight in all instances on the data dir. */
  inFlightCount: number;
}

const fmt = (sol: number) => `${Number(sol.toFixed(4))} SOL`;
/** Money compared in lamports: in floating point 0.2 + 0.1 > 0.3 would refuse a buy that exactly fills a budget. */
const lamports = (sol: number) => Math.round(sol * 1e9);
const exceeds = (spent: number, sol: number, limit: number) => lamports(spent) + lamports(sol) > lamports(limit);

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

function checkLimits(settings: Settings, spend: SpendView, req: PolicyRequest): BlockReason | undefined {
  const { limits } = settings;
  const sol = req.signal.solAmount;
  if (lamports(sol) > lamports(limits.maxSolPerBuy)) {
    return { code: 'limit-reached', limit: 'max-sol-per-buy', detail: `${fmt(sol)} asked, at most ${fmt(limits.maxSolPerBuy)} per buy` };
  }
  if (req.inFlightCount >= limits.maxConcurrentBuys) {
    return { code: 'limit-reached', limit: 'max-concurrent-buys', detail: `${req.inFlightCount} buys already in flight` };
  }
  const requester = req.signal.module;
  const budget = requester === 'manual' ? 0 : (settings.modules[requester]?.dailyBudgetSol ?? 0);
  if (budget > 0) {
    const spent = spend.spentInDay(requester);
    if (exceeds(spent, sol, budget)) {
      return { code: 'limit-reached', limit: 'module-daily-budget', detail: `${fmt(spent)} of ${fmt(budget)} spent in 24 h` };
    }
  }
  const cap = limits.dailySpendCapSol;
  if (cap > 0) {
    const spent = spend.spentInDay();
    if (exceeds(spent, sol, cap)) return { code: 'limit-reached', limit: 'daily-spend-cap', detail: `${fmt(spent)} of ${fmt(cap)} spent in 24 h` };
  }
  return undefined;
}
