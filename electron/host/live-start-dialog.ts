/**
 * What the desktop app shows before it trades live, after the typed confirmation on the
 * command line matched the wallet: one more look at what is about to spend, with "Quit" as
 * the default answer. Pure text, so it is tested without Electron.
 */
export function liveStartDialog(publicKey: string, dataDir: string, rpcUrl: string) {
  return {
    type: 'warning' as const,
    title: 'launchdesk: live trading',
    message: 'Trade with real SOL?',
    detail:
      `Wallet: ${publicKey}\n` +
      // The host only: an RPC URL's path or query often holds an API key.
      `RPC node: ${new URL(rpcUrl).host}\n` +
      `Live data dir: ${dataDir}\n\n` +
      'Buys are sent as the modules signal them, within the limits in Settings. "Stop all buying" in the header stops every buy at once.',
    buttons: ['Quit', 'Trade live'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** The index of "Trade live" in the buttons above. */
export const TRADE_LIVE = 1;
