import type { PublicKey } from '@solana/web3.js';
import { pumpSdk } from './pump-sdk.js';

/**
 * Turns the log lines of one pump.fun transaction into FeedEvent candidates. Anchor's
 * `emit!` writes each event as `Program data: <base64(discriminator ++ borsh)>` while the
 * emitting program is on top of the invoke stack; lines of other programs in the same
 * transaction (AMMs, routers) are skipped by tracking that stack.
 */
export const PUMP_PROGRAM_ID: PublicKey = pumpSdk.PUMP_PROGRAM_ID;

const TOKEN_DECIMALS = 1e6;
const LAMPORTS_PER_SOL = 1e9;
/** pump.fun mints a fixed 1B-token supply; market cap = price × supply, as PumpPortal reports it. */
const PUMP_SUPPLY_TOKENS = 1e9;

type EventName = 'CreateEvent' | 'TradeEvent' | 'CompleteEvent';
const wanted: readonly EventName[] = ['CreateEvent', 'TradeEvent', 'CompleteEvent'];

const discriminators = new Map<string, EventName | 'other'>();
for (const event of pumpSdk.pumpIdl.events ?? []) {
  const name = event.name as string;
  const key = Buffer.from(event.discriminator).toString('hex');
  discriminators.set(key, (wanted as readonly string[]).includes(name) ? (name as EventName) : 'other');
}

export interface DecodedLogs {
  events: Record<string, unknown>[];
  /** Lines that claimed to be pump.fun events (or log lines at all) but did not decode. */
  bad: number;
}

const invokeLine = /^Program (\w{32,44}) invoke \[\d+\]$/;
const exitLine = /^Program (\w{32,44}) (success|failed.*)$/;
const knownPrefixes = ['Program ', 'Log truncated'];

export function decodePumpLogs(logs: readonly string[], at: number, signature: string | undefined): DecodedLogs {
  const out: DecodedLogs = { events: [], bad: 0 };
  const stack: string[] = [];
  const pump = PUMP_PROGRAM_ID.toBase58();
  for (const line of logs) {
    if (typeof line !== 'string' || !knownPrefixes.some((p) => line.startsWith(p))) {
      out.bad++;
      continue;
    }
    const invoke = invokeLine.exec(line);
    if (invoke?.[1]) {
      stack.push(invoke[1]);
      continue;
    }
    if (exitLine.test(line)) {
      stack.pop();
      continue;
    }
    if (!line.startsWith('Program data: ') || stack.at(-1) !== pump) continue;
    const result = decodeDataLine(line.slice('Program data: '.length), at, signature);
    if (result === 'bad') out.bad++;
    else if (result) out.events.push(result);
  }
  attachInitialBuys(out.events);
  return out;
}

/**
 * The creator's first buy is a TradeEvent of its own in the create transaction (pump.fun's
 * create and buy are two instructions). PumpPortal reports it on the create itself, so the
 * launch gets it here too: `initialBuySol` (what `minInitialBuySol` filters on) and the
 * market cap and reserves after that buy, which is the price a sniper actually meets. The
 * trade stays an event of its own: the RPC feed sees every trade, and volume and
 * whale-copy count this one like any other.
 */
function attachInitialBuys(events: Record<string, unknown>[]): void {
  for (let i = 0; i < events.length; i++) {
    const launch = events[i];
    if (launch?.['kind'] !== 'launch') continue;
    const buy = events.slice(i + 1).find((e) => e['kind'] === 'trade' && e['side'] === 'buy' && e['mint'] === launch['mint']);
    if (!buy) continue;
    launch['initialBuySol'] = buy['solAmount'];
    launch['marketCapSol'] = buy['marketCapSol'];
    launch['vSol'] = buy['vSol'];
    launch['vTokens'] = buy['vTokens'];
  }
}

function decodeDataLine(base64: string, at: number, signature: string | undefined) {
  if (base64.length > 16_384 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return 'bad' as const;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < 8) return 'bad' as const;
  const name = discriminators.get(bytes.subarray(0, 8).toString('hex'));
  if (name === undefined) return 'bad' as const;
  const body = bytes.subarray(8);
  try {
    switch (name) {
      case 'other':
        return undefined;
      case 'CreateEvent':
        return createToLaunch(pumpSdk.PUMP_SDK.decodeCreateEventBc(body), at, signature);
      case 'TradeEvent':
        return tradeToEvent(pumpSdk.PUMP_SDK.decodeTradeEventBc(body), at, signature);
      case 'CompleteEvent': {
        const complete = pumpSdk.PUMP_SDK.decodeCompleteEventBc(body);
        return { kind: 'migration', at, mint: complete.mint.toBase58(), pool: 'pump', signature };
      }
      default: {
        const never: never = name;
        return never;
      }
    }
  } catch {
    return 'bad' as const;
  }
}

type CreateEventBc = ReturnType<typeof pumpSdk.PUMP_SDK.decodeCreateEventBc>;
type TradeEventBc = ReturnType<typeof pumpSdk.PUMP_SDK.decodeTradeEventBc>;

/** Coins quoted in something other than SOL (e.g. USDC) have amounts our SOL-based modules would misread. */
function isSolQuoted(quoteMint: PublicKey): boolean {
  return pumpSdk.isSolLikeQuoteMint(pumpSdk.normalizeQuoteMint(quoteMint));
}

function marketCapSol(vSol: number, vTokens: number): number | undefined {
  return vTokens > 0 ? (vSol / vTokens) * PUMP_SUPPLY_TOKENS : undefined;
}

function createToLaunch(event: CreateEventBc, at: number, signature: string | undefined) {
  if (!isSolQuoted(event.quoteMint)) return undefined;
  const vSol = Number(event.virtualSolReserves.toString()) / LAMPORTS_PER_SOL;
  const vTokens = Number(event.virtualTokenReserves.toString()) / TOKEN_DECIMALS;
  return {
    kind: 'launch',
    at,
    platform: 'pump.fun',
    mint: event.mint.toBase58(),
    creator: event.creator.toBase58(),
    name: event.name.slice(0, 200),
    symbol: event.symbol.slice(0, 64),
    uri: event.uri.length <= 500 ? event.uri : undefined,
    marketCapSol: marketCapSol(vSol, vTokens),
    vSol,
    vTokens,
    signature,
  };
}

function tradeToEvent(event: TradeEventBc, at: number, signature: string | undefined) {
  if (!isSolQuoted(event.quoteMint)) return undefined;
  const vSol = Number(event.virtualSolReserves.toString()) / LAMPORTS_PER_SOL;
  const vTokens = Number(event.virtualTokenReserves.toString()) / TOKEN_DECIMALS;
  return {
    kind: 'trade',
    at,
    platform: 'pump.fun',
    mint: event.mint.toBase58(),
    wallet: event.user.toBase58(),
    side: event.isBuy ? 'buy' : 'sell',
    solAmount: Number(event.solAmount.toString()) / LAMPORTS_PER_SOL,
    tokenAmount: Number(event.tokenAmount.toString()) / TOKEN_DECIMALS,
    marketCapSol: marketCapSol(vSol, vTokens),
    vSol,
    vTokens,
    signature,
  };
}
