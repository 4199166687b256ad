import { Keypair, PublicKey, SystemProgram, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { adapterEvents, KeypairWallet } from '../../../../electron/core/wallet/keypair-wallet.js';
import { walletStatus } from '../../../../electron/core/wallet/wallet-status.js';
import { expectNoSecretIn, renderings, secretSpellings } from '../../../support/secret-leaks.js';

/** Everything the wallet hands out, rendered as a log, JSON (IPC/WebSocket) or inspect would: no key. */
describe('the wallet never shows its secret', () => {
  const blockhash = new PublicKey(Buffer.alloc(32, 3)).toBase58();

  it('the leak check finds the key when it is there (so a pass below means something)', () => {
    const keypair = Keypair.generate();
    for (const spelling of secretSpellings(keypair.secretKey)) {
      expect(() => expectNoSecretIn({ note: `x${spelling}y` }, keypair.secretKey)).toThrow();
    }
    expect(() => expectNoSecretIn(Keypair.fromSecretKey(keypair.secretKey), keypair.secretKey)).toThrow();
    expect(() => expectNoSecretIn(Buffer.from(keypair.secretKey), keypair.secretKey)).toThrow();
  });

  it('in the wallet object, its JSON, its inspect output, its status, its events and its errors', async () => {
    const keypair = Keypair.generate();
    const wallet = new KeypairWallet(Uint8Array.from(keypair.secretKey));
    const exposed: unknown[] = [wallet, wallet.toJSON(), walletStatus(wallet, 'passphrase', { lamports: 5n, at: 1 })];
    adapterEvents(wallet).on('connect', (key) => exposed.push(key));
    adapterEvents(wallet).on('disconnect', () => exposed.push('disconnect'));
    adapterEvents(wallet).on('error', (error) => exposed.push(error));

    const tx = new VersionedTransaction(
      new TransactionMessage({
        payerKey: keypair.publicKey,
        recentBlockhash: blockhash,
        instructions: [SystemProgram.transfer({ fromPubkey: keypair.publicKey, toPubkey: Keypair.generate().publicKey, lamports: 1 })],
      }).compileToV0Message(),
    );
    exposed.push(await wallet.signTransaction(tx));
    const stranger = Keypair.generate().publicKey;
    const foreign = new VersionedTransaction(new TransactionMessage({ payerKey: stranger, recentBlockhash: blockhash, instructions: [] }).compileToV0Message());
    exposed.push(await wallet.signTransaction(foreign).catch((error: unknown) => error));
    await wallet.disconnect();
    exposed.push(await wallet.signTransaction(tx).catch((error: unknown) => error));
    await wallet.connect();
    wallet.dispose();
    exposed.push(await wallet.signTransaction(tx).catch((error: unknown) => error));
    exposed.push(await wallet.connect().catch((error: unknown) => error));
    exposed.push(wallet);

    expect(exposed.filter((value) => value instanceof Error)).toHaveLength(4);
    expectNoSecretIn(exposed, keypair.secretKey);
    expect(renderings(wallet).join('\n')).toContain(keypair.publicKey.toBase58());
  });
});
