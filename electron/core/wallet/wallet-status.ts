import type { PublicKey } from '@solana/web3.js';
import { walletStatusSchema, type WalletStatus } from '../../../shared/positions.js';

export type WalletKeptBy = WalletStatus['keptBy'];

const LAMPORTS_PER_SOL = 1_000_000_000n;

/** A balance as read from the chain by the caller: lamports, and when it was read. */
export interface WalletBalance {
  lamports: bigint;
  at: number;
}

/**
 * What the console may see of the wallet: its address, how the key is kept and the last
 * balance read. The SOL figure is for display; limits compare lamports.
 */
export function walletStatus(wallet: { readonly publicKey: PublicKey }, keptBy: WalletKeptBy, balance?: WalletBalance): WalletStatus {
  const status: WalletStatus = { publicKey: wallet.publicKey.toBase58(), keptBy };
  if (balance !== undefined) {
    if (balance.lamports < 0n) throw new RangeError('a balance cannot be negative');
    const whole = balance.lamports / LAMPORTS_PER_SOL;
    const fraction = balance.lamports % LAMPORTS_PER_SOL;
    // Whole and fraction apart: Number(lamports) / 1e9 loses precision above 2^53 lamports.
    status.balanceSol = Number(whole) + Number(fraction) / 1e9;
    status.balanceAt = balance.at;
  }
  return walletStatusSchema.parse(status);
}
