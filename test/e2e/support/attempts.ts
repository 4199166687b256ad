import type { AttemptUpdate } from '../../../shared/domain.js';
import type { EngineClient, ReceivedEvent } from './engine-client.js';

/** Every attempt update among the pushed events, in arrival order. */
export function attemptUpdates(events: readonly ReceivedEvent[]): AttemptUpdate[] {
  return events.filter((e) => e.name === 'attempt').map((e) => e.payload as AttemptUpdate);
}

/** The attempts that ended (stage done), in arrival order. */
export function finishedAttempts(events: readonly ReceivedEvent[]): AttemptUpdate[] {
  return attemptUpdates(events).filter((a) => a.stage === 'done' && a.outcome !== undefined);
}

/** Waits for the first finished attempt matching `match`, counting from event `fromIndex`. */
export function waitForAttempt(
  api: EngineClient,
  what: string,
  match: (a: AttemptUpdate) => boolean,
  options: { fromIndex?: number; timeoutMs?: number } = {},
): Promise<AttemptUpdate> {
  return api.waitForEvents(what, (events) => finishedAttempts(events.slice(options.fromIndex ?? 0)).find(match), options.timeoutMs);
}

/** Waits until the engine has nothing in flight, e.g. after its modules were switched off. */
export async function waitUntilIdle(api: EngineClient, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await api.call('status.get', {});
    if (status.inFlight === 0) return;
    if (Date.now() > deadline) throw new Error(`still ${status.inFlight} buys in flight after ${timeoutMs} ms`);
    // A status event arrives when in-flight changes; waiting for one is the push, not a poll.
    const seen = api.events.length;
    await api.waitForEvents('a status change', (events) => events.length > seen && events.slice(seen).some((e) => e.name === 'status'), 2_000).catch(() => undefined);
  }
}

/** Switches every module off so the stream of attempts stops, and waits for what is in flight. */
export async function stopSignals(api: EngineClient): Promise<void> {
  for (const module of ['sniper', 'whale-copy', 'trending', 'volume'] as const) {
    await api.call('module.update', { module, patch: { enabled: false } });
  }
  await waitUntilIdle(api);
}
