import type { PublicKey, VersionedTransaction } from '@solana/web3.js';

/**
 * What the live trader signs with. The secret key stays in the wallet (main process only);
 * the trader sees the public key and gets back signed transactions.
 */
export interface TransactionSigner {
  readonly publicKey: PublicKey;
  signTransaction(transaction: VersionedTransaction): Promise<VersionedTransaction>;
}
