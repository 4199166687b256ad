import type { Clock } from '../time/clock.js';

export type FetchFn = (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<Response>;

export type HttpResult =
  | { kind: 'ok'; body: unknown }
  | { kind: 'rate-limited'; retryAfterMs: number | undefined }
  | { kind: 'server-error'; status: number }
  | { kind: 'client-error'; status: number }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string }
  | { kind: 'bad-body'; message: string };

export interface GetJsonOptions {
  clock: Clock;
  fetch: FetchFn;
  timeoutMs: number;
  maxBodyBytes: number;
}

/** Retry-After is seconds or an HTTP date; anything else (or absurd) is ignored. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, 15 * 60_000);
}

/**
 * One GET with a hard timeout covering headers and body, on the injected clock. Never
 * throws: every way a request can go wrong is a result the poller counts and reacts to.
 */
export async function getJson(url: string, options: GetJsonOptions): Promise<HttpResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = options.clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await options.fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (response.status === 429) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'rate-limited', retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.clock.now()) };
    }
    if (response.status >= 500) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'server-error', status: response.status };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'client-error', status: response.status };
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > options.maxBodyBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'bad-body', message: `body of ${declared} bytes` };
    }
    const text = await response.text();
    if (text.length > options.maxBodyBytes) return { kind: 'bad-body', message: `body of ${text.length} bytes` };
    try {
      return { kind: 'ok', body: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'bad-body', message: 'malformed JSON' };
    }
  } catch (error) {
    if (timedOut) return { kind: 'timeout' };
    return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
  } finally {
    options.clock.clearTimeout(timer);
  }
}
