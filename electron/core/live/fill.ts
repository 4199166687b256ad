import type { TransactionMeta } from './solana-rpc-schemas.js';

/**
 * What a landed trade did to the wallet, read from its meta: the fee payer is account 0, so
 * its pre − post lamports is everything the transaction cost it (the trade, the network and
 * priority fees, and rent of any account it created); the token side is the sum of the
 * wallet's token balances of the mint, post − pre (an account created by the trade has no
 * pre entry and counts from zero).
 */
export interface WalletChange {
  /** Lamports that left the fee payer (negative when it received more than it paid). */
  lamportsOut: bigint;
  /** Raw token units of the mint the wallet gained (negative when it sold). */
  tokensInRaw: bigint;
  /** The mint's decimals, as the meta reports them (undefined when no balance of the mint appears). */
  decimals: number | undefined;
}

export function walletChange(meta: TransactionMeta, owner: string, mint: string): WalletChange {
  const pre = meta.preBalances[0];
  const post = meta.postBalances[0];
  if (pre === undefined || post === undefined) throw new Error('the landed transaction has no balances for its fee payer');
  let decimals: number | undefined;
  const sum = (balances: TransactionMeta['preTokenBalances']) => {
    let total = 0n;
    for (const balance of balances ?? []) {
      if (balance.mint !== mint || balance.owner !== owner) continue;
      total += BigInt(balance.uiTokenAmount.amount);
      decimals = balance.uiTokenAmount.decimals;
    }
    return total;
  };
  const tokensInRaw = sum(meta.postTokenBalances) - sum(meta.preTokenBalances);
  return { lamportsOut: BigInt(pre) - BigInt(post), tokensInRaw, decimals };
}
