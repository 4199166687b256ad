import type { Rng } from '../time/rng.js';
import type { SimToken } from './sim-token.js';
import { logUniform } from './token-plan.js';

/** How many of the busiest tokens a round's whale chooses from. */
const roundCandidates = 3;

export interface WhaleRoundPlan {
  token: SimToken;
  whale: number;
  sol: number;
  /** When the whale sells what it bought, if it does. */
  exitDelayMs?: number;
}

/**
 * One whale round: a whale buys into one of the busiest tokens on their curves (by 5-minute
 * volume; the newest launch when nothing has traded yet). Whales chase momentum, so this is
 * where they show up in a market that has only just started. Draws the same numbers whether
 * or not a token is found, so later rounds do not depend on this one's market.
 */
export function planWhaleRound(tokens: Iterable<SimToken>, now: number, whaleCount: number, rng: Rng): WhaleRoundPlan | undefined {
  const pick = rng.next();
  const whale = rng.int(0, Math.max(1, whaleCount));
  const sol = logUniform(rng, 3, 20);
  const exits = rng.chance(0.6);
  const exitDelayMs = Math.round(rng.between(30_000, 150_000));

  const busiest: { token: SimToken; volume: number }[] = [];
  let newest: SimToken | undefined;
  for (const token of tokens) {
    if (!token.live || token.ended) continue;
    newest = token;
    const volume = token.window.volumeSol(now);
    if (volume <= 0) continue;
    busiest.push({ token, volume });
    // Keep only the top few; ties go to the older launch, as in the trending list.
    busiest.sort((a, b) => b.volume - a.volume || a.token.id.k - b.token.id.k);
    if (busiest.length > roundCandidates) busiest.pop();
  }
  const token = busiest.length > 0 ? busiest[Math.floor(pick * busiest.length)]?.token : newest;
  if (!token || whaleCount === 0) return undefined;
  return { token, whale, sol, ...(exits ? { exitDelayMs } : {}) };
}
