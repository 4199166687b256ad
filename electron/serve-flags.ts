import { parseArgs } from 'node:util';
import { defaultDataDir } from './core/runtime/default-data-dir.js';
import { defaultRunOptions, parseModuleList, type RunOptions } from './core/runtime/run-options.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ServeOptions {
  run: RunOptions;
  /** Stop cleanly after this many seconds; undefined runs until SIGINT/SIGTERM. */
  durationS?: number;
  host: string;
  port: number;
  quiet: boolean;
}

export const serveUsage = `usage: npm run serve -- [flags]
  --data-dir DIR       data directory (default: the per-user app data dir, <...>/launchdesk/paper)
  --feed sim           market feed (default sim: the seeded simulator)
  --sim-seed N         simulator seed; the same seed gives the same tokens at the same offsets (default 1)
  --sim-rate N         simulated launches per second (default 1)
  --sim-start-at MS    wall time (ms since 1970) of the simulator's offset 0, so instances started
                       at different moments see each launch at the same moment (default: now)
  --mode paper         trading mode (only paper trading is built)
  --fault-seed N       seed of the paper trader's injected faults (default 1)
  --fail-rate P        share of paper buys that fail, 0..1 (default 0.05)
  --unknown-rate P     share of paper buys whose outcome is unknown (timeout), 0..1 (default 0.02)
  --latency-ms A-B     paper buy latency range in ms (default 150-900)
  --modules LIST       comma-separated modules to switch on (sniper,whale-copy,trending,volume); saved to settings.json
  --duration S         stop cleanly after S seconds (default: run until Ctrl-C)
  --host H             interface to serve on (default 127.0.0.1)
  --port N             port of the console and JSON status (0 = any free port; default 0)
  --quiet              print only the start and stop lines`;

function number(name: string, text: string | undefined, check: (n: number) => boolean, rule: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${rule}, got "${text}"`);
  return n;
}

const isInt = (n: number) => Number.isInteger(n);
const isRate = (n: number) => n >= 0 && n <= 1;

export function parseServeFlags(argv: string[]): ServeOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        feed: { type: 'string' },
        'sim-seed': { type: 'string' },
        'sim-rate': { type: 'string' },
        'sim-start-at': { type: 'string' },
        mode: { type: 'string' },
        'fault-seed': { type: 'string' },
        'fail-rate': { type: 'string' },
        'unknown-rate': { type: 'string' },
        'latency-ms': { type: 'string' },
        modules: { type: 'string' },
        duration: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        quiet: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const mode = values.mode ?? 'paper';
  if (mode !== 'paper') throw new UsageError(`--mode ${mode} is not available: only paper trading is built so far`);
  const feed = values.feed ?? 'sim';
  if (feed !== 'sim') throw new UsageError(`--feed ${feed} is not known (feeds: sim)`);

  const run = defaultRunOptions(values['data-dir'] ?? defaultDataDir('paper'));
  run.feed.seed = number('sim-seed', values['sim-seed'], (n) => isInt(n) && n >= 0 && n < 2 ** 32, 'an integer 0..2^32-1') ?? run.feed.seed;
  run.feed.launchesPerSecond = number('sim-rate', values['sim-rate'], (n) => n > 0 && n <= 1_000, 'a number in (0, 1000]') ?? run.feed.launchesPerSecond;
  const startAt = number('sim-start-at', values['sim-start-at'], (n) => isInt(n) && n >= 0, 'a time in ms since 1970');
  if (startAt !== undefined) run.feed.startAt = startAt;
  run.paper.faultSeed = number('fault-seed', values['fault-seed'], isInt, 'an integer') ?? run.paper.faultSeed;
  run.paper.failRate = number('fail-rate', values['fail-rate'], isRate, 'a share between 0 and 1') ?? run.paper.failRate;
  run.paper.unknownRate = number('unknown-rate', values['unknown-rate'], isRate, 'a share between 0 and 1') ?? run.paper.unknownRate;
  if (run.paper.failRate + run.paper.unknownRate > 1) throw new UsageError('--fail-rate plus --unknown-rate must not exceed 1');
  if (values['latency-ms'] !== undefined) {
    const match = /^(\d+)-(\d+)$/.exec(values['latency-ms']);
    if (!match || Number(match[1]) > Number(match[2])) throw new UsageError(`--latency-ms must be MIN-MAX in ms, got "${values['latency-ms']}"`);
    run.paper.latencyMs = { min: Number(match[1]), max: Number(match[2]) };
  }
  if (values.modules !== undefined) {
    try {
      run.modules = parseModuleList(values.modules);
    } catch (error) {
      throw new UsageError(`--modules: ${(error as Error).message}`);
    }
  }
  const durationS = number('duration', values.duration, (n) => n >= 0, 'a number of seconds >= 0');
  const port = number('port', values.port, (n) => isInt(n) && n >= 0 && n <= 65_535, 'a port number 0..65535') ?? 0;
  return { run, host: values.host ?? '127.0.0.1', port, quiet: values.quiet ?? false, ...(durationS !== undefined ? { durationS } : {}) };
}
