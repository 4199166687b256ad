import path from 'node:path';
import type { FeedEnv } from '../core/runtime/feed-flags.js';
import type { RunOptions } from '../core/runtime/run-options.js';
import { parseServeFlags, serveFlagOptions, serveUsage, UsageError } from '../serve-flags.js';

/**
 * The desktop app's command line: the very flags of `serve` (one parser, serve-flags.ts),
 * minus what only a headless host can do, after taking out what belongs to Electron,
 * Chromium and Node. Those switches are already consumed by the runtime; they must not
 * reach our strict parser, and our flags must not be mistaken for them.
 */

/** Runtime switches, exact names. Chromium switches carry their value after `=`, never apart. */
const runtimeSwitches = new Set([
  'v',
  'vmodule',
  'lang',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'debug',
  'debug-brk',
  'js-flags',
  'gtk-version',
  'user-data-dir',
  'high-dpi-support',
  'in-process-gpu',
  'remote-allow-origins',
  'trace-warnings',
  'trace-deprecation',
]);

/**
 * Runtime switch families (Chromium has hundreds of --enable-X / --disable-X / --no-X). None
 * of our flags starts like these; a test keeps it so.
 */
export const runtimeSwitchPrefixes = ['enable-', 'disable-', 'no-', 'force-', 'ozone-', 'use-', 'proxy-', 'ignore-', 'wayland-', 'auth-', 'log-', 'remote-debugging-'];

type OurFlag = keyof typeof serveFlagOptions;

/** Flags of `serve` that make no sense with a window: it talks to its engine over IPC. */
const headlessOnly: readonly OurFlag[] = ['host', 'port'];

export const desktopUsage = `${serveUsage.replace('usage: npm run serve -- [flags]', 'usage: launchdesk [flags]   (or: npm start -- [flags])')}
The desktop app takes every flag above except --host and --port (its window talks to the engine
over IPC, not HTTP). Electron and Chromium switches (--no-sandbox, --enable-logging, ...) are left to them.`;

export interface DesktopOptions {
  run: RunOptions;
  /** Quit cleanly after this many seconds; undefined runs until the window closes. */
  durationS?: number;
  quiet: boolean;
  /** Names of the runtime switches found and left alone (never their values). */
  runtimeSwitches: string[];
}

function flagName(token: string): string | undefined {
  if (!token.startsWith('--') || token === '--') return undefined;
  const eq = token.indexOf('=');
  return eq === -1 ? token.slice(2) : token.slice(2, eq);
}

function isOurs(name: string): name is OurFlag {
  return Object.hasOwn(serveFlagOptions, name);
}

function isRuntimeSwitch(token: string, name: string | undefined): boolean {
  // macOS adds -psn_<serial> when an app is opened from the Finder (older releases).
  if (token.startsWith('-psn_')) return true;
  if (name === undefined) return false;
  return runtimeSwitches.has(name) || runtimeSwitchPrefixes.some((prefix) => name.startsWith(prefix));
}

/**
 * What the user typed after the program: Electron's argv is [electron, ...switches, app path,
 * ...] when run as `electron <switches> .` (process.defaultApp; Playwright puts --inspect and
 * Chromium switches before the app path) and [app, ...] when packaged. Electron takes the
 * first argument that is not a switch as the app path; so do we.
 */
export function userArgs(argv: readonly string[], defaultApp: boolean): string[] {
  const rest = argv.slice(1);
  if (!defaultApp) return rest;
  const appPath = rest.findIndex((token) => !token.startsWith('-'));
  return appPath === -1 ? rest : [...rest.slice(0, appPath), ...rest.slice(appPath + 1)];
}

/**
 * Splits user args into ours and the runtime's. Our flags win over the runtime's families
 * (ours are matched by exact name first); an unknown flag stays with ours so the strict
 * parser reports it instead of it being silently dropped.
 */
export function splitRuntimeSwitches(args: readonly string[]): { ours: string[]; runtime: string[] } {
  const ours: string[] = [];
  const runtime: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    const name = flagName(token);
    if (name !== undefined && isOurs(name)) {
      ours.push(token);
      // `--flag value`: the value is ours too, whatever it looks like.
      if (serveFlagOptions[name].type === 'string' && !token.includes('=') && i + 1 < args.length) ours.push(args[++i] as string);
    } else if (isRuntimeSwitch(token, name)) {
      runtime.push(name ?? token.split('=')[0] ?? token);
    } else {
      ours.push(token);
    }
  }
  return { ours, runtime };
}

export interface DesktopArgvContext {
  /** Electron's process.defaultApp: true when run as `electron <app dir>`. */
  defaultApp: boolean;
  /** app.getPath('userData'): the data dir is `paper/` (or `live/`) inside it unless --data-dir says otherwise. */
  userDataDir: string;
  env?: FeedEnv;
}

/** Parses the desktop app's argv (process.argv as Electron gives it); throws UsageError. */
export function parseDesktopFlags(argv: readonly string[], context: DesktopArgvContext): DesktopOptions {
  const { ours, runtime } = splitRuntimeSwitches(userArgs(argv, context.defaultApp));
  const given = new Set(ours.map(flagName).filter((name): name is string => name !== undefined));
  for (const flag of headlessOnly) {
    if (given.has(flag)) throw new UsageError(`--${flag} applies to the headless console only (npm run serve): the desktop window talks to its engine over IPC`);
  }
  const serve = parseServeFlags(ours, context.env ?? process.env, { dataDirFor: (mode) => path.join(context.userDataDir, mode), asksForWallet: true });
  return {
    run: serve.run,
    quiet: serve.quiet,
    runtimeSwitches: runtime,
    ...(serve.durationS !== undefined ? { durationS: serve.durationS } : {}),
  };
}
