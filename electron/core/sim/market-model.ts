import type { FeedEvent } from '../../../shared/feed-events.js';
import { Rng } from '../time/rng.js';
import type { BondingCurve, CurveFill } from './bonding-curve.js';
import { EventQueue } from './event-queue.js';
import { launchIdentity, seededWallets, walletFromRng } from './launch-identity.js';
import type { ResolvedSimOptions } from './sim-options.js';
import { SimToken, tradeWindowMs } from './sim-token.js';
import { drawTokenPlan, expDelayMs, logUniform } from './token-plan.js';
import { rankTrending } from './trending-ranker.js';
import { planWhaleRound } from './whale-round.js';

type Action =
  | { type: 'launch'; k: number }
  | { type: 'organic'; token: SimToken }
  | { type: 'whale-buy'; token: SimToken }
  | { type: 'whale-exit'; token: SimToken }
  | { type: 'spike-buy'; token: SimToken; left: number }
  | { type: 'rug-dump'; token: SimToken }
  | { type: 'trending' }
  | { type: 'whale-round' }
  | { type: 'whale-round-exit'; token: SimToken; wallet: string; tokens: number }
  | { type: 'retire'; token: SimToken };

const traderPoolSize = 3_000;

/**
 * The simulated market as a discrete-event model: scheduled actions in time order, each of
 * which changes the market and writes the events it caused to `outbox` (all stamped with
 * the action's time). Actions run only when pulled, so curve state is never ahead of the
 * events handed out. Every token draws from streams forked from (seed, k): what one token
 * does never shifts another's draws.
 */
export class MarketModel {
  readonly outbox: FeedEvent[] = [];
  readonly whales: readonly string[];
  private readonly traders: readonly string[];
  private readonly queue = new EventQueue<Action>();
  private readonly root: Rng;
  /** Whale rounds draw in round order from a stream of their own. */
  private readonly roundRng: Rng;
  private readonly tokens = new Map<string, SimToken>();
  /** Curves of tokens that stopped trading, oldest first, so positions can still be sold. */
  private readonly retiredCurves = new Map<string, BondingCurve>();

  constructor(private readonly o: ResolvedSimOptions) {
    this.root = new Rng(o.seed);
    this.whales = seededWallets(o.seed, 'whales', o.whaleCount);
    this.traders = seededWallets(o.seed, 'traders', traderPoolSize);
    this.queue.push(this.launchAt(0), { type: 'launch', k: 0 });
    this.queue.push(o.startAt + o.trendingIntervalMs, { type: 'trending' });
    this.roundRng = this.root.fork('whale-rounds');
    if (o.whaleRoundIntervalMs > 0) this.queue.push(o.startAt + Math.min(10_000, o.whaleRoundIntervalMs), { type: 'whale-round' });
  }

  /** Wall time of launch k: a pure function of the start, the rate and k. */
  launchAt(k: number): number {
    return this.o.startAt + Math.floor((k * 1000) / this.o.launchesPerSecond);
  }

  nextActionAt(): number {
    return this.queue.peekAt();
  }

  /** The curve a paper trader fills against: live tokens, then recently dead ones. */
  curveOf(mint: string): BondingCurve | undefined {
    return this.tokens.get(mint)?.curve ?? this.retiredCurves.get(mint);
  }

  runNextAction(): void {
    const next = this.queue.pop();
    if (!next) return;
    const { at, item: action } = next;
    switch (action.type) {
      case 'launch':
        return this.launch(action.k, at);
      case 'organic':
        return this.organic(action.token, at);
      case 'whale-buy':
        return this.whaleBuy(action.token, at);
      case 'whale-exit':
        return this.whaleExit(action.token, at);
      case 'spike-buy':
        return this.spikeBuy(action.token, action.left, at);
      case 'rug-dump':
        return this.rugDump(action.token, at);
      case 'trending':
        return this.trending(at);
      case 'whale-round':
        return this.whaleRound(at);
      case 'whale-round-exit':
        return this.whaleRoundExit(action.token, at, action.wallet, action.tokens);
      case 'retire':
        return this.retire(action.token);
      default: {
        const unknown: never = action;
        throw new Error(`unknown simulator action ${JSON.stringify(unknown)}`);
      }
    }
  }

  private launch(k: number, at: number): void {
    this.queue.push(this.launchAt(k + 1), { type: 'launch', k: k + 1 });
    const id = launchIdentity(this.o.seed, k, this.o.bonkShare);
    const market = this.root.fork(`market/${k}`);
    const plan = drawTokenPlan(market.fork('plan'), this.o.activity, this.whales.length);
    const token = new SimToken(id, at, plan, market.fork('organic'), market.fork('spike'));
    this.tokens.set(id.mint, token);
    const creatorFill = plan.creatorBuySol > 0 ? token.curve.buy(plan.creatorBuySol) : undefined;
    token.creatorTokens = creatorFill?.tokens ?? 0;
    const c = token.curve;
    this.outbox.push({
      kind: 'launch',
      at,
      platform: id.platform,
      mint: id.mint,
      creator: id.creator,
      name: id.name,
      symbol: id.symbol,
      initialBuySol: creatorFill?.solAmount ?? 0,
      marketCapSol: c.marketCapSol(),
      vSol: c.vSol,
      vTokens: c.vTokens,
    });
    if (plan.tradesPerSec > 0) this.after(at, expDelayMs(token.rng, plan.tradesPerSec), { type: 'organic', token });
    else this.endOrganic(token, at);
    if (plan.whale) this.after(at, plan.whale.delayMs, { type: 'whale-buy', token });
    if (plan.spike) this.after(at, plan.spike.delayMs, { type: 'spike-buy', token, left: plan.spike.buys });
    if (plan.archetype === 'rug') this.after(at, plan.lifeMs, { type: 'rug-dump', token });
  }

  private organic(token: SimToken, at: number): void {
    if (token.retired || token.migrated) return;
    if (at >= token.endAt) return this.endOrganic(token, at);
    const rng = token.rng;
    const seller = token.holders.size > 0 && !rng.chance(token.buyBias) ? token.holders.pick(rng) : undefined;
    if (seller) {
      const held = token.holders.tokensOf(seller);
      const fraction = token.panicking || rng.chance(0.4) ? 1 : rng.between(0.2, 0.9);
      this.sell(token, at, seller, held * fraction, () => token.holders.remove(seller, held * fraction));
    } else {
      const returning = token.holders.size > 0 && rng.chance(0.15);
      const wallet = (returning && token.holders.pick(rng)) || this.traders[rng.int(0, this.traders.length)] || '';
      const fill = this.buy(token, at, wallet, logUniform(rng, ...token.plan.buySol));
      if (fill) token.holders.add(wallet, fill.tokens);
    }
    if (!token.migrated) this.after(at, expDelayMs(rng, token.tradesPerSec), { type: 'organic', token });
  }

  private whaleBuy(token: SimToken, at: number): void {
    const whale = token.plan.whale;
    if (!whale || token.retired || token.migrated) return;
    const fill = this.buy(token, at, this.whales[whale.whale] ?? '', whale.sol);
    if (!fill) return;
    token.whaleTokens += fill.tokens;
    if (whale.exitDelayMs !== undefined) this.after(at, whale.exitDelayMs, { type: 'whale-exit', token });
  }

  private whaleExit(token: SimToken, at: number): void {
    const whale = token.plan.whale;
    if (!whale || token.retired || token.migrated || token.whaleTokens <= 0) return;
    this.sell(token, at, this.whales[whale.whale] ?? '', token.whaleTokens, () => (token.whaleTokens = 0));
  }

  private spikeBuy(token: SimToken, left: number, at: number): void {
    const spike = token.plan.spike;
    if (!spike || left <= 0 || token.retired || token.migrated) return;
    // A fresh wallet per buy: a spike is many unique buyers, not one wallet repeating.
    const wallet = walletFromRng(token.spikeRng);
    const fill = this.buy(token, at, wallet, logUniform(token.spikeRng, 0.05, 0.6));
    if (fill) token.holders.add(wallet, fill.tokens);
    const gapPerSec = (spike.buys * 1000) / spike.windowMs;
    if (left > 1) this.after(at, expDelayMs(token.spikeRng, gapPerSec), { type: 'spike-buy', token, left: left - 1 });
  }

  private rugDump(token: SimToken, at: number): void {
    if (token.retired || token.migrated) return;
    if (token.creatorTokens > 0) {
      this.sell(token, at, token.id.creator, token.creatorTokens, () => (token.creatorTokens = 0));
    }
    // Holders notice and run for the exit.
    token.panicking = true;
    token.buyBias = 0.08;
    token.tradesPerSec = Math.max(token.tradesPerSec, 1.5 * this.o.activity);
  }

  private trending(at: number): void {
    this.after(at, this.o.trendingIntervalMs, { type: 'trending' });
    const rules = { topN: this.o.trendingTopN, minVolumeUsd: this.o.trendingMinVolumeUsd, solUsd: this.o.solUsd };
    for (const event of rankTrending(this.tokens.values(), at, rules)) this.outbox.push(event);
  }

  private whaleRound(at: number): void {
    this.after(at, this.o.whaleRoundIntervalMs, { type: 'whale-round' });
    const round = planWhaleRound(this.tokens.values(), at, this.whales.length, this.roundRng);
    if (!round) return;
    const wallet = this.whales[round.whale] ?? '';
    const fill = this.buy(round.token, at, wallet, round.sol);
    if (fill && round.exitDelayMs !== undefined) {
      this.after(at, round.exitDelayMs, { type: 'whale-round-exit', token: round.token, wallet, tokens: fill.tokens });
    }
  }

  private whaleRoundExit(token: SimToken, at: number, wallet: string, tokens: number): void {
    // A token that migrated or stopped trading keeps the bag: there is no curve to sell into.
    if (token.retired || token.migrated) return;
    this.sell(token, at, wallet, tokens, () => undefined);
  }

  private endOrganic(token: SimToken, at: number): void {
    if (token.ended) return;
    token.ended = true;
    // Stay listed until the last trades leave the 5-minute window and any whale has exited.
    const whaleExit = token.plan.whale?.exitDelayMs !== undefined ? token.launchAt + token.plan.whale.delayMs + token.plan.whale.exitDelayMs : at;
    this.queue.push(Math.max(at, whaleExit) + tradeWindowMs, { type: 'retire', token });
  }

  private retire(token: SimToken): void {
    if (token.retired) return;
    token.retired = true;
    this.tokens.delete(token.id.mint);
    if (token.migrated || this.o.retiredCurveLimit === 0) return;
    this.retiredCurves.set(token.id.mint, token.curve);
    if (this.retiredCurves.size > this.o.retiredCurveLimit) {
      const oldest = this.retiredCurves.keys().next().value;
      if (oldest !== undefined) this.retiredCurves.delete(oldest);
    }
  }

  private buy(token: SimToken, at: number, wallet: string, sol: number): CurveFill | undefined {
    const fill = token.trade(at, wallet, 'buy', sol, this.outbox);
    if (token.migrated) this.endOrganic(token, at);
    return fill;
  }

  private sell(token: SimToken, at: number, wallet: string, tokens: number, settle: () => void): void {
    if (token.trade(at, wallet, 'sell', tokens, this.outbox)) settle();
  }

  private after(at: number, delayMs: number, action: Action): void {
    this.queue.push(at + Math.max(0, Math.round(delayMs)), action);
  }
}
