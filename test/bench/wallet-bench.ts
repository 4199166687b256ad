import { ComputeBudgetProgram, Keypair, PublicKey, SystemProgram, TransactionInstruction, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { KeypairWallet } from '../../electron/core/wallet/keypair-wallet.js';
import { DEFAULT_SCRYPT_COST, passphraseBox } from '../../electron/core/wallet/passphrase-box.js';
import { storeWallet, unlockWallet } from '../../electron/core/wallet/wallet-store.js';
import { report, summarize } from './bench-report.js';

/** A v0 transaction the size of a pump.fun buy: compute budget, priority fee, one instruction over 16 accounts. */
function buySized(payer: PublicKey): VersionedTransaction {
  const keys = Array.from({ length: 16 }, () => ({ pubkey: Keypair.generate().publicKey, isSigner: false, isWritable: true }));
  return new VersionedTransaction(
    new TransactionMessage({
      payerKey: payer,
      recentBlockhash: Keypair.generate().publicKey.toBase58(),
      instructions: [
        ComputeBudgetProgram.setComputeUnitLimit({ units: 120_000 }),
        ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 100_000 }),
        new TransactionInstruction({ programId: SystemProgram.programId, keys, data: Buffer.alloc(24, 1) }),
      ],
    }).compileToV0Message(),
  );
}

/**
 * - `wallet-sign`: KeypairWallet.signTransaction on a buy-sized v0 transaction (message
 *   serialized, OpenSSL's Ed25519 with the wallet's key object), next to web3.js's own
 *   `VersionedTransaction.sign([Keypair])` on the same message for scale.
 * - `wallet-unlock`: opening the passphrase keystore at the app's scrypt cost (2^17, r=8):
 *   what a trader waits for once at start.
 */
export async function runWalletBench(quick: boolean): Promise<void> {
  const keypair = Keypair.generate();
  const wallet = new KeypairWallet(Uint8Array.from(keypair.secretKey));
  const n = quick ? 200 : 5_000;
  const ours: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < n + 100; i += 1) {
    const a = buySized(keypair.publicKey);
    const b = new VersionedTransaction(a.message);
    let t = performance.now();
    await wallet.signTransaction(a);
    const oursMs = performance.now() - t;
    t = performance.now();
    b.sign([keypair]);
    const referenceMs = performance.now() - t;
    if (i < 100) continue; // warm-up
    ours.push(oursMs);
    reference.push(referenceMs);
  }
  report('wallet-sign', { keypairWallet: summarize(ours), web3Keypair: summarize(reference) });

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'launchdesk-wallet-bench-'));
  try {
    await storeWallet(dataDir, Uint8Array.from(keypair.secretKey), passphraseBox('a bench passphrase'));
    const unlocks: number[] = [];
    for (let i = 0; i < (quick ? 1 : 5); i += 1) {
      const t = performance.now();
      const { wallet: unlocked } = await unlockWallet(dataDir, passphraseBox('a bench passphrase'));
      unlocks.push(performance.now() - t);
      unlocked.dispose();
    }
    report('wallet-unlock', { scrypt: DEFAULT_SCRYPT_COST, ...summarize(unlocks) });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
