import type { Clock } from '../time/clock.js';

export interface MarketSimulatorOptions {
  seed: number;
  /** New launches per second (`--sim-rate`); launch k is at offset k / rate seconds. Default 1. */
  launchesPerSecond?: number;
  /** Wall time (ms) of offset 0. Default: the clock's now when the simulator is built. */
  startAt?: number;
  /** Drives `start(emit)`; the pull API never reads it except for the default startAt. */
  clock?: Clock;
  /** Multiplies every token's organic trade rate (not launches, whales or spikes). Default 1. */
  activity?: number;
  /** Share of launches on bonk.fun; the rest are pump.fun. Default 0.2. */
  bonkShare?: number;
  /** Whale wallets, fixed per seed. Default 6. */
  whaleCount?: number;
  /** Fixed SOL price used for USD figures. Default 150. */
  solUsd?: number;
  /** How often the simulated trending list is published. Default 10 000 ms. */
  trendingIntervalMs?: number;
  /** Entries per trending list. Default 10. */
  trendingTopN?: number;
  /** 5-minute volume a token needs to be listed as trending. Default 1 500 USD (10 SOL at 150). */
  trendingMinVolumeUsd?: number;
  /**
   * Every this many ms one whale buys into one of the hottest tokens of the moment, the
   * first round 10 s after the start (or after one interval, if shorter). Token plans alone
   * bring a whale to about one launch in twelve, late in its life, so a fresh market often
   * has none for a minute or more. Default 30 000 ms; 0 = no rounds.
   */
  whaleRoundIntervalMs?: number;
  /** Curves of dead tokens kept quotable (so open positions can still be sold). Default 20 000. */
  retiredCurveLimit?: number;
}

export type ResolvedSimOptions = Required<Omit<MarketSimulatorOptions, 'clock'>>;

export function resolveSimOptions(options: MarketSimulatorOptions, now: number): ResolvedSimOptions {
  const resolved: ResolvedSimOptions = {
    seed: options.seed >>> 0,
    launchesPerSecond: options.launchesPerSecond ?? 1,
    startAt: options.startAt ?? now,
    activity: options.activity ?? 1,
    bonkShare: options.bonkShare ?? 0.2,
    whaleCount: options.whaleCount ?? 6,
    solUsd: options.solUsd ?? 150,
    trendingIntervalMs: options.trendingIntervalMs ?? 10_000,
    trendingTopN: options.trendingTopN ?? 10,
    trendingMinVolumeUsd: options.trendingMinVolumeUsd ?? 1_500,
    whaleRoundIntervalMs: options.whaleRoundIntervalMs ?? 30_000,
    retiredCurveLimit: options.retiredCurveLimit ?? 20_000,
  };
  const r = resolved;
  check(Number.isInteger(options.seed), 'seed must be an integer');
  check(r.launchesPerSecond > 0 && r.launchesPerSecond <= 1_000, 'launchesPerSecond must be in (0, 1000]');
  check(Number.isInteger(r.startAt) && r.startAt >= 0, 'startAt must be a non-negative integer (ms)');
  check(r.activity >= 0 && r.activity <= 100, 'activity must be in [0, 100]');
  check(r.bonkShare >= 0 && r.bonkShare <= 1, 'bonkShare must be in [0, 1]');
  check(Number.isInteger(r.whaleCount) && r.whaleCount >= 0 && r.whaleCount <= 100, 'whaleCount must be 0..100');
  check(r.solUsd > 0, 'solUsd must be positive');
  check(r.trendingIntervalMs >= 1_000, 'trendingIntervalMs must be at least 1000');
  check(Number.isInteger(r.trendingTopN) && r.trendingTopN >= 0, 'trendingTopN must be a non-negative integer');
  check(r.trendingMinVolumeUsd >= 0, 'trendingMinVolumeUsd must be non-negative');
  check(r.whaleRoundIntervalMs === 0 || r.whaleRoundIntervalMs >= 1_000, 'whaleRoundIntervalMs must be 0 (off) or at least 1000');
  check(Number.isInteger(r.retiredCurveLimit) && r.retiredCurveLimit >= 0, 'retiredCurveLimit must be a non-negative integer');
  return resolved;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`market simulator: ${message}`);
}
