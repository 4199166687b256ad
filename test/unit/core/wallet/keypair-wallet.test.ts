import {
  WalletNotConnectedError,
  WalletNotReadyError,
  WalletReadyState,
  WalletSendTransactionError,
  WalletSignTransactionError,
  type SignerWalletAdapter,
} from '@solana/wallet-adapter-base';
import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
  type TransactionInstruction,
} from '@solana/web3.js';
import { describe, expect, it, vi } from 'vitest';
import { adapterEvents, KeypairWallet } from '../../../../electron/core/wallet/keypair-wallet.js';
import type { TransactionSigner } from '../../../../electron/core/wallet/signer.js';

const blockhash = new PublicKey(Buffer.alloc(32, 9)).toBase58();

const recipient = Keypair.generate().publicKey;

function transfer(from: PublicKey, to = recipient): TransactionInstruction {
  return SystemProgram.transfer({ fromPubkey: from, toPubkey: to, lamports: 1_000 });
}

function versioned(payer: PublicKey, instructions: TransactionInstruction[] = [transfer(payer)]): VersionedTransaction {
  return new VersionedTransaction(new TransactionMessage({ payerKey: payer, recentBlockhash: blockhash, instructions }).compileToV0Message());
}

function walletWithKeypair(): { wallet: KeypairWallet; keypair: Keypair } {
  const keypair = Keypair.generate();
  return { wallet: new KeypairWallet(Uint8Array.from(keypair.secretKey)), keypair };
}

describe('KeypairWallet', () => {
  it('is a wallet-adapter signer and the trader’s TransactionSigner', () => {
    const { wallet, keypair } = walletWithKeypair();
    const adapter: SignerWalletAdapter = wallet;
    const signer: TransactionSigner = wallet;
    expect(adapter.name).toBe('launchdesk key');
    expect(adapter.icon).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(typeof adapter.url).toBe('string');
    expect(adapter.readyState).toBe(WalletReadyState.Loadable);
    expect(adapter.connecting).toBe(false);
    expect(adapter.connected).toBe(true);
    expect(adapter.supportedTransactionVersions?.has(0)).toBe(true);
    expect(adapter.supportedTransactionVersions?.has('legacy')).toBe(true);
    expect(signer.publicKey.equals(keypair.publicKey)).toBe(true);
  });

  it('signs a v0 transaction exactly as web3.js’s Keypair does, and the signature verifies', async () => {
    const { wallet, keypair } = walletWithKeypair();
    const ours = await wallet.signTransaction(versioned(keypair.publicKey));
    const reference = versioned(keypair.publicKey);
    reference.sign([keypair]);
    expect(Buffer.from(ours.signatures[0]!)).toEqual(Buffer.from(reference.signatures[0]!));
    expect(Buffer.from(ours.serialize())).toEqual(Buffer.from(reference.serialize()));
  });

  it('signs a legacy transaction, leaving the other signer’s slot to its owner', async () => {
    const { wallet, keypair } = walletWithKeypair();
    const other = Keypair.generate();
    const tx = new Transaction({ feePayer: keypair.publicKey, recentBlockhash: blockhash }).add(transfer(keypair.publicKey), transfer(other.publicKey));
    await wallet.signTransaction(tx);
    expect(tx.verifySignatures(false)).toBe(true);
    expect(tx.verifySignatures(true)).toBe(false);
    tx.partialSign(other);
    expect(tx.verifySignatures(true)).toBe(true);
  });

  it('signs all of a batch (the adapter’s signAllTransactions)', async () => {
    const { wallet, keypair } = walletWithKeypair();
    const signed = await wallet.signAllTransactions([versioned(keypair.publicKey), versioned(keypair.publicKey)]);
    for (const tx of signed) {
      const reference = versioned(keypair.publicKey);
      reference.sign([keypair]);
      expect(Buffer.from(tx.signatures[0]!)).toEqual(Buffer.from(reference.signatures[0]!));
    }
  });

  it('refuses a transaction that does not need its signature', async () => {
    const { wallet } = walletWithKeypair();
    const stranger = Keypair.generate().publicKey;
    await expect(wallet.signTransaction(versioned(stranger))).rejects.toBeInstanceOf(WalletSignTransactionError);
    const legacy = new Transaction({ feePayer: stranger, recentBlockhash: blockhash }).add(transfer(stranger));
    await expect(wallet.signTransaction(legacy)).rejects.toBeInstanceOf(WalletSignTransactionError);
  });

  it('refuses a legacy transaction it cannot compile, with a wallet error', async () => {
    const { wallet } = walletWithKeypair();
    await expect(wallet.signTransaction(new Transaction())).rejects.toBeInstanceOf(WalletSignTransactionError);
  });

  it('disconnect pauses signing until connect; the events fire once each', async () => {
    const { wallet, keypair } = walletWithKeypair();
    const onConnect = vi.fn();
    const onDisconnect = vi.fn();
    adapterEvents(wallet).on('connect', onConnect);
    adapterEvents(wallet).on('disconnect', onDisconnect);
    await wallet.disconnect();
    await wallet.disconnect();
    expect(wallet.connected).toBe(false);
    await expect(wallet.signTransaction(versioned(keypair.publicKey))).rejects.toBeInstanceOf(WalletNotConnectedError);
    await wallet.connect();
    await wallet.connect();
    expect(onDisconnect).toHaveBeenCalledTimes(1);
    expect(onConnect).toHaveBeenCalledTimes(1);
    expect(onConnect.mock.calls[0]![0].equals(keypair.publicKey)).toBe(true);
    await expect(wallet.signTransaction(versioned(keypair.publicKey))).resolves.toBeDefined();
  });

  it('zeroes the bytes it was given at once; after dispose, signing and connecting are refused', async () => {
    const keypair = Keypair.generate();
    const secret = Uint8Array.from(keypair.secretKey);
    const wallet = new KeypairWallet(secret);
    expect(secret.every((byte) => byte === 0)).toBe(true);
    await wallet.signTransaction(versioned(keypair.publicKey));
    wallet.dispose();
    wallet.dispose();
    expect(wallet.disposed).toBe(true);
    expect(wallet.connected).toBe(false);
    expect(wallet.publicKey.equals(keypair.publicKey)).toBe(true);
    await expect(wallet.signTransaction(versioned(keypair.publicKey))).rejects.toBeInstanceOf(WalletSignTransactionError);
    await expect(wallet.connect()).rejects.toBeInstanceOf(WalletNotReadyError);
  });

  it('refuses a key whose public half is not its secret half, and zeroes it all the same', () => {
    const secret = Uint8Array.from(Keypair.generate().secretKey);
    secret.set(Keypair.generate().publicKey.toBytes(), 32);
    expect(() => new KeypairWallet(secret)).toThrow(/public half does not match/);
    expect(secret.every((byte) => byte === 0)).toBe(true);
  });

  it('never sends by itself (sends go through the live trader’s fence), without touching the connection', async () => {
    const { wallet, keypair } = walletWithKeypair();
    const connection = new Proxy({}, { get: () => { throw new Error('the connection was used'); } }) as never;
    await expect(wallet.sendTransaction(versioned(keypair.publicKey), connection)).rejects.toBeInstanceOf(WalletSendTransactionError);
  });

  it('refuses a key that is not 64 bytes', () => {
    expect(() => new KeypairWallet(new Uint8Array(32))).toThrow(/64 bytes/);
  });
});
