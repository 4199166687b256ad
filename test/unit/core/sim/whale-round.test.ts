import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../../shared/feed-events.js';
import { launchIdentity } from '../../../../electron/core/sim/launch-identity.js';
import { SimToken } from '../../../../electron/core/sim/sim-token.js';
import { drawTokenPlan } from '../../../../electron/core/sim/token-plan.js';
import { planWhaleRound } from '../../../../electron/core/sim/whale-round.js';
import { Rng } from '../../../../electron/core/time/rng.js';

const T = 1_700_000_000_000;

function token(k: number, boughtSol: number[] = []): SimToken {
  const rng = new Rng(k + 1);
  const t = new SimToken(launchIdentity(7, k), T, drawTokenPlan(rng.fork('plan'), 1, 6), rng.fork('organic'), rng.fork('spike'));
  const out: FeedEvent[] = [];
  for (const sol of boughtSol) t.trade(T + 1_000, `wallet-${k}`, 'buy', sol, out);
  return t;
}

describe('planWhaleRound', () => {
  it('buys into one of the three busiest tokens, never a quieter one', () => {
    const tokens = [token(0, [1]), token(1, [5]), token(2, [2]), token(3, [4]), token(4, [3])];
    const picked = new Set<number>();
    for (let seed = 0; seed < 200; seed++) {
      const round = planWhaleRound(tokens, T + 2_000, 6, new Rng(seed))!;
      picked.add(round.token.id.k);
      expect(round.whale).toBeGreaterThanOrEqual(0);
      expect(round.whale).toBeLessThan(6);
      expect(round.sol).toBeGreaterThanOrEqual(3);
      expect(round.sol).toBeLessThanOrEqual(20);
    }
    expect([...picked].sort()).toEqual([1, 3, 4]);
  });

  it('takes the newest live launch when nothing has traded yet, and skips migrated and ended tokens', () => {
    const quiet = [token(0), token(1), token(2)];
    expect(planWhaleRound(quiet, T + 2_000, 6, new Rng(1))?.token.id.k).toBe(2);
    const migrated = token(3, [1]);
    migrated.migrated = true;
    const ended = token(4, [9]);
    ended.ended = true;
    expect(planWhaleRound([...quiet, migrated, ended], T + 2_000, 6, new Rng(1))?.token.id.k).toBe(2);
  });

  it('plans nothing without whales or live tokens, and draws the same numbers either way', () => {
    expect(planWhaleRound([token(0, [1])], T + 2_000, 0, new Rng(1))).toBeUndefined();
    expect(planWhaleRound([], T, 6, new Rng(1))).toBeUndefined();
    // Later rounds do not depend on whether this one found a token.
    const a = new Rng(5);
    const b = new Rng(5);
    planWhaleRound([], T, 6, a);
    planWhaleRound([token(0, [1])], T + 2_000, 6, b);
    expect(a.next()).toBe(b.next());
  });
});
