import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './core/runtime/default-data-dir.js';
import { FeedFlagError, checkedUrl, parseFeedChoice, parseRecordPath, type FeedEnv } from './core/runtime/feed-flags.js';
import { defaultRunOptions, parseModuleList, parseTrendingList, type FeedKind, type LiveRunOptions, type RunOptions } from './core/runtime/run-options.js';
import type { TradingMode } from '../shared/settings.js';

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
  --data-dir DIR       data directory (default: the per-user app data dir, <...>/launchdesk/paper, or
                       <...>/launchdesk/live with --mode live: live and paper never share a data dir)
  --feed F             market feed: sim (default: the seeded simulator, no keys), pumpportal (PumpPortal's
                       data socket), rpc (pump.fun program logs from a Solana RPC node), tape:FILE (replay)
  --sim-seed N         simulator seed; the same seed gives the same tokens at the same offsets (default 1)
  --sim-rate N         simulated launches per second (default 1)
  --sim-start-at MS    wall time (ms since 1970) of the simulator's offset 0, so instances started
                       at different moments see each launch at the same moment (default: now)
  --tape-speed S       tape replay pace: recorded (default) or fast (as fast as the engine takes it)
  --record FILE        record the main feed's events to a tape file (JSONL) while running
  --pumpportal-url URL PumpPortal data socket (default wss://pumpportal.fun/api/data); the API key, needed
                       for token and wallet trades, is read from PUMPPORTAL_API_KEY only, never a flag
  --rpc-url URL        Solana RPC HTTP endpoint for --feed rpc and for --mode live (or env SOLANA_RPC_URL, which
                       keeps an API key in the URL out of ps and shell history)
  --rpc-ws-url URL     its WebSocket endpoint (or env SOLANA_WS_URL; default derived from the RPC URL)
  --trending LIST      HTTP trending pollers beside the main feed: dexscreener,pumpfun (default none)
  --dexscreener-url U  DexScreener API base URL (default https://api.dexscreener.com)
  --pumpfun-url U      pump.fun frontend API base URL (default https://frontend-api-v3.pump.fun)
  --mode M             paper (default: the paper trader, needs nothing) or live (real SOL: needs --rpc-url,
                       --wallet, --confirm-live and --feed pumpportal or rpc; see "Going live" in the README)
  --live-from-tape     live: allow --feed tape:FILE, which buys the recorded coins NOW at today's prices
                       (for trying a live setup against a local test node; never against mainnet)
  --wallet FILE        live: the wallet that pays, a solana-keygen JSON key file readable by you only (chmod 600)
  --confirm-live KEY   live: type the wallet's public key, or its first 8 characters, to confirm that this
                       wallet spends real SOL (solana-keygen pubkey FILE shows it)
  --fault-seed N       seed of the paper trader's injected faults (default 1)
  --fail-rate P        share of paper buys that fail, 0..1 (default 0.05)
  --unknown-rate P     share of paper buys whose outcome is unknown (timeout), 0..1 (default 0.02)
  --latency-ms A-B     paper buy latency range in ms (default 150-900)
  --paper-expiry-s S   how long a signed paper transaction can land, in s (default 60, as a Solana blockhash)
  --modules LIST       comma-separated modules to switch on (sniper,whale-copy,trending,volume); saved to settings.json
  --duration S         stop cleanly after S seconds (default: run until Ctrl-C)
  --host H             interface to serve on (default 127.0.0.1)
  --port N             port of the console and JSON status (0 = any free port; default 0)
  --quiet              print only the start and stop lines
  --rebuild-from-audit when ledger.sqlite is missing but the audit log shows purchases (a lost ledger, which
                       is refused), build it from the audit log and the paper chain, then start as usual`;

const realFeeds = "add --feed pumpportal (PumpPortal's data socket) or --feed rpc (pump.fun's program logs from the same node)";

/**
 * Live trading buys what the feed signals, with real SOL, so the feed must be the real
 * market, named on purpose: the simulator's coins do not exist on chain, and a tape replays
 * old launches that would be bought now, at today's prices.
 */
function checkLiveFeed(kind: FeedKind, fromTapeAllowed: boolean): void {
  if (kind === 'sim') throw new UsageError(`--mode live cannot trade the simulator's coins (they do not exist on chain): ${realFeeds}`);
  if (kind === 'tape' && !fromTapeAllowed) {
    throw new UsageError(
      `--mode live with a tape would buy the recorded coins now, at today's prices: ${realFeeds}, or add --live-from-tape if this is a test against a local node`,
    );
  }
}

function number(name: string, text: string | undefined, check: (n: number) => boolean, rule: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${rule}, got "${text}"`);
  return n;
}

const isInt = (n: number) => Number.isInteger(n);
const isRate = (n: number) => n >= 0 && n <= 1;

/** Runs `parse`, turning a feed flag problem into a usage error. */
function feedFlag<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FeedFlagError) throw new UsageError(error.message);
    throw error;
  }
}

/** Every flag `serve` takes; the desktop app takes the same ones (electron/host/desktop-argv.ts). */
export const serveFlagOptions = {
  'data-dir': { type: 'string' },
  feed: { type: 'string' },
  'tape-speed': { type: 'string' },
  record: { type: 'string' },
  'pumpportal-url': { type: 'string' },
  'rpc-url': { type: 'string' },
  'rpc-ws-url': { type: 'string' },
  trending: { type: 'string' },
  'dexscreener-url': { type: 'string' },
  'pumpfun-url': { type: 'string' },
  'sim-seed': { type: 'string' },
  'sim-rate': { type: 'string' },
  'sim-start-at': { type: 'string' },
  mode: { type: 'string' },
  'fault-seed': { type: 'string' },
  'fail-rate': { type: 'string' },
  'unknown-rate': { type: 'string' },
  'latency-ms': { type: 'string' },
  'paper-expiry-s': { type: 'string' },
  modules: { type: 'string' },
  duration: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  quiet: { type: 'boolean' },
  'rebuild-from-audit': { type: 'boolean' },
  wallet: { type: 'string' },
  'confirm-live': { type: 'string' },
  'live-from-tape': { type: 'boolean' },
} as const;

/** Flags that shape the paper trader: meaningless (and so refused) with real money. */
const paperOnlyFlags = ['fault-seed', 'fail-rate', 'unknown-rate', 'latency-ms', 'paper-expiry-s', 'rebuild-from-audit'] as const;
const liveOnlyFlags = ['wallet', 'confirm-live', 'live-from-tape'] as const;

export interface ServeFlagContext {
  /** The data dir of a mode when --data-dir is not given (the desktop app: inside Electron's userData). */
  dataDirFor?: (mode: TradingMode) => string;
  /**
   * The desktop app: --wallet and --confirm-live may be left out, because it opens its stored
   * wallet (or imports one) and asks the typed confirmation in a window of its own.
   */
  asksForWallet?: boolean;
}

export function parseServeFlags(argv: string[], env: FeedEnv = process.env, context: ServeFlagContext = {}): ServeOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: serveFlagOptions,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const mode = values.mode ?? 'paper';
  if (mode !== 'paper' && mode !== 'live') throw new UsageError(`--mode must be paper or live, got "${mode}"`);
  for (const flag of mode === 'live' ? paperOnlyFlags : liveOnlyFlags) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to --mode ${mode === 'live' ? 'paper' : 'live'} only`);
  }

  const run = defaultRunOptions(values['data-dir'] ?? (context.dataDirFor ?? defaultDataDir)(mode));
  run.mode = mode;
  // Live, --rpc-url is the trading endpoint whatever the feed; the rpc feed reads the same node.
  const feedTakesRpc = mode === 'paper' || values.feed === 'rpc';
  run.feed = feedFlag(() =>
    parseFeedChoice(
      {
        feed: values.feed,
        tapeSpeed: values['tape-speed'],
        pumpportalUrl: values['pumpportal-url'],
        ...(feedTakesRpc ? { rpcUrl: values['rpc-url'], rpcWsUrl: values['rpc-ws-url'] } : {}),
      },
      env,
    ),
  );
  if (mode === 'live') {
    run.live = parseLiveFlags(values, env, context.asksForWallet ?? false);
    checkLiveFeed(run.feed.kind, values['live-from-tape'] === true);
  }
  const sim = run.feed;
  if (sim.kind === 'sim') {
    sim.seed = number('sim-seed', values['sim-seed'], (n) => isInt(n) && n >= 0 && n < 2 ** 32, 'an integer 0..2^32-1') ?? sim.seed;
    sim.launchesPerSecond = number('sim-rate', values['sim-rate'], (n) => n > 0 && n <= 1_000, 'a number in (0, 1000]') ?? sim.launchesPerSecond;
    const startAt = number('sim-start-at', values['sim-start-at'], (n) => isInt(n) && n >= 0, 'a time in ms since 1970');
    if (startAt !== undefined) sim.startAt = startAt;
  } else {
    for (const flag of ['sim-seed', 'sim-rate', 'sim-start-at'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to --feed sim only`);
    }
  }
  if (values.record !== undefined) run.record = feedFlag(() => parseRecordPath(values.record as string, run.feed));
  run.trending = parseTrending(values.trending, values['dexscreener-url'], values['pumpfun-url']);
  run.paper.faultSeed = number('fault-seed', values['fault-seed'], isInt, 'an integer') ?? run.paper.faultSeed;
  run.paper.failRate = number('fail-rate', values['fail-rate'], isRate, 'a share between 0 and 1') ?? run.paper.failRate;
  run.paper.unknownRate = number('unknown-rate', values['unknown-rate'], isRate, 'a share between 0 and 1') ?? run.paper.unknownRate;
  const expiryS = number('paper-expiry-s', values['paper-expiry-s'], (n) => n > 0 && n <= 3_600, 'seconds between 0 and 3600');
  if (expiryS !== undefined) run.paper.validForMs = expiryS * 1_000;
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
  if (values['rebuild-from-audit']) run.rebuildFromAudit = true;
  const durationS = number('duration', values.duration, (n) => n >= 0, 'a number of seconds >= 0');
  const port = number('port', values.port, (n) => isInt(n) && n >= 0 && n <= 65_535, 'a port number 0..65535') ?? 0;
  return { run, host: values.host ?? '127.0.0.1', port, quiet: values.quiet ?? false, ...(durationS !== undefined ? { durationS } : {}) };
}

const base58 = /^[1-9A-HJ-NP-Za-km-z]+$/;

/**
 * What live trading needs, each missing piece named with what to add. The confirmation is
 * checked against the wallet once it is loaded (live-confirmation.ts); here only its shape.
 */
function parseLiveFlags(
  values: { feed?: string; 'rpc-url'?: string; 'rpc-ws-url'?: string; wallet?: string; 'confirm-live'?: string },
  env: FeedEnv,
  asksForWallet: boolean,
): LiveRunOptions {
  const rpcText = values['rpc-url'] ?? blankToUndefined(env.SOLANA_RPC_URL);
  const missing: string[] = [];
  if (rpcText === undefined) missing.push('the RPC node it trades through: add --rpc-url URL (or set SOLANA_RPC_URL)');
  const blank = (text: string | undefined) => text === undefined || text.trim() === '';
  if (blank(values.wallet) && (!asksForWallet || values.wallet !== undefined)) {
    missing.push('the wallet that pays: add --wallet FILE (a solana-keygen JSON key file, chmod 600)');
  }
  if (blank(values['confirm-live']) && (!asksForWallet || values['confirm-live'] !== undefined)) {
    missing.push("your confirmation: add --confirm-live followed by the wallet's public key or its first 8 characters (solana-keygen pubkey FILE shows it)");
  }
  if (values.feed === undefined) missing.push(`the feed of the real market named: ${realFeeds}`);
  if (missing.length > 0) throw new UsageError(`--mode live trades real SOL and needs ${missing.join('; and ')}`);
  const confirm = values['confirm-live']?.trim();
  // Never echoed: a secret key pasted here by mistake must not reach a log.
  if (confirm !== undefined && (!base58.test(confirm) || (confirm.length !== 8 && (confirm.length < 32 || confirm.length > 44)))) {
    throw new UsageError(
      `--confirm-live must be the wallet's public key (32 to 44 base58 characters) or its first 8 characters; what was given is ${confirm.length} characters` +
        (confirm.length > 44 ? ' — if that was a secret key, it is now in your shell history: move the funds to a new wallet' : ''),
    );
  }
  const rpcUrl = feedFlag(() => checkedUrl(values['rpc-url'] !== undefined ? '--rpc-url' : 'SOLANA_RPC_URL', rpcText!, 'http'));
  const wsText = values['rpc-ws-url'] ?? blankToUndefined(env.SOLANA_WS_URL);
  const wsUrl = wsText === undefined ? undefined : feedFlag(() => checkedUrl(values['rpc-ws-url'] !== undefined ? '--rpc-ws-url' : 'SOLANA_WS_URL', wsText, 'ws'));
  return {
    rpcUrl,
    ...(wsUrl ? { wsUrl } : {}),
    ...(values.wallet !== undefined ? { walletFile: path.resolve(values.wallet) } : {}),
    ...(confirm !== undefined ? { confirm } : {}),
  };
}

function blankToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function parseTrending(list: string | undefined, dexscreenerUrl: string | undefined, pumpfunUrl: string | undefined): RunOptions['trending'] {
  let sources: RunOptions['trending']['sources'] = [];
  if (list !== undefined) {
    try {
      sources = parseTrendingList(list);
    } catch (error) {
      throw new UsageError(`--trending: ${(error as Error).message}`);
    }
  }
  const trending: RunOptions['trending'] = { sources };
  if (dexscreenerUrl !== undefined) {
    if (!sources.includes('dexscreener')) throw new UsageError('--dexscreener-url needs --trending dexscreener');
    trending.dexscreenerUrl = feedFlag(() => checkedUrl('--dexscreener-url', dexscreenerUrl, 'http'));
  }
  if (pumpfunUrl !== undefined) {
    if (!sources.includes('pumpfun')) throw new UsageError('--pumpfun-url needs --trending pumpfun');
    trending.pumpfunUrl = feedFlag(() => checkedUrl('--pumpfun-url', pumpfunUrl, 'http'));
  }
  return trending;
}
