import { WebSocket } from 'ws';
import { dispatch } from '../../electron/host/dispatch.js';
import { startWsHost } from '../../electron/host/ws-host.js';
import { defaultSettings } from '../../shared/settings.js';
import { fakeEngine, sampleAttempt, sampleStatus } from '../unit/host/fake-engine.js';
import { report, summarize } from './bench-report.js';

const oneMiB = 1024 * 1024;

/**
 * A client that sends requests and never reads (its socket paused): how long until the host
 * cuts it off, how many requests it answered meanwhile, how much the process grew. Host and
 * client share this process, so the growth includes the client's own send buffer (<1 MB).
 */
async function floodFromNonReader(requests: number, attemptsPerReply: number): Promise<void> {
  const attempts = Array.from({ length: attemptsPerReply }, (_, i) => sampleAttempt(`attempt-${i}`));
  const engine = fakeEngine({ 'attempts.recent': () => attempts });
  let cutOffAt = 0;
  let why = '';
  const host = await startWsHost({
    engine: engine.port,
    logger: { info: () => {}, warn: (message) => ((why = message), (cutOffAt ||= /cut off/.test(message) ? performance.now() : 0)) },
  });
  const client = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  client.pause();
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, 5);
  const start = performance.now();
  for (let id = 0; id < requests; id++) client.send(JSON.stringify({ id, name: 'attempts.recent', input: { limit: attemptsPerReply } }));
  const deadline = Date.now() + 60_000;
  while (cutOffAt === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  clearInterval(sampler);
  report('ws-flood-non-reader', {
    requests,
    replyBytes: JSON.stringify({ id: 0, result: { ok: true, value: attempts } }).length,
    cutOff: cutOffAt > 0 ? why : 'not cut off within 60 s',
    cutOffAfterMs: cutOffAt > 0 ? Math.round(cutOffAt - start) : null,
    answered: engine.calls.length,
    rssGrowthMiB: Math.round(((rss - before.rss) / oneMiB) * 10) / 10,
    heapGrowthMiB: Math.round(((heap - before.heapUsed) / oneMiB) * 10) / 10,
    target: 'cut off; host growth under 64 MiB',
  });
  client.terminate();
  await host.close();
}

/** The event-loop time a console's snapshot costs the engine: dispatch incl. output validation. */
async function snapshotDispatch(samples: number): Promise<void> {
  const attempts = Array.from({ length: 5_000 }, (_, i) => sampleAttempt(`a${i}`));
  const snapshot = { seq: 1, status: sampleStatus(), settings: defaultSettings(), blocked: [], attempts };
  const engine = fakeEngine({ 'session.snapshot': () => snapshot });
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await dispatch(engine.port.handlers, 'session.snapshot', {});
    times.push(performance.now() - t);
  }
  report('session-snapshot-dispatch', { attempts: 5_000, ...summarize(times), note: 'output validated with the contract schema (zod)' });
}

export async function runHostBench(quick: boolean): Promise<void> {
  await floodFromNonReader(quick ? 2_000 : 10_000, 500);
  await snapshotDispatch(quick ? 10 : 50);
}
