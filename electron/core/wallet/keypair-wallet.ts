import {
  BaseSignerWalletAdapter,
  isVersionedTransaction,
  WalletNotConnectedError,
  WalletNotReadyError,
  WalletReadyState,
  WalletSendTransactionError,
  WalletSignTransactionError,
  type WalletAdapterEvents,
  type WalletName,
} from '@solana/wallet-adapter-base';
import { PublicKey, type Connection, type Transaction, type TransactionSignature, type TransactionVersion, type VersionedTransaction } from '@solana/web3.js';
import type { KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { ed25519PrivateKey, publicKeyOf, SECRET_KEY_LENGTH, signEd25519 } from './ed25519.js';
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
 * `dispose()` lets go of the key for good and every later sign or connect is refused. The
 * public key stays readable after dispose: it is not a secret and names the wallet in logs.
 *
 * Where the secret is, and what JavaScript can and cannot promise about it:
 * - The constructor hands the seed to OpenSSL (one private key object, ed25519.ts) and
 *   zeroes the 64 bytes it was given, and the DER buffer used on the way. From then on the
 *   only copy this code made is inside OpenSSL, outside the JS heap: not enumerable, not
 *   shown by JSON.stringify or util.inspect, never moved by the garbage collector, cleansed
 *   by OpenSSL when freed. Signing makes no further copy (and is ~10x cheaper than building
 *   a key per signature, which would leave one OpenSSL copy per signature until collected).
 * - dispose() drops that key object; JS has no way to free native memory on demand, so it
 *   is freed (and cleansed) at the next garbage collection, not at the call.
 * - Copies made before the wallet existed are the caller's: parseSecretKey and the stores
 *   zero the buffers they read, but base58 text and safeStorage's string API pass the key
 *   as JS strings, which are immutable until collected; V8 may have moved a typed array
 *   before it was zeroed; swap and core dumps belong to the operating system. We do not use
 *   web3.js's Keypair, which keeps its own JS copy and slices more on every signature.
 * So the key is kept out of reach of logs, IPC and the renderer by construction, and out of
 * JS memory as far as JS allows; it is not a hardware wallet.
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

  #key: KeyObject | null;
  #connected = true;

  /**
   * Takes `secretKey` (64 bytes, already checked by parseSecretKey) and zeroes it: the
   * caller's array holds nothing afterwards, even if the constructor throws.
   */
  constructor(secretKey: Uint8Array) {
    super();
    try {
      if (secretKey.length !== SECRET_KEY_LENGTH) throw new WalletKeyError(`a secret key has ${SECRET_KEY_LENGTH} bytes`);
      const key = ed25519PrivateKey(secretKey);
      const publicKey = publicKeyOf(key);
      // Checked again here (parseSecretKey did) because a mismatch would sign with one key
      // under the name of another: every transaction refused on chain.
      if (Buffer.compare(publicKey, secretKey.subarray(32)) !== 0) throw new WalletKeyError('the key is damaged: its public half does not match its secret half');
      this.publicKey = new PublicKey(publicKey);
      this.#key = key;
    } finally {
      secretKey.fill(0);
    }
  }

  override get connected(): boolean {
    return this.#connected && this.#key !== null;
  }

  get disposed(): boolean {
    return this.#key === null;
  }

  async connect(): Promise<void> {
    if (this.#key === null) throw new WalletNotReadyError('the wallet was closed; import or unlock it again');
    if (this.#connected) return;
    this.#connected = true;
    adapterEvents(this).emit('connect', this.publicKey);
  }

  async disconnect(): Promise<void> {
    if (!this.#connected) return;
    this.#connected = false;
    adapterEvents(this).emit('disconnect');
  }

  /** Lets go of the key (freed at the next collection); the wallet never signs again. Safe to call twice. */
  dispose(): void {
    if (this.#key === null) return;
    this.#key = null;
    const wasConnected = this.#connected;
    this.#connected = false;
    if (wasConnected) adapterEvents(this).emit('disconnect');
    adapterEvents(this).removeAllListeners();
  }

  async signTransaction<T extends Transaction | VersionedTransaction>(transaction: T): Promise<T> {
    const key = this.#key;
    if (key === null) throw new WalletSignTransactionError('the wallet was closed; it signs nothing');
    if (!this.#connected) throw new WalletNotConnectedError('the wallet is disconnected; connect it before signing');
    if (isVersionedTransaction(transaction)) {
      if (!this.supportedTransactionVersions.has(transaction.version)) {
        throw new WalletSignTransactionError(`transaction version ${String(transaction.version)} is not supported`);
      }
      const { staticAccountKeys, header } = transaction.message;
      const isSigner = staticAccountKeys.slice(0, header.numRequiredSignatures).some((key) => key.equals(this.publicKey));
      if (!isSigner) throw new WalletSignTransactionError(`this transaction does not need ${this.publicKey.toBase58()}'s signature`);
      transaction.addSignature(this.publicKey, signEd25519(key, transaction.message.serialize()));
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
    legacy.addSignature(this.publicKey, Buffer.from(signEd25519(key, message)));
    return transaction;
  }

  /**
   * Refused: a buy is sent only after its signed bytes are recorded in the ledger (the
   * fence), by the live trader's own send path. The adapter's sendTransaction would sign
   * and send in one step, past that record, so this wallet never sends anything itself.
   */
  override async sendTransaction(_transaction: Transaction | VersionedTransaction, _connection: Connection): Promise<TransactionSignature> {
    throw new WalletSendTransactionError('this wallet signs only; transactions are sent by the live trader after their fence is recorded');
  }

  /** What a log line or JSON.stringify shows: the public side only. */
  toJSON(): { wallet: string; publicKey: string; connected: boolean } {
    return { wallet: this.name, publicKey: this.publicKey.toBase58(), connected: this.connected };
  }

  [inspect.custom](): string {
    return `KeypairWallet(${this.publicKey.toBase58()}${this.disposed ? ', closed' : this.connected ? '' : ', disconnected'})`;
  }
}
