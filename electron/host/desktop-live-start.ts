import { loadLiveWalletFile, openLive, type LiveSetup } from '../core/runtime/build-live.js';
import { checkLiveConfirmation, confirmsWallet } from '../core/runtime/live-confirmation.js';
import type { RunOptions } from '../core/runtime/run-options.js';
import { StartRefusedError } from '../core/runtime/start-refused.js';
import type { Clock } from '../core/time/clock.js';
import type { KeypairWallet } from '../core/wallet/keypair-wallet.js';
import { WalletUnlockError } from '../core/wallet/secret-box.js';
import { WalletKeyError } from '../core/wallet/wallet-key-error.js';
import type { WalletKeptBy } from '../core/wallet/wallet-status.js';
import type { DesktopLiveWallet } from './desktop-live-wallet.js';
import { liveStartDialog, TRADE_LIVE } from './live-start-dialog.js';
import type { PassphraseRequest } from './passphrase-prompt.js';

/** Electron's side of a live desktop start, injected so the flow is tested without Electron. */
export interface DesktopLiveStartDeps {
  clock: Clock;
  /** Without --wallet: the live data dir's stored wallet unlocked, or a key file imported (openDesktopLiveWallet). */
  openStoredWallet(): Promise<DesktopLiveWallet | null>;
  /** A prompt window (promptPassphrase): here, with a visible field for the typed confirmation. */
  ask(request: PassphraseRequest): Promise<string | null>;
  /** The native "Trade with real SOL?" box; resolves the index of the button pressed. */
  confirmBox(options: ReturnType<typeof liveStartDialog>): Promise<number>;
  /** Things about the wallet the trader should read (a key file others could read, ...). */
  notice(message: string): void;
}

/**
 * The desktop's explicit live start: the wallet (`--wallet FILE`, or the one kept in the live
 * data dir), then the confirmation — typed in a window naming the wallet, or, given as
 * --confirm-live, checked and followed by one native box whose default is "Quit". Null when
 * the trader cancels anywhere (the key is zeroed); StartRefusedError when the wallet cannot
 * be used or the confirmation does not name it.
 */
export async function prepareDesktopLive(run: RunOptions, deps: DesktopLiveStartDeps): Promise<LiveSetup | null> {
  const live = run.live;
  if (run.mode !== 'live' || !live) throw new StartRefusedError('a live start needs --mode live and --rpc-url');
  const opened = await openWallet(live.walletFile, deps);
  if (!opened) return null;
  const { wallet, keptBy } = opened;
  try {
    const address = wallet.publicKey.toBase58();
    if (live.confirm !== undefined) {
      checkLiveConfirmation(address, live.confirm, live.walletFile ?? 'the live data dir');
      if ((await deps.confirmBox(liveStartDialog(address, run.dataDir, live.rpcUrl))) !== TRADE_LIVE) return dispose(wallet);
    } else {
      const typed = await deps.ask(typedConfirmation(address, run.dataDir, live.rpcUrl));
      if (typed === null) return dispose(wallet);
    }
    return openLive(live, wallet, keptBy, deps.clock);
  } catch (error) {
    wallet.dispose();
    throw error;
  }
}

async function openWallet(file: string | undefined, deps: DesktopLiveStartDeps): Promise<{ wallet: KeypairWallet; keptBy: WalletKeptBy } | null> {
  if (file !== undefined) return { wallet: await loadLiveWalletFile(file), keptBy: 'file' };
  let opened: DesktopLiveWallet | null;
  try {
    opened = await deps.openStoredWallet();
  } catch (error) {
    if (error instanceof WalletKeyError || error instanceof WalletUnlockError) throw new StartRefusedError(`the live wallet: ${error.message}`);
    throw error;
  }
  if (!opened) return null;
  for (const notice of opened.notices) deps.notice(notice);
  return { wallet: opened.wallet, keptBy: opened.keptBy };
}

function dispose(wallet: KeypairWallet): null {
  wallet.dispose();
  return null;
}

/** The window asking the trader to type the wallet's public key (or its first 8 characters). */
export function typedConfirmation(address: string, dataDir: string, rpcUrl: string): PassphraseRequest {
  return {
    title: 'Trade live with real SOL',
    message:
      `Buys will spend real SOL from wallet ${address}, through ${new URL(rpcUrl).host}, within the limits in Settings; ` +
      `live history is kept in ${dataDir}. To trade live with this wallet, type its public key or its first 8 characters.`,
    typed: { label: "The wallet's public key, or its first 8 characters", submit: 'Trade live' },
    check: async (typed) => (confirmsWallet(address, typed) ? null : `That does not name this wallet: type ${address.slice(0, 8)} (or the whole key), or Cancel.`),
  };
}
