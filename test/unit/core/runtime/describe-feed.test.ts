import { describe, expect, it } from 'vitest';
import { describeFeed, printableUrl } from '../../../../electron/core/runtime/describe-feed.js';

describe('describeFeed', () => {
  it('never prints what may be a key: path, query or user info of an endpoint', () => {
    expect(printableUrl('https://solana-mainnet.g.alchemy.com/v2/SECRET')).toBe('https://solana-mainnet.g.alchemy.com/…');
    expect(printableUrl('https://rpc.example/?api-key=SECRET')).toBe('https://rpc.example/…');
    expect(printableUrl('https://user:SECRET@rpc.example')).toBe('https://rpc.example/…');
    expect(printableUrl('http://127.0.0.1:8899')).toBe('http://127.0.0.1:8899');
    const line = describeFeed({ kind: 'rpc', rpcUrl: 'https://a.test/SECRET', wsUrl: 'wss://a.test/?k=SECRET' });
    expect(line).not.toContain('SECRET');
    expect(describeFeed({ kind: 'pumpportal', url: 'wss://pumpportal.fun/api/data', apiKey: 'SECRET' })).toBe('pumpportal (wss://pumpportal.fun/…, with API key)');
  });

  it('names each feed', () => {
    expect(describeFeed({ kind: 'sim', seed: 3, launchesPerSecond: 2 })).toBe('sim (seed 3, 2 launches/s)');
    expect(describeFeed({ kind: 'tape', path: '/t.jsonl', speed: 'fast' })).toBe('tape (/t.jsonl, fast)');
  });
});
