import { address, getTransactionDecoder, lamports, signature as kitSignature, type Address } from '@solana/kit';
import { PublicKey, type AccountInfo, type Transaction, type VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { FailedTransactionMetadata, LiteSVM } from 'litesvm';

/** What the chain said about one transaction. */
export type ChainResult =
  | { ok: true; signature: string; computeUnits: bigint; logs: string[] }
  | { ok: false; signature: string; error: string; logs: string[] };

const toAddress = (key: PublicKey): Address => address(key.toBase58());

/**
 * LiteSVM (a real Solana runtime in process: system, SPL Token, Token-2022 and ATA programs,
 * signature checks on) spoken to in web3.js 1.x terms, which is what the app builds with.
 * LiteSVM speaks @solana/kit, so a transaction goes over the wire format: web3.js serializes
 * the signed bytes, kit decodes them, LiteSVM executes them. Nothing is re-signed on the way.
 */
export class LitesvmChain {
  readonly svm = new LiteSVM();

  /** The blockhash a transaction must carry to be accepted now. */
  latestBlockhash(): string {
    return this.svm.latestBlockhash();
  }

  airdrop(to: PublicKey, amount: bigint): void {
    const result = this.svm.airdrop(toAddress(to), lamports(amount));
    if (result instanceof FailedTransactionMetadata) throw new Error(`airdrop failed: ${result.toString()}`);
  }

  /** Lamports held; 0 for an account that does not exist. */
  balance(of: PublicKey): bigint {
    return this.svm.getBalance(toAddress(of)) ?? 0n;
  }

  /** The account as web3.js's AccountInfo (what spl-token's unpack functions take), or null. */
  account(of: PublicKey): AccountInfo<Buffer> | null {
    const account = this.svm.getAccount(toAddress(of));
    if (!account.exists) return null;
    return {
      data: Buffer.from(account.data),
      owner: new PublicKey(account.programAddress),
      lamports: Number(account.lamports),
      executable: account.executable,
      rentEpoch: 0,
    };
  }

  rentExempt(dataLength: number): bigint {
    return this.svm.minimumBalanceForRentExemption(BigInt(dataLength));
  }

  /** Executes the signed transaction as serialized; never throws for an on-chain failure. */
  send(transaction: VersionedTransaction | Transaction): ChainResult {
    const wire = transaction.serialize();
    const decoded = getTransactionDecoder().decode(wire);
    const firstSignature = Object.values(decoded.signatures)[0];
    const signature = firstSignature ? bs58.encode(firstSignature) : '';
    const result = this.svm.sendTransaction(decoded);
    if (result instanceof FailedTransactionMetadata) {
      return { ok: false, signature, error: result.toString(), logs: result.meta().logs() };
    }
    return { ok: true, signature, computeUnits: result.computeUnitsConsumed(), logs: result.logs() };
  }

  /** Whether the chain kept a record of this signature (landed, with or without an error). */
  landed(signature: string): boolean {
    return this.svm.getTransaction(kitSignature(signature)) !== null;
  }
}
