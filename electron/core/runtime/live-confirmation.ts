import { StartRefusedError } from './start-refused.js';

/**
 * Going live is typed, not clicked: the trader names the wallet that will spend, by its
 * public key or its first 8 characters. Anything else is refused with what to type.
 */
export function checkLiveConfirmation(publicKey: string, typed: string, walletFile: string): void {
  const text = typed.trim();
  if (text === publicKey || (text.length === 8 && publicKey.startsWith(text))) return;
  throw new StartRefusedError(
    `--confirm-live does not name the wallet in ${walletFile}: its public key is ${publicKey}. ` +
      `To trade live with this wallet, add --confirm-live ${publicKey.slice(0, 8)} (or the whole key)`,
  );
}
