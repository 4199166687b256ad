import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startWsHost, type WsHost, type WsHostOptions } from '../../../electron/host/ws-host.js';
import { fakeEngine, sampleAttempt, type FakeEngine } from './fake-engine.js';

/**
 * Item 6 of the ledger issue: a client that sends requests and never reads must not grow
 * the host's memory. The client here is a plain ws client whose socket is paused, so
 * nothing it is sent is read; host and client share this process, so the figures below
 * include the client's own send buffer (10k small requests: well under 1 MB).
 * Replies must be large for the test to mean anything: on loopback the kernel buffers
 * several MB per socket (tcp_rmem up to 32 MB here), so 10k small replies (~4 MB) are all
 * written and cost the host nothing. The deterministic rules are in ws-connection.test.ts.
 */

const oneMiB = 1024 * 1024;
const hosts: WsHost[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const host of hosts.splice(0)) await host.close();
});

interface Flood {
  warnings: string[];
  engine: FakeEngine;
  peakGrowth: { rss: number; heap: number };
  client: WebSocket;
}

async function flood(requests: number, request: (id: number) => unknown, engine: FakeEngine, options: Partial<WsHostOptions> = {}): Promise<Flood> {
  const warnings: string[] = [];
  const host = await startWsHost({ engine: engine.port, logger: { info: () => {}, warn: (m) => warnings.push(m) }, ...options });
  hosts.push(host);
  const client = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
  sockets.push(client);
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  client.pause();
  const before = process.memoryUsage();
  const peak = { rss: before.rss, heap: before.heapUsed };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed);
  };
  const sampler = setInterval(sample, 5);
  try {
    for (let id = 0; id < requests; id++) client.send(JSON.stringify(request(id)));
    await vi.waitFor(() => expect(warnings.join('\n')).toMatch(/cut off/), { timeout: 20_000, interval: 20 });
  } finally {
    clearInterval(sampler);
    sample();
  }
  return { warnings, engine, client, peakGrowth: { rss: peak.rss - before.rss, heap: peak.heap - before.heapUsed } };
}

/** Once it reads again, the client learns it was cut off. */
async function closedAfterResume(client: WebSocket): Promise<number> {
  const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
  client.resume();
  return closed;
}

describe('startWsHost under a flood from a client that never reads', () => {
  it('10k heavy requests (500 attempts a reply): replies wait under the in-flight cap, the client is cut off, memory stays bounded', async () => {
    const attempts = Array.from({ length: 500 }, (_, i) => sampleAttempt(`attempt-${i}`));
    const engine = fakeEngine({ 'attempts.recent': () => attempts });
    const result = await flood(10_000, (id) => ({ id, name: 'attempts.recent', input: { limit: 500 } }), engine, { stallTimeoutMs: 1_000 });
    // Whichever bound it meets first: its replies stopped getting out, or too many bytes wait for it.
    expect(result.warnings.join('\n')).toMatch(/cut off a client that (stopped reading|does not read what it is sent)/);
    // Every reply is ~114 kB: answering all 10k would have queued ~1.1 GB.
    expect(engine.calls.length).toBeLessThan(1_000);
    expect(result.peakGrowth.rss).toBeLessThan(64 * oneMiB);
    expect(result.peakGrowth.heap).toBeLessThan(64 * oneMiB);
    expect(await closedAfterResume(result.client)).toBe(1006);
  });

});
