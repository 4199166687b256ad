import { VersionedTransaction } from '@solana/web3.js';
import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BuyOrder, Fence, SellOrder } from '../../../../electron/core/traders/trader.js';
import { loadWalletFile } from '../../../../electron/core/wallet/load-wallet-file.js';
import { useLiveEnv } from '../../../support/live-trader-env.js';
import { expectNoSecretIn } from '../../../support/secret-leaks.js';
import { throwawayWalletFile } from '../../../support/wallet-file.js';

const liveEnv = useLiveEnv();

/**
 * The wallet as the live trader's signer, loaded the way `serve --wallet FILE` loads it,
 * against the scripted JSON-RPC node: trades go through, the signatures verify, and nothing
 * that left the process (every JSON-RPC request) or came back to the coordinator (results,
 * fences, errors) holds the key in any spelling.
 */
describe('KeypairWallet as the LiveTrader’s signer', () => {
  it('buys and sells; every RPC payload, fence and result is free of the key', async () => {
    const { file, keypair } = throwawayWalletFile();
    const wallet = await loadWalletFile(file);
    const env = await liveEnv({ trader: { signer: wallet } });
    env.server.setBalance(wallet.publicKey, 10_000_000_000n);
    const mint = env.newMint().toBase58();
    const fences: Fence[] = [];
    const gate = (fence: Fence) => (fences.push(fence), true);

    const buy: BuyOrder = { attemptId: 'a1', mint, platform: 'pump.fun', symbol: 'TEST', solAmount: 0.1 };
    const bought = await env.drive(env.trader.buy(buy, gate));
    expect(bought).toMatchObject({ kind: 'success' });
    const sell: SellOrder = { sellId: 's1', positionId: 'p1', mint, platform: 'pump.fun', symbol: 'TEST', tokens: 1_000, reason: 'manual' };
    const sold = await env.drive(env.trader.sell!(sell, gate));
    expect(sold).toMatchObject({ kind: 'success' });

    // Signed by this wallet, and the signatures verify against its public key.
    expect(fences.length).toBeGreaterThanOrEqual(2);
    for (const fence of fences) {
      const tx = VersionedTransaction.deserialize(Buffer.from(fence.signedBytes!, 'base64'));
      expect(tx.message.staticAccountKeys[0]!.equals(wallet.publicKey)).toBe(true);
      // SubjectPublicKeyInfo for Ed25519 (RFC 8410) around the wallet's 32-byte key.
      const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), wallet.publicKey.toBuffer()]);
      expect(verify(null, tx.message.serialize(), { key: spki, format: 'der', type: 'spki' }, tx.signatures[0]!)).toBe(true);
    }

    // A refused buy's error, too.
    const refused = await env.drive(env.trader.buy({ ...buy, attemptId: 'a2', mint: 'not-a-mint' }, gate));
    expect(refused.kind).toBe('failure');

    expectNoSecretIn([...env.server.calls, bought, sold, refused, ...fences, wallet], keypair.secretKey);
    expect(env.server.calls.some((call) => call.method === 'sendTransaction')).toBe(true);
    wallet.dispose();
  });
});
