import { moduleIds, type ModuleId } from '../../../shared/domain.js';
import type { TradingMode } from '../../../shared/settings.js';

export const PUMPPORTAL_DEFAULT_URL = 'wss://pumpportal.fun/api/data';

/** The seeded market simulator: the default, needs nothing. */
export interface SimFeedChoice {
  kind: 'sim';
  seed: number;
  launchesPerSecond: number;
  startAt?: number;
}

/** PumpPortal's data socket; token and wallet trades need a funded API key. */
export interface PumpPortalFeedChoice {
  kind: 'pumpportal';
  url: string;
  /** From PUMPPORTAL_API_KEY only: a flag would leak it into `ps` and shell history. */
  apiKey?: string;
}

/** pump.fun program logs from a Solana RPC node: every launch and trade, no key. */
export interface RpcFeedChoice {
  kind: 'rpc';
  rpcUrl: string;
  wsUrl?: string;
}

/** A recorded tape, replayed at its recorded pace or as fast as the engine takes it. */
export interface TapeFeedChoice {
  kind: 'tape';
  path: string;
  speed: 'recorded' | 'fast';
}

export type FeedChoice = SimFeedChoice | PumpPortalFeedChoice | RpcFeedChoice | TapeFeedChoice;
export type FeedKind = FeedChoice['kind'];
export const feedKinds: readonly FeedKind[] = ['sim', 'pumpportal', 'rpc', 'tape'];

export const trendingSources = ['dexscreener', 'pumpfun'] as const;
export type TrendingSource = (typeof trendingSources)[number];

/** HTTP trending pollers that run beside the main feed. */
export interface TrendingChoice {
  sources: TrendingSource[];
  /** Base-URL overrides, for tests against 127.0.0.1. */
  dexscreenerUrl?: string;
  pumpfunUrl?: string;
}

/**
 * What live trading needs, all given explicitly (`--mode live`): the RPC node it trades
 * through, the wallet that spends, and the trader's typed confirmation naming that wallet.
 */
export interface LiveRunOptions {
  rpcUrl: string;
  /** Default: derived from the RPC URL (http→ws, https→wss). */
  wsUrl?: string;
  /** A solana-keygen JSON key file, mode 0600. Required headless; the desktop may use its stored wallet instead. */
  walletFile?: string;
  /**
   * What the trader typed: the wallet's public key, or its first 8 characters, checked once
   * the wallet is loaded. Required headless; the desktop asks it in a window when absent.
   */
  confirm?: string;
}

/** How one run of the engine is set up: what `serve` flags and the desktop app both produce. */
export interface RunOptions {
  dataDir: string;
  feed: FeedChoice;
  /** Record the main feed's events to this tape file. */
  record?: string;
  trending: TrendingChoice;
  /** Paper (the default, needs nothing) or live (needs `live`, and its own data dir). */
  mode: TradingMode;
  /** Present exactly when mode is 'live'. */
  live?: LiveRunOptions;
  paper: { faultSeed: number; failRate: number; unknownRate: number; latencyMs: { min: number; max: number }; validForMs?: number };
  /** Modules switched on for this run; undefined keeps what settings.json says. */
  modules?: ModuleId[];
  /** Build a missing ledger from the audit log (and the paper chain) before starting. */
  rebuildFromAudit?: boolean;
}

export function defaultSimFeed(): SimFeedChoice {
  return { kind: 'sim', seed: 1, launchesPerSecond: 1 };
}

export function defaultRunOptions(dataDir: string): RunOptions {
  return {
    dataDir,
    feed: defaultSimFeed(),
    trending: { sources: [] },
    mode: 'paper',
    paper: { faultSeed: 1, failRate: 0.05, unknownRate: 0.02, latencyMs: { min: 150, max: 900 } },
  };
}

export function parseModuleList(text: string): ModuleId[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(moduleIds as readonly string[]).includes(name)) {
      throw new Error(`unknown module "${name}" (modules: ${moduleIds.join(', ')})`);
    }
  }
  return names as ModuleId[];
}

export function parseTrendingList(text: string): TrendingSource[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(trendingSources as readonly string[]).includes(name)) {
      throw new Error(`unknown trending source "${name}" (sources: ${trendingSources.join(', ')})`);
    }
  }
  return [...new Set(names)] as TrendingSource[];
}
