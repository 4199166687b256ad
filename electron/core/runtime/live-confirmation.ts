import { StartRefusedError } from './start-refused.js';

/** The whole public key, or exactly its first 8 characters (case matters: base58 is case-sensitive). */
export function confirmsWallet(publicKey: string, typed: string): boolean {
  const text = typed.trim();
  return text === publicKey || (text.length === 8 && publicKey.startsWith(text));
}

/**
 * Going live is typed, not clicked: the trader names the wallet that will spend, by its
 * public key or its first 8 characters. Anything else is refused with what to type.
 */
export function checkLiveConfirmation(publicKey: string, typed: string, walletName: string): void {
  if (confirmsWallet(publicKey, typed)) return;
  throw new StartRefusedError(
    `--confirm-live does not name the wallet in ${walletName}: its public key is ${publicKey}. ` +
      `To trade live with this wallet, add --confirm-live ${publicKey.slice(0, 8)} (or the whole key)`,
  );
}
