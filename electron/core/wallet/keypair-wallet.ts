import {
  BaseSignerWalletAdapter,
  isVersionedTransaction,
  WalletNotConnectedError,
  WalletNotReadyError,
  WalletReadyState,
  WalletSignTransactionError,
  type WalletAdapterEvents,
  type WalletName,
} from '@solana/wallet-adapter-base';
import { PublicKey, type Transaction, type TransactionVersion, type VersionedTransaction } from '@solana/web3.js';
import { inspect } from 'node:util';
import { SECRET_KEY_LENGTH, signEd25519 } from './ed25519.js';
import type { TransactionSigner } from './signer.js';
import { WalletKeyError } from './wallet-key-error.js';

/**
 * The EventEmitter side of the adapter. Under NodeNext resolution wallet-adapter-base's
 * ESM typings default-import eventemitter3's CommonJS typings as a namespace, so TypeScript
 * loses the inherited emitter methods; at run time they are there (the class extends
 * eventemitter3's EventEmitter). Listeners use `adapterEvents(wallet).on(...)`.
 */
export interface AdapterEvents {
  on<E extends keyof WalletAdapterEvents>(event: E, listener: WalletAdapterEvents[E]): unknown;
  off<E extends keyof WalletAdapterEvents>(event: E, listener: WalletAdapterEvents[E]): unknown;
  emit<E extends keyof WalletAdapterEvents>(event: E, ...args: Parameters<WalletAdapterEvents[E]>): boolean;
  removeAllListeners(): unknown;
}

export function adapterEvents(wallet: BaseSignerWalletAdapter): AdapterEvents {
  return wallet as unknown as AdapterEvents;
}

export const KEYPAIR_WALLET_NAME = 'launchdesk key' as WalletName<'launchdesk key'>;

// A plain key icon: wallet lists expect a data: URI.
const icon =
  'data:image/svg+xml;base64,' +
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="8" cy="12" r="4" fill="none" stroke="#888" stroke-width="2"/><path d="M12 12h10v4M18 12v3" fill="none" stroke="#888" stroke-width="2"/></svg>',
  ).toString('base64');

/**
 * The wallet the live trader signs with: one imported key, held by the main process.
 * A wallet-adapter signer (so anything written against @solana/wallet-adapter-base can use
 * it) and the app's own TransactionSigner.
 *
 * It starts connected: the key is in hand. `disconnect()` pauses signing until `connect()`;
 * `dispose()` zeroes the key for good and every later sign or connect is refused. The
 * public key stays readable after dispose: it is not a secret and names the wallet in logs.
 *
 * What JavaScript can and cannot promise about the secret:
 * - The 64 bytes live in one Uint8Array in a private field (not enumerable, not shown by
 *   JSON.stringify or util.inspect, and never returned). Each signature builds a DER copy
 *   of the seed and zeroes it at once (ed25519.ts); dispose() zeroes the original.
 * - It cannot promise there is no other copy: the text the key was imported from may have
 *   been a JS string (base58 import, safeStorage's string API), and strings are immutable
 *   until the garbage collector frees them; V8 may move (copy) a typed array's backing
 *   store before we zero it; OpenSSL holds the seed while a signature is made and frees it
 *   when the KeyObject is collected; swap and core dumps are the operating system's. We do
 *   not use web3.js's Keypair, which keeps its own copy and slices more on every signature.
 * So zeroing narrows the window in which a memory dump shows the key; it is not a vault.
 */
export class KeypairWallet extends BaseSignerWalletAdapter<'launchdesk key'> implements TransactionSigner {
  readonly name = KEYPAIR_WALLET_NAME;
  // A key kept by the app itself has no web page to point to.
  readonly url = 'about:blank';
  readonly icon = icon;
  readonly readyState = WalletReadyState.Loadable;
  readonly supportedTransactionVersions: ReadonlySet<TransactionVersion> = new Set<TransactionVersion>(['legacy', 0]);
  readonly connecting = false;
  readonly publicKey: PublicKey;

  #secret: Uint8Array | null;
  #connected = true;

  /**
   * Takes ownership of `secretKey` (64 bytes, already checked by parseSecretKey): the wallet
   * keeps this very array and zeroes it on dispose, so the caller must not reuse it.
   */
  constructor(secretKey: Uint8Array) {
    super();
    if (secretKey.length !== SECRET_KEY_LENGTH) throw new WalletKeyError(`a secret key has ${SECRET_KEY_LENGTH} bytes`);
    this.#secret = secretKey;
    this.publicKey = new PublicKey(secretKey.subarray(32));
  }

  override get connected(): boolean {
    return this.#connected && this.#secret !== null;
  }

  get disposed(): boolean {
    return this.#secret === null;
  }

  async connect(): Promise<void> {
    if (this.#secret === null) throw new WalletNotReadyError('the wallet was closed; import or unlock it again');
    if (this.#connected) return;
    this.#connected = true;
    adapterEvents(this).emit('connect', this.publicKey);
  }

  async disconnect(): Promise<void> {
    if (!this.#connected) return;
    this.#connected = false;
    adapterEvents(this).emit('disconnect');
  }

  /** Zeroes the key; the wallet can never sign again. Safe to call twice. */
  dispose(): void {
    if (this.#secret === null) return;
    this.#secret.fill(0);
    this.#secret = null;
    const wasConnected = this.#connected;
    this.#connected = false;
    if (wasConnected) adapterEvents(this).emit('disconnect');
    adapterEvents(this).removeAllListeners();
  }

  async signTransaction<T extends Transaction | VersionedTransaction>(transaction: T): Promise<T> {
    const secret = this.#secret;
    if (secret === null) throw new WalletSignTransactionError('the wallet was closed; it signs nothing');
    if (!this.#connected) throw new WalletNotConnectedError('the wallet is disconnected; connect it before signing');
    if (isVersionedTransaction(transaction)) {
      if (!this.supportedTransactionVersions.has(transaction.version)) {
        throw new WalletSignTransactionError(`transaction version ${String(transaction.version)} is not supported`);
      }
      const { staticAccountKeys, header } = transaction.message;
      const isSigner = staticAccountKeys.slice(0, header.numRequiredSignatures).some((key) => key.equals(this.publicKey));
      if (!isSigner) throw new WalletSignTransactionError(`this transaction does not need ${this.publicKey.toBase58()}'s signature`);
      transaction.addSignature(this.publicKey, signEd25519(secret, transaction.message.serialize()));
      return transaction;
    }
    const legacy = transaction as Transaction;
    let message: Buffer;
    try {
      message = legacy.serializeMessage();
    } catch (error) {
      throw new WalletSignTransactionError(`the transaction cannot be signed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!legacy.signatures.some((pair) => pair.publicKey.equals(this.publicKey))) {
      throw new WalletSignTransactionError(`this transaction does not need ${this.publicKey.toBase58()}'s signature`);
    }
    legacy.addSignature(this.publicKey, Buffer.from(signEd25519(secret, message)));
    return transaction;
  }

  /** What a log line or JSON.stringify shows: the public side only. */
  toJSON(): { wallet: string; publicKey: string; connected: boolean } {
    return { wallet: this.name, publicKey: this.publicKey.toBase58(), connected: this.connected };
  }

  [inspect.custom](): string {
    return `KeypairWallet(${this.publicKey.toBase58()}${this.disposed ? ', closed' : this.connected ? '' : ', disconnected'})`;
  }
}
