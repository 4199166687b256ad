import WebSocket from 'ws';
import { expect, test } from './fixtures.js';

/** What the host answers to a WebSocket upgrade: 'open', or the HTTP status it refused with. */
function upgradeAnswer(url: string, headers: Record<string, string> = {}): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? -1);
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

test.describe('the access token', () => {
  test('the socket and the status endpoint refuse a client without the token', async ({ hostKind, startServe }) => {
    test.skip(hostKind === 'electron', 'the desktop app has no socket: its window talks over IPC only');
    const host = await startServe(['--modules', '']);
    const ws = host.url.replace(/^http/, 'ws');

    expect(await upgradeAnswer(`${ws}ws`)).toBe(401);
    expect(await upgradeAnswer(`${ws}ws?token=`)).toBe(401);
    expect(await upgradeAnswer(`${ws}ws?token=${host.token.slice(0, -1)}`)).toBe(401);
    expect(await upgradeAnswer(`${ws}ws?token=${host.token}x`)).toBe(401);
    expect(await upgradeAnswer(`${ws}ws`, { Authorization: 'Bearer wrong-token-0123456789' })).toBe(401);
    // The right token from a page of another site is refused too.
    expect(await upgradeAnswer(`${ws}ws?token=${host.token}`, { Origin: 'http://evil.example' })).toBe(403);
    // The same socket with the token opens, so the refusals above are about the token.
    expect(await upgradeAnswer(`${ws}ws?token=${host.token}`)).toBe('open');
    expect(await upgradeAnswer(`${ws}ws`, { Authorization: `Bearer ${host.token}` })).toBe('open');

    const noToken = await fetch(`${host.url}status`);
    expect(noToken.status).toBe(401);
    expect(await noToken.text()).not.toContain(host.instanceId);
    const withToken = await fetch(`${host.url}status?token=${host.token}`);
    expect(withToken.status).toBe(200);
    expect(((await withToken.json()) as { instanceId: string }).instanceId).toBe(host.instanceId);
  });
});
