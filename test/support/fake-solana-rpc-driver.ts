import type { FetchFn } from '../../electron/core/live/solana-rpc.js';
import type { ManualClock } from '../../electron/core/time/clock.js';
import type { FakeSolanaRpc } from './fake-solana-rpc.js';

/**
 * A fetch that knows how many calls are open (body read included), so a test on a
 * ManualClock moves time only while nothing is on the wire except what the node holds on
 * purpose (a `hang`): a per-call timeout then never fires because the machine was slow.
 */
export function countingFetch(): { fetch: FetchFn; inFlight: () => number; total: () => number } {
  let open = 0;
  let total = 0;
  const wrapped: FetchFn = async (url, init) => {
    open += 1;
    total += 1;
    try {
      const response = await fetch(url, init);
      const body = await response.arrayBuffer();
      return new Response(response.status === 204 ? null : body, { status: response.status, headers: response.headers });
    } finally {
      open -= 1;
    }
  };
  return { fetch: wrapped, inFlight: () => open, total: () => total };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `work` to the end on a ManualClock: whenever every open RPC call is one the fake
 * node holds, and the code has had a few turns to start its next call or timer, the clock
 * moves by `stepMs`. Deterministic in fake time; bounded in real time and in steps.
 */
export async function driveUntilDone<T>(
  work: Promise<T>,
  env: { clock: ManualClock; server: FakeSolanaRpc; inFlight: () => number },
  options: { stepMs?: number; maxSteps?: number; realTimeoutMs?: number } = {},
): Promise<T> {
  const stepMs = options.stepMs ?? 100;
  const maxSteps = options.maxSteps ?? 20_000;
  const realDeadline = Date.now() + (options.realTimeoutMs ?? 15_000);
  let done = false;
  const settled = work.then(
    (value) => {
      done = true;
      return value;
    },
    (error: unknown) => {
      done = true;
      throw error;
    },
  );
  settled.catch(() => undefined);
  for (let steps = 0; !done; ) {
    if (Date.now() > realDeadline) throw new Error(`still running after ${steps} steps of ${stepMs} ms (fake) and ${options.realTimeoutMs ?? 15_000} ms (real)`);
    await turn();
    if (env.inFlight() > env.server.heldCount) continue;
    await turn();
    await turn();
    if (done || env.inFlight() > env.server.heldCount) continue;
    if (++steps > maxSteps) throw new Error(`still running after ${maxSteps} steps of ${stepMs} ms`);
    env.clock.advance(stepMs);
  }
  return settled;
}
