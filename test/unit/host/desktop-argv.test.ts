import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesktopFlags, runtimeSwitchPrefixes, splitRuntimeSwitches, userArgs } from '../../../electron/host/desktop-argv.js';
import { parseServeFlags, serveFlagOptions, UsageError } from '../../../electron/serve-flags.js';

const userData = '/home/trader/.config/launchdesk';
const dev = (...args: string[]) => ['/opt/electron/electron', '/src/launchdesk', ...args];
const packaged = (...args: string[]) => ['/opt/launchdesk/launchdesk', ...args];
const parse = (argv: string[], defaultApp = true) => parseDesktopFlags(argv, { defaultApp, userDataDir: userData, env: {} });

describe('userArgs', () => {
  it('drops the electron binary and the app path in development, the binary alone when packaged', () => {
    expect(userArgs(dev('--sim-seed', '3'), true)).toEqual(['--sim-seed', '3']);
    expect(userArgs(packaged('--sim-seed', '3'), false)).toEqual(['--sim-seed', '3']);
  });

  it('finds the app path behind the switches Playwright and Chromium put first', () => {
    const argv = ['/opt/electron/electron', '--inspect=0', '--remote-debugging-port=0', '--no-sandbox', '/src/launchdesk', '--data-dir', '/tmp/d'];
    expect(userArgs(argv, true)).toEqual(['--inspect=0', '--remote-debugging-port=0', '--no-sandbox', '--data-dir', '/tmp/d']);
  });
});

describe('runtime switch families', () => {
  it('never swallow one of our flags', () => {
    for (const flag of Object.keys(serveFlagOptions)) {
      expect(runtimeSwitchPrefixes.filter((prefix) => flag.startsWith(prefix)), flag).toEqual([]);
    }
  });
});

describe('splitRuntimeSwitches', () => {
  it('leaves Electron, Chromium and Node switches to them, and keeps ours in order', () => {
    const { ours, runtime } = splitRuntimeSwitches([
      '--no-sandbox',
      '--sim-seed',
      '7',
      '--inspect=0',
      '--remote-debugging-port=0',
      '--enable-logging',
      '--ozone-platform=wayland',
      '--data-dir=/tmp/x',
      '--disable-gpu',
      '-psn_0_123456',
      '--quiet',
    ]);
    expect(ours).toEqual(['--sim-seed', '7', '--data-dir=/tmp/x', '--quiet']);
    expect(runtime).toEqual(['no-sandbox', 'inspect', 'remote-debugging-port', 'enable-logging', 'ozone-platform', 'disable-gpu', '-psn_0_123456']);
  });

  it('takes the value of our flag even when it looks like a switch, and keeps unknown flags for the parser', () => {
    expect(splitRuntimeSwitches(['--record', '--enable-x', '--sim-sed', '3'])).toEqual({ ours: ['--record', '--enable-x', '--sim-sed', '3'], runtime: [] });
  });

  it('never takes one of our flags for a runtime switch family (--host is ours, --host-rules is not)', () => {
    expect(splitRuntimeSwitches(['--host', '127.0.0.1', '--host-resolver-rules=x']).ours).toEqual(['--host', '127.0.0.1', '--host-resolver-rules=x']);
  });
});

describe('parseDesktopFlags', () => {
  it('with no flags: the same run as serve, on the paper dir inside Electron userData', () => {
    const options = parse(dev());
    const serve = parseServeFlags(['--data-dir', path.join(userData, 'paper')], {});
    expect(options.run).toEqual(serve.run);
    expect(options.run.dataDir).toBe(path.join(userData, 'paper'));
    expect(options.quiet).toBe(false);
    expect(options.durationS).toBeUndefined();
  });

  it('live: the live dir inside Electron userData, never the paper one', () => {
    const options = parse(dev('--mode', 'live', '--rpc-url', 'http://127.0.0.1:8899', '--wallet', '/k.json', '--confirm-live', '4Nd1mBQt', '--feed', 'rpc'));
    expect(options.run.dataDir).toBe(path.join(userData, 'live'));
    expect(options.run.live).toMatchObject({ walletFile: '/k.json', confirm: '4Nd1mBQt' });
  });

  it('live without --wallet or --confirm-live: the desktop opens its stored wallet and asks the confirmation in a window', () => {
    const options = parse(dev('--mode', 'live', '--rpc-url', 'http://127.0.0.1:8899', '--feed', 'rpc'));
    expect(options.run.live).toEqual({ rpcUrl: 'http://127.0.0.1:8899/' });
    expect(() => parse(dev('--mode', 'live', '--rpc-url', 'http://127.0.0.1:8899', '--feed', 'rpc', '--wallet', ''))).toThrow(/add --wallet FILE/);
    expect(() => parse(dev('--mode', 'live'))).toThrow(/needs the RPC node it trades through/);
  });

  it('takes every serve flag, through the same parser', () => {
    const options = parse(
      packaged(
        '--data-dir', '/tmp/ld', '--sim-seed', '9', '--sim-rate', '2.5', '--modules', 'sniper,volume', '--fault-seed', '4',
        '--fail-rate', '0.1', '--unknown-rate=0.2', '--latency-ms', '10-20', '--duration', '30', '--quiet', '--no-sandbox',
      ),
      false,
    );
    expect(options.run).toMatchObject({
      dataDir: '/tmp/ld',
      feed: { kind: 'sim', seed: 9, launchesPerSecond: 2.5 },
      modules: ['sniper', 'volume'],
      paper: { faultSeed: 4, failRate: 0.1, unknownRate: 0.2, latencyMs: { min: 10, max: 20 } },
      mode: 'paper',
    });
    expect(options.durationS).toBe(30);
    expect(options.quiet).toBe(true);
    expect(options.runtimeSwitches).toEqual(['no-sandbox']);
  });

  it('refuses what serve refuses, with serve’s message', () => {
    expect(() => parse(dev('--mode', 'live'))).toThrow(/--mode live trades real SOL and needs the RPC node/);
    expect(() => parse(dev('--sim-seed', 'x'))).toThrow(/--sim-seed must be an integer/);
    expect(() => parse(dev('--sim-sed', '3'))).toThrow(UsageError);
    expect(() => parse(dev('--feed', 'pumpportal', '--sim-rate', '2'))).toThrow(/--sim-rate applies to --feed sim only/);
    expect(() => parse(dev('stray'))).toThrow(UsageError);
  });

  it('takes the command line the end-to-end tests launch the app with', () => {
    const argv = [
      '/opt/electron/electron', '--inspect=0', '--remote-debugging-port=0', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '/src/launchdesk', '--data-dir', '/tmp/e2e', '--sim-rate', '5',
    ];
    const options = parse(argv);
    expect(options.run).toMatchObject({ dataDir: '/tmp/e2e', feed: { kind: 'sim', launchesPerSecond: 5 } });
    expect(options.runtimeSwitches).toEqual([
      'inspect', 'remote-debugging-port', 'no-sandbox', 'disable-gpu', 'disable-background-networking', 'disable-component-update', 'disable-sync', 'no-first-run',
    ]);
  });

  it('refuses the headless host’s --host and --port, saying why', () => {
    expect(() => parse(dev('--port', '8080'))).toThrow(/--port applies to the headless console only/);
    expect(() => parse(dev('--host=0.0.0.0'))).toThrow(/--host applies to the headless console only/);
  });
});
