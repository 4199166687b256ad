import type { Execution } from '../../../shared/settings.js';
import type { Platform } from '../../../shared/domain.js';
import { bonkPlatformIdsFromEnv } from '../live/bonk/bonk-platforms.js';
import { LaunchLabVenue } from '../live/bonk/launchlab-venue.js';
import { LiveTrader } from '../live/live-trader.js';
import { PumpVenueRouter } from '../live/pump/pump-router.js';
import { SignatureSubscriptions } from '../live/signature-subscriptions.js';
import { SolanaRpc } from '../live/solana-rpc.js';
import { chainMarks } from '../positions/chain-marks.js';
import type { Clock } from '../time/clock.js';
import type { KeypairWallet } from '../wallet/keypair-wallet.js';
import { loadWalletFile } from '../wallet/load-wallet-file.js';
import { WalletKeyError } from '../wallet/wallet-key-error.js';
import type { WalletKeptBy } from '../wallet/wallet-status.js';
import { checkLiveConfirmation } from './live-confirmation.js';
import { nameProgramError } from './program-errors.js';
import type { LiveRunOptions } from './run-options.js';
import { StartRefusedError } from './start-refused.js';

/** What a live run trades with: the wallet (main process only) and the RPC node, opened before the engine. */
export interface LiveSetup {
  rpc: SolanaRpc;
  wallet: KeypairWallet;
  /** How the key is kept at rest, for the console (headless: a 0600 file). */
  keptBy: WalletKeptBy;
  /** Zeroes the key; nothing can be signed after. */
  close(): void;
}

/**
 * `serve --mode live`: loads the wallet (`--wallet FILE`, refused unless 0600), checks the
 * typed confirmation against it and opens the RPC client. Every refusal is a
 * StartRefusedError whose message says what to change; the key is zeroed on any refusal.
 */
export async function prepareLive(live: LiveRunOptions, clock: Clock): Promise<LiveSetup> {
  if (live.walletFile === undefined || live.confirm === undefined) throw new StartRefusedError('--mode live needs --wallet FILE and --confirm-live');
  const wallet = await loadLiveWalletFile(live.walletFile);
  try {
    checkLiveConfirmation(wallet.publicKey.toBase58(), live.confirm, live.walletFile);
    return openLive(live, wallet, 'file', clock);
  } catch (error) {
    wallet.dispose();
    throw error;
  }
}

/** `--wallet FILE`, refused (StartRefusedError, with what to do) unless a key file only its owner can read. */
export async function loadLiveWalletFile(file: string): Promise<KeypairWallet> {
  try {
    return await loadWalletFile(file);
  } catch (error) {
    if (error instanceof WalletKeyError) throw new StartRefusedError(`--wallet: ${error.message}`);
    throw error;
  }
}

/** The RPC client for a wallet already loaded and confirmed (the desktop opens its wallet its own way). */
export function openLive(live: Pick<LiveRunOptions, 'rpcUrl' | 'wsUrl'>, wallet: KeypairWallet, keptBy: WalletKeptBy, clock: Clock): LiveSetup {
  const rpc = new SolanaRpc({ url: live.rpcUrl, ...(live.wsUrl ? { wsUrl: live.wsUrl } : {}), clock });
  return { rpc, wallet, keptBy, close: () => wallet.dispose() };
}

/** The live trader and what goes with it, built once the settings (for execution) exist. */
export interface LiveTrading {
  trader: LiveTrader;
  /** Prices of open positions from their curve or pool account, where the feed shows no trade. */
  positionMarks: (mint: string, platform: Platform) => Promise<number | undefined>;
  close(): void;
}

/**
 * Composes live trading: pump.fun's router (the bonding curve; PumpSwap for sells after
 * migration) with bonk.fun's LaunchLab venue (pools of the platform ids in
 * LAUNCHDESK_BONK_PLATFORM_IDS, or the defaults), the live trader signing with the wallet,
 * confirmations hastened by signatureSubscribe, and the chain marks for positions.
 */
export function buildLiveTrading(setup: LiveSetup, deps: { clock: Clock; execution: () => Execution }): LiveTrading {
  const connection = setup.rpc.connection();
  let bonkPlatformIds;
  try {
    bonkPlatformIds = bonkPlatformIdsFromEnv();
  } catch (error) {
    throw new StartRefusedError(`LAUNCHDESK_BONK_PLATFORM_IDS: ${error instanceof Error ? error.message : String(error)}`);
  }
  const router = new PumpVenueRouter({ connection, bonk: new LaunchLabVenue({ connection, bonkPlatformIds }) });
  const subscriptions = new SignatureSubscriptions({ wsUrl: setup.rpc.wsUrl });
  const trader = new LiveTrader({
    rpc: setup.rpc,
    router,
    signer: setup.wallet,
    execution: deps.execution,
    clock: deps.clock,
    watch: subscriptions.watch,
    programErrors: nameProgramError,
  });
  return { trader, positionMarks: chainMarks(connection), close: () => subscriptions.close() };
}
