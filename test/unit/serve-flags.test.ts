import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeFlags, serveUsage, UsageError } from '../../electron/serve-flags.js';
import { tempDataDir } from '../support/engine-fixture.js';

const noEnv = {};
const parse = (argv: string[], env: Record<string, string> = noEnv) => parseServeFlags(argv, env);
const bad = (argv: string[], message: RegExp, env: Record<string, string> = noEnv) => {
  expect(() => parse(argv, env)).toThrow(UsageError);
  expect(() => parse(argv, env)).toThrow(message);
};

function tapeFile(): string {
  const file = path.join(tempDataDir('flags'), 'market.tape.jsonl');
  fs.writeFileSync(file, '{"tape":1,"feed":"sim","startedAt":0}\n');
  return file;
}

function notATape(): string {
  const file = path.join(tempDataDir('flags'), 'notes.txt');
  fs.writeFileSync(file, 'hello\n');
  return file;
}

describe('serve flags: defaults and the flags that were there before', () => {
  it('with no flags: the simulator, paper trading, loopback, any port, no trending, no recording', () => {
    const o = parse(['--data-dir', '/tmp/x']);
    expect(o.run.feed).toEqual({ kind: 'sim', seed: 1, launchesPerSecond: 1 });
    expect(o.run.trending).toEqual({ sources: [] });
    expect(o.run.record).toBeUndefined();
    expect(o.run.modules).toBeUndefined();
    expect(o).toMatchObject({ host: '127.0.0.1', port: 0, quiet: false });
    expect(o.durationS).toBeUndefined();
  });

  it('sim, paper and host flags', () => {
    const o = parse([
      '--data-dir', '/tmp/x', '--feed', 'sim', '--sim-seed', '7', '--sim-rate', '2.5', '--sim-start-at', '1700000000000',
      '--fault-seed', '3', '--fail-rate', '0.1', '--unknown-rate', '0.2', '--latency-ms', '5-10',
      '--modules', 'sniper,volume', '--duration', '4', '--host', '0.0.0.0', '--port', '8080', '--quiet',
    ]);
    expect(o.run.feed).toEqual({ kind: 'sim', seed: 7, launchesPerSecond: 2.5, startAt: 1_700_000_000_000 });
    expect(o.run.paper).toEqual({ faultSeed: 3, failRate: 0.1, unknownRate: 0.2, latencyMs: { min: 5, max: 10 } });
    expect(o.run.modules).toEqual(['sniper', 'volume']);
    expect(o).toMatchObject({ durationS: 4, host: '0.0.0.0', port: 8080, quiet: true });
  });

  it('an empty --modules switches every module off', () => {
    expect(parse(['--modules', '']).run.modules).toEqual([]);
  });

  it.each([
    [['--sim-seed=-1'], /--sim-seed must be/],
    [['--sim-seed', '1.5'], /--sim-seed must be/],
    [['--sim-rate', '0'], /--sim-rate must be/],
    [['--sim-start-at', 'soon'], /--sim-start-at must be/],
    [['--fail-rate', '2'], /--fail-rate must be/],
    [['--unknown-rate=-0.1'], /--unknown-rate must be/],
    [['--fail-rate', '0.6', '--unknown-rate', '0.6'], /must not exceed 1/],
    [['--latency-ms', '9-3'], /--latency-ms must be MIN-MAX/],
    [['--modules', 'sniper,moon'], /--modules: unknown module "moon"/],
    [['--port', '70000'], /--port must be/],
    [['--duration=-1'], /--duration must be/],
    [['--mode', 'real'], /--mode must be paper or live, got "real"/],
    [['--bogus'], /bogus/],
  ])('%j is refused', (argv, message) => bad(argv, message));
});

describe('serve flags: --feed', () => {
  it('pumpportal: the public socket by default, the key from PUMPPORTAL_API_KEY only', () => {
    expect(parse(['--feed', 'pumpportal']).run.feed).toEqual({ kind: 'pumpportal', url: 'wss://pumpportal.fun/api/data' });
    const withKey = parse(['--feed', 'pumpportal', '--pumpportal-url', 'ws://127.0.0.1:9/api/data'], { PUMPPORTAL_API_KEY: ' k3y ' });
    expect(withKey.run.feed).toEqual({ kind: 'pumpportal', url: 'ws://127.0.0.1:9/api/data', apiKey: 'k3y' });
    expect(parse(['--feed', 'pumpportal'], { PUMPPORTAL_API_KEY: '  ' }).run.feed).not.toHaveProperty('apiKey');
  });

  it('there is no flag for the API key, and the usage says where it comes from', () => {
    bad(['--feed', 'pumpportal', '--api-key', 'secret'], /api-key/);
    expect(serveUsage).toContain('PUMPPORTAL_API_KEY');
  });

  it('the key is only used by the pumpportal feed', () => {
    expect(parse(['--feed', 'sim'], { PUMPPORTAL_API_KEY: 'k' }).run.feed).toEqual({ kind: 'sim', seed: 1, launchesPerSecond: 1 });
  });

  it('rpc: URLs from flags, or from SOLANA_RPC_URL / SOLANA_WS_URL; flags win', () => {
    expect(parse(['--feed', 'rpc', '--rpc-url', 'http://127.0.0.1:8899']).run.feed).toEqual({ kind: 'rpc', rpcUrl: 'http://127.0.0.1:8899/' });
    const env = { SOLANA_RPC_URL: 'https://rpc.example/?api-key=x', SOLANA_WS_URL: 'wss://rpc.example/?api-key=x' };
    expect(parse(['--feed', 'rpc'], env).run.feed).toEqual({ kind: 'rpc', rpcUrl: env.SOLANA_RPC_URL, wsUrl: env.SOLANA_WS_URL });
    const flags = parse(['--feed', 'rpc', '--rpc-url', 'http://a.test', '--rpc-ws-url', 'ws://b.test'], env).run.feed;
    expect(flags).toEqual({ kind: 'rpc', rpcUrl: 'http://a.test/', wsUrl: 'ws://b.test/' });
  });

  it('tape: the file must exist; speed recorded by default, or fast', () => {
    const file = tapeFile();
    expect(parse(['--feed', `tape:${file}`]).run.feed).toEqual({ kind: 'tape', path: file, speed: 'recorded' });
    expect(parse(['--feed', `tape:${file}`, '--tape-speed', 'fast']).run.feed).toEqual({ kind: 'tape', path: file, speed: 'fast' });
  });

  it.each([
    [['--feed', 'moon'], /--feed moon is not known/],
    [['--feed', 'tape:'], /--feed tape:FILE needs a file/],
    [['--feed', 'tape:/no/such/file.jsonl'], /no such file/],
    [['--feed', `tape:${notATape()}`], /not a tape/],
    [['--feed', 'pumpportal', '--pumpportal-url', 'https://pumpportal.fun/api/data'], /--pumpportal-url must be a ws:\/\/ or wss:\/\/ URL/],
    [['--feed', 'pumpportal', '--pumpportal-url', 'not a url'], /--pumpportal-url must be a ws:\/\/ or wss:\/\/ URL/],
    [['--feed', 'rpc'], /--feed rpc needs an RPC endpoint/],
    [['--feed', 'rpc', '--rpc-url', 'ws://127.0.0.1:8900'], /--rpc-url must be a http:\/\/ or https:\/\/ URL/],
    [['--feed', 'rpc', '--rpc-url', 'http://a.test', '--rpc-ws-url', 'http://a.test'], /--rpc-ws-url must be a ws:\/\//],
    [['--tape-speed', 'fast'], /--tape-speed applies to --feed tape only/],
    [['--pumpportal-url', 'ws://a.test'], /--pumpportal-url applies to --feed pumpportal only/],
    [['--rpc-url', 'http://a.test'], /--rpc-url applies to --feed rpc only/],
    [['--rpc-ws-url', 'ws://a.test'], /--rpc-ws-url applies to --feed rpc only/],
    [['--feed', 'pumpportal', '--sim-seed', '3'], /--sim-seed applies to --feed sim only/],
    [['--feed', 'pumpportal', '--sim-rate', '3'], /--sim-rate applies to --feed sim only/],
    [['--feed', 'pumpportal', '--sim-start-at', '3'], /--sim-start-at applies to --feed sim only/],
  ])('%j is refused', (argv, message) => bad(argv, message));

  it('a bad URL from the environment names the variable, and never echoes the URL', () => {
    const env = { SOLANA_RPC_URL: 'wss://rpc.example/secret-key' };
    bad(['--feed', 'rpc'], /SOLANA_RPC_URL must be a http:\/\//, env);
    expect(() => parse(['--feed', 'rpc'], env)).not.toThrow(/secret-key/);
    bad(['--feed', 'rpc'], /SOLANA_WS_URL must be a ws:\/\//, { SOLANA_RPC_URL: 'http://a.test', SOLANA_WS_URL: 'ftp://x' });
  });

  it('a tape with a bad speed is refused', () => bad(['--feed', `tape:${tapeFile()}`, '--tape-speed', 'slow'], /--tape-speed must be recorded or fast/));
});

describe('serve flags: --record and --trending', () => {
  it('--record takes a file in an existing directory, as an absolute path', () => {
    const dir = tempDataDir('rec');
    expect(parse(['--record', path.join(dir, 'out.jsonl')]).run.record).toBe(path.join(dir, 'out.jsonl'));
  });

  it('--record refuses a missing directory, a directory, an empty name and the tape being replayed', () => {
    const dir = tempDataDir('rec');
    bad(['--record', path.join(dir, 'nope', 'out.jsonl')], /does not exist/);
    bad(['--record', dir], /is a directory/);
    bad(['--record', ''], /--record needs a file name/);
    const file = tapeFile();
    bad(['--feed', `tape:${file}`, '--record', file], /must not name the tape being replayed/);
  });

  it('--trending picks pollers, without duplicates; base URLs can be overridden', () => {
    expect(parse(['--trending', 'dexscreener,pumpfun,dexscreener']).run.trending).toEqual({ sources: ['dexscreener', 'pumpfun'] });
    const o = parse(['--trending', 'dexscreener,pumpfun', '--dexscreener-url', 'http://127.0.0.1:1', '--pumpfun-url', 'http://127.0.0.1:2']);
    expect(o.run.trending).toEqual({ sources: ['dexscreener', 'pumpfun'], dexscreenerUrl: 'http://127.0.0.1:1/', pumpfunUrl: 'http://127.0.0.1:2/' });
    expect(parse(['--trending', '']).run.trending).toEqual({ sources: [] });
  });

  it.each([
    [['--trending', 'birdeye'], /--trending: unknown trending source "birdeye"/],
    [['--dexscreener-url', 'http://a.test'], /--dexscreener-url needs --trending dexscreener/],
    [['--trending', 'dexscreener', '--pumpfun-url', 'http://a.test'], /--pumpfun-url needs --trending pumpfun/],
    [['--trending', 'dexscreener', '--dexscreener-url', 'ws://a.test'], /--dexscreener-url must be a http:\/\//],
    [['--trending', 'pumpfun', '--pumpfun-url', 'file:///etc/passwd'], /--pumpfun-url must be a http:\/\//],
  ])('%j is refused', (argv, message) => bad(argv, message));
});

describe('serve flags: --rebuild-from-audit', () => {
  it('is off unless given, takes no value, and is in the usage', () => {
    expect(parse(['--data-dir', '/tmp/x']).run.rebuildFromAudit).toBeUndefined();
    expect(parse(['--data-dir', '/tmp/x', '--rebuild-from-audit']).run.rebuildFromAudit).toBe(true);
    bad(['--rebuild-from-audit=yes'], /rebuild-from-audit/);
    expect(serveUsage).toMatch(/--rebuild-from-audit/);
  });
});

describe('serve flags: going live is explicit', () => {
  const pub = '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T';
  const live = ['--mode', 'live', '--rpc-url', 'http://127.0.0.1:8899', '--wallet', 'keys/trader.json', '--confirm-live', pub.slice(0, 8), '--feed', 'pumpportal'];

  it('paper is the default and needs nothing', () => {
    const o = parse([]);
    expect(o.run.mode).toBe('paper');
    expect(o.run.live).toBeUndefined();
    expect(o.run.dataDir).toMatch(/launchdesk[/\\]paper$/);
  });

  it('live: the RPC node, the wallet file (absolute) and the typed confirmation; its own data dir by default', () => {
    const o = parse(live);
    expect(o.run.mode).toBe('live');
    expect(o.run.live).toEqual({ rpcUrl: 'http://127.0.0.1:8899/', walletFile: path.resolve('keys/trader.json'), confirm: pub.slice(0, 8) });
    expect(o.run.dataDir).toMatch(/launchdesk[/\\]live$/);
    expect(o.run.feed).toEqual({ kind: 'pumpportal', url: 'wss://pumpportal.fun/api/data' });
  });

  it('live trades the real market, named on purpose: no feed named, the simulator, or a tape without --live-from-tape are refused', () => {
    const noFeed = live.slice(0, 8);
    const tape = tapeFile();
    bad(noFeed, /^--mode live trades real SOL and needs the feed of the real market named: add --feed pumpportal .* or --feed rpc/);
    bad([...noFeed, '--feed', 'sim'], /cannot trade the simulator's coins \(they do not exist on chain\)/);
    bad([...noFeed, '--feed', `tape:${tape}`], /would buy the recorded coins now, at today's prices: .* or add --live-from-tape if this is a test against a local node/);
    expect(parse([...noFeed, '--feed', `tape:${tape}`, '--live-from-tape']).run.feed).toMatchObject({ kind: 'tape', path: tape });
    expect(parse([...noFeed, '--feed', 'rpc']).run.feed).toMatchObject({ kind: 'rpc' });
    bad(['--live-from-tape'], /--live-from-tape applies to --mode live only/);
  });

  it('live takes the whole public key, a WebSocket URL, the RPC URL from SOLANA_RPC_URL, and shares the node with --feed rpc', () => {
    const o = parse(['--mode', 'live', '--wallet', 'k.json', '--confirm-live', pub, '--rpc-ws-url', 'ws://127.0.0.1:8900', '--feed', 'rpc'], {
      SOLANA_RPC_URL: 'http://127.0.0.1:8899/?api-key=x',
    });
    expect(o.run.live).toMatchObject({ rpcUrl: 'http://127.0.0.1:8899/?api-key=x', wsUrl: 'ws://127.0.0.1:8900/', confirm: pub });
    expect(o.run.feed).toEqual({ kind: 'rpc', rpcUrl: 'http://127.0.0.1:8899/?api-key=x', wsUrl: 'ws://127.0.0.1:8900/' });
  });

  it('the desktop context picks the live dir inside its own userData', () => {
    expect(parseServeFlags(live, {}, { dataDirFor: (mode) => `/u/${mode}` }).run.dataDir).toBe('/u/live');
    expect(parseServeFlags([...live, '--data-dir', '/elsewhere'], {}, { dataDirFor: (mode) => `/u/${mode}` }).run.dataDir).toBe('/elsewhere');
  });

  it('each missing piece is named with what to add, all at once', () => {
    bad(['--mode', 'live'], /needs the RPC node it trades through: add --rpc-url URL \(or set SOLANA_RPC_URL\); and the wallet that pays: add --wallet FILE .*; and your confirmation: add --confirm-live/);
    bad(['--mode', 'live', '--rpc-url', 'http://127.0.0.1:1', '--wallet', 'k.json'], /^--mode live trades real SOL and needs your confirmation: add --confirm-live followed by the wallet's public key or its first 8 characters/);
    bad(['--mode', 'live', '--rpc-url', 'http://127.0.0.1:1', '--confirm-live', pub], /needs the wallet that pays: add --wallet FILE/);
  });

  it('a confirmation that cannot be a public key or its first 8 characters is refused without echoing it', () => {
    const secretLike = 'x'.repeat(0) + '5'.repeat(88);
    for (const typed of ['yes', pub.slice(0, 7), pub.slice(0, 9), 'I0OlI0Ol', secretLike]) {
      expect(() => parse([...live.slice(0, 6), '--feed', 'rpc', '--confirm-live', typed])).toThrow(/--confirm-live must be the wallet's public key/);
      try {
        parse([...live.slice(0, 6), '--feed', 'rpc', '--confirm-live', typed]);
      } catch (error) {
        expect((error as Error).message).not.toContain(typed);
      }
    }
    expect(() => parse([...live.slice(0, 6), '--feed', 'rpc', '--confirm-live', secretLike])).toThrow(/if that was a secret key, it is now in your shell history/);
  });

  it('paper-only flags are refused live, live-only flags on paper', () => {
    bad([...live, '--fail-rate', '0.1'], /--fail-rate applies to --mode paper only/);
    bad([...live, '--rebuild-from-audit'], /--rebuild-from-audit applies to --mode paper only/);
    bad(['--wallet', 'k.json'], /--wallet applies to --mode live only/);
    bad(['--confirm-live', pub], /--confirm-live applies to --mode live only/);
  });

  it('a bad RPC URL is refused', () => bad([...live.slice(0, 2), '--rpc-url', 'ftp://x', ...live.slice(4)], /--rpc-url must be a http:\/\/ or https:\/\/ URL/));

  it('the usage tells how to go live', () => {
    expect(serveUsage).toMatch(/--mode M\s+paper \(default/);
    expect(serveUsage).toContain('--confirm-live KEY');
    expect(serveUsage).toContain('--wallet FILE');
  });
});
