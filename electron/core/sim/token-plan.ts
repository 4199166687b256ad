import type { Rng } from '../time/rng.js';

/**
 * What kind of token a launch turns out to be, drawn once at launch from the token's own
 * stream. Shares are per launch; trade rates are per second of the token's life.
 */
export const archetypes = ['dud', 'steady', 'runner', 'rug'] as const;
export type Archetype = (typeof archetypes)[number];

interface ArchetypeProfile {
  share: number;
  lifeMs: [number, number];
  tradesPerSec: [number, number];
  buyBias: number;
  buySol: [number, number];
  creatorBuySol: [number, number];
  /** Chance that the creator launches without buying (rugs always buy: they need a bag). */
  noCreatorBuy: number;
  whaleChance: number;
  spikeChance: number;
}

const profiles: Record<Archetype, ArchetypeProfile> = {
  dud: { share: 0.55, lifeMs: [20_000, 60_000], tradesPerSec: [0.1, 0.3], buyBias: 0.45, buySol: [0.02, 0.5], creatorBuySol: [0.1, 1.5], noCreatorBuy: 0.35, whaleChance: 0.01, spikeChance: 0.02 },
  steady: { share: 0.27, lifeMs: [60_000, 180_000], tradesPerSec: [0.15, 0.4], buyBias: 0.55, buySol: [0.05, 1.5], creatorBuySol: [0.2, 2], noCreatorBuy: 0.25, whaleChance: 0.08, spikeChance: 0.06 },
  runner: { share: 0.1, lifeMs: [120_000, 300_000], tradesPerSec: [0.4, 1], buyBias: 0.75, buySol: [0.1, 4], creatorBuySol: [0.3, 3], noCreatorBuy: 0.2, whaleChance: 0.5, spikeChance: 0.3 },
  rug: { share: 0.08, lifeMs: [30_000, 90_000], tradesPerSec: [0.5, 1.2], buyBias: 0.85, buySol: [0.2, 2], creatorBuySol: [4, 10], noCreatorBuy: 0, whaleChance: 0.1, spikeChance: 0.05 },
};

export interface WhalePlan {
  whale: number;
  delayMs: number;
  sol: number;
  /** When the whale sells its whole bag, if it does. */
  exitDelayMs?: number;
}

export interface SpikePlan {
  delayMs: number;
  buys: number;
  windowMs: number;
}

export interface TokenPlan {
  archetype: Archetype;
  creatorBuySol: number;
  tradesPerSec: number;
  buyBias: number;
  buySol: [number, number];
  /** Organic trading stops this long after launch (for a rug: when the creator dumps). */
  lifeMs: number;
  whale?: WhalePlan;
  spike?: SpikePlan;
  /** How long the panic after a rug lasts. */
  panicMs: number;
}

export function drawTokenPlan(rng: Rng, activity: number, whaleCount: number): TokenPlan {
  const archetype = drawArchetype(rng);
  const p = profiles[archetype];
  const lifeMs = Math.round(rng.between(...p.lifeMs));
  const plan: TokenPlan = {
    archetype,
    creatorBuySol: rng.chance(p.noCreatorBuy) ? 0 : logUniform(rng, ...p.creatorBuySol),
    tradesPerSec: rng.between(...p.tradesPerSec) * activity,
    buyBias: p.buyBias,
    buySol: p.buySol,
    lifeMs,
    panicMs: Math.round(rng.between(10_000, 25_000)),
  };
  // Draw every overlay's numbers whether or not it happens, so the stream stays aligned.
  const whaleHappens = rng.chance(p.whaleChance);
  const whale: WhalePlan = {
    whale: rng.int(0, Math.max(1, whaleCount)),
    delayMs: Math.round(rng.between(0.05, 0.6) * lifeMs),
    sol: logUniform(rng, 3, 20),
  };
  const exits = rng.chance(0.6);
  const exitDelayMs = Math.round(rng.between(30_000, 150_000));
  if (exits) whale.exitDelayMs = exitDelayMs;
  if (whaleHappens && whaleCount > 0) plan.whale = whale;
  const spikeHappens = rng.chance(p.spikeChance);
  const spike: SpikePlan = {
    delayMs: Math.round(rng.between(0.1, 0.7) * lifeMs),
    buys: rng.int(20, 50),
    windowMs: Math.round(rng.between(3_000, 10_000)),
  };
  if (spikeHappens) plan.spike = spike;
  return plan;
}

function drawArchetype(rng: Rng): Archetype {
  let u = rng.next();
  for (const a of archetypes) {
    u -= profiles[a].share;
    if (u < 0) return a;
  }
  return 'dud';
}

/** Many small trades and a few large ones, as on a real launchpad. */
export function logUniform(rng: Rng, min: number, max: number): number {
  return Math.exp(rng.between(Math.log(min), Math.log(max)));
}

/** Waiting time of a Poisson process, in whole milliseconds (at least 1). */
export function expDelayMs(rng: Rng, perSecond: number): number {
  return Math.max(1, Math.round((-Math.log(1 - rng.next()) / perSecond) * 1000));
}
