import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../electron/core/time/clock.js';
import { startWsHost, type WsHost, type WsHostOptions } from '../../../electron/host/ws-host.js';
import { fakeEngine, sampleAttempt, sampleStatus, testMint, type FakeEngine } from './fake-engine.js';
import { TestClient } from './ws-test-client.js';

const open: { host: WsHost; clients: TestClient[] }[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const { host, clients } of open.splice(0)) {
    for (const client of clients) client.ws.terminate();
    await host.close();
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setup(options: Partial<WsHostOptions> = {}, engine: FakeEngine = fakeEngine()) {
  const clock = new ManualClock();
  const host = await startWsHost({ engine: engine.port, clock, ...options });
  const entry = { host, clients: [] as TestClient[] };
  open.push(entry);
  const wsUrl = (token = host.token) => `ws://127.0.0.1:${host.port}/ws?token=${token}`;
  const client = async (origin?: string) => {
    const c = await TestClient.open(wsUrl(), origin);
    entry.clients.push(c);
    return c;
  };
  return { host, engine, clock, wsUrl, client };
}

/** A raw GET, so paths reach the server exactly as written (fetch would normalise them). */
function rawGet(port: number, urlPath: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: urlPath }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('startWsHost: access', () => {
  it('binds 127.0.0.1 with a random 32-byte hex token', async () => {
    const { host } = await setup();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.consoleUrl).toBe(`${host.url}#token=${host.token}`);
    const other = await setup();
    expect(other.host.token).not.toBe(host.token);
  });

  it('refuses a WebSocket without the right token (401)', async () => {
    const { host, wsUrl } = await setup();
    expect(await TestClient.connect(`ws://127.0.0.1:${host.port}/ws`)).toEqual({ rejected: 401 });
    expect(await TestClient.connect(wsUrl('0'.repeat(64)))).toEqual({ rejected: 401 });
    expect(await TestClient.connect(wsUrl(host.token.slice(0, 63)))).toEqual({ rejected: 401 });
  });

  it('refuses a foreign Origin (403), accepts its own and none', async () => {
    const { host, wsUrl, client } = await setup();
    expect(await TestClient.connect(wsUrl(), 'http://evil.example')).toEqual({ rejected: 403 });
    expect(await TestClient.connect(wsUrl(), `http://127.0.0.1:${host.port + 1}`)).toEqual({ rejected: 403 });
    expect(await TestClient.connect(wsUrl(), 'null')).toEqual({ rejected: 403 });
    await client(`http://127.0.0.1:${host.port}`);
    await client(`http://localhost:${host.port}`);
    await client();
  });

  it('accepts an explicitly allowed origin (reverse proxy)', async () => {
    const { client } = await setup({ allowedOrigins: ['https://desk.example.com'] });
    await client('https://desk.example.com');
  });

  it('refuses upgrades on other paths (404) and a short given token', async () => {
    const { host } = await setup();
    expect(await TestClient.connect(`ws://127.0.0.1:${host.port}/other?token=${host.token}`)).toEqual({ rejected: 404 });
    await expect(startWsHost({ engine: fakeEngine().port, token: 'short' })).rejects.toThrow(/16 characters/);
  });

  it('serves /status only with the token', async () => {
    const { host } = await setup();
    expect((await fetch(`${host.url}status`)).status).toBe(401);
    expect((await fetch(`${host.url}status?token=nope`)).status).toBe(401);
    const res = await fetch(`${host.url}status?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(sampleStatus());
    const bearer = await fetch(`${host.url}status`, { headers: { authorization: `Bearer ${host.token}` } });
    expect(bearer.status).toBe(200);
  });
});

describe('startWsHost: commands and events', () => {
  it('round-trips a command', async () => {
    const { client, engine } = await setup();
    const c = await client();
    expect(await c.call(1, 'killSwitch.set', { on: true })).toEqual({ id: 1, result: { ok: true, value: { ok: true } } });
    expect(await c.call('b', 'blocklist.add', { address: testMint })).toEqual({ id: 'b', result: { ok: true, value: { ok: true } } });
    expect(engine.calls.map((call) => call.name)).toEqual(['killSwitch.set', 'blocklist.add']);
  });

  it('answers hostile and malformed messages with errors and keeps serving', async () => {
    const { client, engine } = await setup();
    const c = await client();
    const badRequest = { ok: false, error: { code: 'bad-request', message: expect.any(String) } };
    c.send('{not json');
    expect(await c.next()).toEqual({ id: null, result: { ok: false, error: { code: 'bad-request', message: 'malformed JSON' } } });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next()).toEqual({ id: null, result: badRequest });
    for (const text of ['null', '[1,2]', '"x"', '{"name":"status.get"}', `{"id":{"x":1},"name":"status.get"}`, `{"id":"${'x'.repeat(200)}"}`]) {
      c.send(text);
      expect(await c.next()).toEqual({ id: null, result: badRequest });
    }
    expect(await c.call(2, '__proto__', {})).toMatchObject({ id: 2, result: { ok: false, error: { code: 'unknown-command' } } });
    c.send(`{"id":3,"name":"module.update","input":{"module":"sniper","patch":{"filters":{"__proto__":{"polluted":true}}}}}`);
    expect(await c.next()).toEqual({ id: 3, result: badRequest });
    expect(await c.call(4, 'module.update', { module: 'sniper', patch: { filters: { x: 'y'.repeat(500_000) } } })).toEqual({ id: 4, result: badRequest });
    expect(engine.calls).toEqual([]);
    expect(await c.call(5, 'status.get')).toMatchObject({ id: 5, result: { ok: true } });
  });

  it('closes a connection that sends more than the message limit (1009), and keeps serving others', async () => {
    const { client } = await setup({ maxMessageBytes: 64 * 1024 });
    const big = await client();
    big.send({ id: 1, name: 'status.get', input: { pad: 'x'.repeat(100 * 1024) } });
    expect((await big.closed).code).toBe(1009);
    const other = await client();
    expect(await other.call(1, 'status.get')).toMatchObject({ id: 1, result: { ok: true } });
  });

  it('handles at most maxPendingPerClient calls of one connection at once; the rest wait, none is lost', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const engine = fakeEngine({ 'killSwitch.set': async () => (await gate, { ok: true }) });
    const { client } = await setup({ maxPendingPerClient: 2 }, engine);
    const c = await client();
    for (const id of [1, 2, 3, 4]) c.send({ id, name: 'killSwitch.set', input: { on: true } });
    await vi.waitFor(() => expect(engine.calls).toHaveLength(2));
    await expect(c.next(200)).rejects.toThrow(/no message/);
    expect(engine.calls).toHaveLength(2);
    release();
    const replies = await Promise.all([1, 2, 3, 4].map(() => c.next()));
    expect(replies.map((m) => (m as { id: number }).id).sort()).toEqual([1, 2, 3, 4]);
    expect(engine.calls).toHaveLength(4);
  });

  it('pushes every event, numbered, in batches to every client', async () => {
    const { client, engine, clock } = await setup();
    const a = await client();
    const b = await client();
    for (let i = 0; i < 100; i++) engine.emit('attempt', sampleAttempt(`a${i}`));
    engine.emit('status', sampleStatus({ purchases: 1 }));
    engine.emit('status', sampleStatus({ purchases: 2 }));
    clock.advance(50);
    for (const c of [a, b]) {
      const message = (await c.next()) as { events: { seq: number; name: string }[] };
      expect(message.events.map((e) => e.seq)).toEqual(Array.from({ length: 102 }, (_, i) => i + 1));
      expect(message.events.at(-1)).toEqual({ seq: 102, name: 'status', payload: sampleStatus({ purchases: 2 }) });
      // The reply comes next on the same socket, so the batch above was the only push.
      expect(await c.call(9, 'status.get')).toMatchObject({ id: 9 });
    }
  });
});

describe('startWsHost: static files and shutdown', () => {
  it('serves a placeholder page with a CSP when no renderer is built', async () => {
    const { host } = await setup();
    const res = await rawGet(host.port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('launchdesk');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await rawGet(host.port, '/app.js')).status).toBe(404);
    expect((await rawGet(host.port, '/ws')).status).toBe(426);
  });

  it('serves files of the renderer directory and nothing outside it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'launchdesk-renderer-'));
    dirs.push(root);
    const rendererDir = path.join(root, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><p>real ui</p>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(rendererDir, '.env'), 'SECRET=1');
    await writeFile(path.join(root, 'secret.txt'), 'SECRET');
    const { host } = await setup({ rendererDir });
    expect((await rawGet(host.port, '/')).body).toContain('real ui');
    const js = await rawGet(host.port, '/assets/app.js');
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['content-security-policy']).toBeDefined();
    for (const evil of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/.env', '/%00', '/%E0%A4%A']) {
      const res = await rawGet(host.port, evil);
      expect(res.status, evil).toBe(404);
      expect(res.body).not.toContain('SECRET');
    }
    expect((await fetch(host.url, { method: 'POST' })).status).toBe(405);
  });

  it('close() closes clients, unsubscribes and frees the port', async () => {
    const { host, client, engine } = await setup();
    const c = await client();
    expect(engine.listenerCount()).toBe(1);
    open.splice(0);
    await host.close();
    expect((await c.closed).code).toBe(1001);
    expect(engine.listenerCount()).toBe(0);
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(host.port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  });
});
