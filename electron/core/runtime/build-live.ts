import { SolanaRpc } from '../live/solana-rpc.js';
import type { Clock } from '../time/clock.js';
import type { Trader } from '../traders/trader.js';
import type { KeypairWallet } from '../wallet/keypair-wallet.js';
import { loadWalletFile } from '../wallet/load-wallet-file.js';
import { WalletKeyError } from '../wallet/wallet-key-error.js';
import { checkLiveConfirmation } from './live-confirmation.js';
import type { LiveRunOptions } from './run-options.js';
import { StartRefusedError } from './start-refused.js';

/**
 * The parts of live trading this build does not have yet. Live mode refuses to start while
 * any is missing (never a stand-in trader): each entry names the piece, and is removed
 * where the piece is wired in below.
 */
export const missingLivePieces: readonly string[] = [
  'the live trader (electron/core/live/live-trader.ts: quote, sign, fence, send, confirm)',
  'the pump.fun venue router (curve before migration, PumpSwap after)',
  'the bonk.fun venue (Raydium LaunchLab)',
];

/** What a live run trades with, built before the engine (the hosts refuse to start on a StartRefusedError). */
export interface LiveSetup {
  trader: Trader;
  rpc: SolanaRpc;
  wallet: KeypairWallet;
  /** How the key is kept at rest, for the console (headless: a 0600 file). */
  keptBy: 'file' | 'safe-storage' | 'passphrase';
  /** Zeroes the key; the trader can sign nothing after. */
  close(): void;
}

export interface LiveDeps {
  clock: Clock;
}

/**
 * Loads the wallet (`--wallet FILE`, 0600), checks the typed confirmation against it, and
 * builds what trades: the RPC client, the balance poller, the trader. Every refusal is a
 * StartRefusedError whose message says what to change; the key is zeroed on any refusal.
 */
export async function prepareLive(live: LiveRunOptions, deps: LiveDeps): Promise<LiveSetup> {
  let wallet: KeypairWallet;
  try {
    wallet = await loadWalletFile(live.walletFile);
  } catch (error) {
    if (error instanceof WalletKeyError) throw new StartRefusedError(`--wallet: ${error.message}`);
    throw error;
  }
  try {
    const address = wallet.publicKey.toBase58();
    checkLiveConfirmation(address, live.confirm, live.walletFile);
    if (missingLivePieces.length > 0) {
      throw new StartRefusedError(
        `live trading cannot start: this build does not have ${missingLivePieces.join('; ')} yet. ` +
          'Nothing was sent and no live data dir was touched; paper trading works (leave out --mode live)',
      );
    }
    const rpc = new SolanaRpc({ url: live.rpcUrl, ...(live.wsUrl ? { wsUrl: live.wsUrl } : {}), clock: deps.clock });
    const trader = buildLiveTrader();
    return { trader, rpc, wallet, keptBy: 'file', close: () => wallet.dispose() };
  } catch (error) {
    wallet.dispose();
    throw error;
  }
}

function buildLiveTrader(): Trader {
  throw new StartRefusedError('the live trader is not built yet');
}
