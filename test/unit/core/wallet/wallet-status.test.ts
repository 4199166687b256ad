import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { walletStatus } from '../../../../electron/core/wallet/wallet-status.js';
import { walletStatusSchema } from '../../../../shared/positions.js';

describe('walletStatus', () => {
  const wallet = { publicKey: Keypair.generate().publicKey };

  it('names the address and how the key is kept, without a balance until one was read', () => {
    const status = walletStatus(wallet, 'file');
    expect(status).toEqual({ publicKey: wallet.publicKey.toBase58(), keptBy: 'file' });
    expect(walletStatusSchema.parse(status)).toEqual(status);
  });

  it('shows the balance read in SOL with when it was read', () => {
    expect(walletStatus(wallet, 'passphrase', { lamports: 1_234_567_891n, at: 42 })).toMatchObject({ balanceSol: 1.234567891, balanceAt: 42 });
    expect(walletStatus(wallet, 'safe-storage', { lamports: 0n, at: 1 }).balanceSol).toBe(0);
  });

  it('keeps precision for balances past 2^53 lamports', () => {
    const lamports = 9_007_199_254_740_993n;
    expect(walletStatus(wallet, 'file', { lamports, at: 0 }).balanceSol).toBeCloseTo(9_007_199.254740993, 6);
  });

  it('refuses a negative balance', () => {
    expect(() => walletStatus(wallet, 'file', { lamports: -1n, at: 0 })).toThrow(RangeError);
  });
});
