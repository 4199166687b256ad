import fs from 'node:fs';
import path from 'node:path';
import { parseTapeHeader } from '../feeds/tape-format.js';
import { PUMPPORTAL_DEFAULT_URL, defaultSimFeed, feedKinds, type FeedChoice } from './run-options.js';

/** A feed flag that cannot be used; the host turns it into its own usage error. */
export class FeedFlagError extends Error {
  override name = 'FeedFlagError';
}

/** The raw feed flags, as the command line gave them. */
export interface FeedFlags {
  feed?: string;
  tapeSpeed?: string;
  pumpportalUrl?: string;
  rpcUrl?: string;
  rpcWsUrl?: string;
}

/** Where keys and endpoints may come from besides flags. */
export interface FeedEnv {
  PUMPPORTAL_API_KEY?: string;
  SOLANA_RPC_URL?: string;
  SOLANA_WS_URL?: string;
}

type Scheme = 'ws' | 'http';

/** Parses `text` as a ws(s):// or http(s):// URL; `what` names the flag or variable in the error. */
export function checkedUrl(what: string, text: string, scheme: Scheme): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not echoed: a mistyped endpoint may well hold a key.
    throw new FeedFlagError(`${what} must be a ${scheme}:// or ${scheme}s:// URL, got something that is not a URL`);
  }
  if (url.protocol !== `${scheme}:` && url.protocol !== `${scheme}s:`) {
    throw new FeedFlagError(`${what} must be a ${scheme}:// or ${scheme}s:// URL, got a ${url.protocol}// URL`);
  }
  return url.toString();
}

/** The main feed from the flags and the environment; throws FeedFlagError on anything unusable. */
export function parseFeedChoice(flags: FeedFlags, env: FeedEnv): FeedChoice {
  const text = flags.feed ?? 'sim';
  const kind = text.startsWith('tape:') ? 'tape' : text;
  const only = (flag: string, value: string | undefined, feed: string) => {
    if (value !== undefined && kind !== feed) throw new FeedFlagError(`--${flag} applies to --feed ${feed} only`);
  };
  only('tape-speed', flags.tapeSpeed, 'tape');
  only('pumpportal-url', flags.pumpportalUrl, 'pumpportal');
  only('rpc-url', flags.rpcUrl, 'rpc');
  only('rpc-ws-url', flags.rpcWsUrl, 'rpc');
  switch (kind) {
    case 'sim':
      return defaultSimFeed();
    case 'pumpportal': {
      const apiKey = env.PUMPPORTAL_API_KEY?.trim();
      const url = checkedUrl('--pumpportal-url', flags.pumpportalUrl ?? PUMPPORTAL_DEFAULT_URL, 'ws');
      return { kind: 'pumpportal', url, ...(apiKey ? { apiKey } : {}) };
    }
    case 'rpc': {
      const rpcText = flags.rpcUrl ?? blankToUndefined(env.SOLANA_RPC_URL);
      if (rpcText === undefined) {
        throw new FeedFlagError('--feed rpc needs an RPC endpoint: --rpc-url URL or SOLANA_RPC_URL (e.g. https://api.mainnet-beta.solana.com)');
      }
      const rpcUrl = checkedUrl(flags.rpcUrl !== undefined ? '--rpc-url' : 'SOLANA_RPC_URL', rpcText, 'http');
      const wsText = flags.rpcWsUrl ?? blankToUndefined(env.SOLANA_WS_URL);
      const wsUrl = wsText === undefined ? undefined : checkedUrl(flags.rpcWsUrl !== undefined ? '--rpc-ws-url' : 'SOLANA_WS_URL', wsText, 'ws');
      return { kind: 'rpc', rpcUrl, ...(wsUrl ? { wsUrl } : {}) };
    }
    case 'tape': {
      const file = text.slice('tape:'.length);
      if (file.trim() === '') throw new FeedFlagError('--feed tape:FILE needs a file, e.g. --feed tape:./market.tape.jsonl');
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new FeedFlagError(`--feed ${text}: no such file`);
      if (!parseTapeHeader(firstLine(file))) throw new FeedFlagError(`--feed ${text}: not a tape (its first line must be {"tape":1,"feed":...,"startedAt":...})`);
      const speed = flags.tapeSpeed ?? 'recorded';
      if (speed !== 'recorded' && speed !== 'fast') throw new FeedFlagError(`--tape-speed must be recorded or fast, got "${speed}"`);
      return { kind: 'tape', path: path.resolve(file), speed };
    }
    default:
      throw new FeedFlagError(`--feed ${text} is not known (feeds: ${feedKinds.filter((k) => k !== 'tape').join(', ')}, tape:FILE)`);
  }
}

/** `--record FILE`: a file we can create, and never the tape being replayed (it would be truncated). */
export function parseRecordPath(file: string, feed: FeedChoice): string {
  if (file.trim() === '') throw new FeedFlagError('--record needs a file name');
  const resolved = path.resolve(file);
  const dir = path.dirname(resolved);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new FeedFlagError(`--record ${file}: directory ${dir} does not exist`);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) throw new FeedFlagError(`--record ${file} is a directory`);
  if (feed.kind === 'tape' && feed.path === resolved) throw new FeedFlagError('--record must not name the tape being replayed: it would be overwritten');
  return resolved;
}

function blankToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

/** The first line of a file, read without loading the rest (a tape can be gigabytes). */
function firstLine(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(4_096);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8').split('\n')[0] ?? '';
  } finally {
    fs.closeSync(fd);
  }
}
