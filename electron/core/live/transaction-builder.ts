import { ComputeBudgetProgram, TransactionMessage, VersionedTransaction, type PublicKey, type TransactionInstruction } from '@solana/web3.js';

export interface BuildRequest {
  payer: PublicKey;
  blockhash: string;
  computeUnitLimit: number;
  /** Micro-lamports per compute unit. */
  computeUnitPrice: bigint;
  /** The venue's instructions, after the two compute-budget ones. */
  instructions: TransactionInstruction[];
}

/** Instructions placed before the venue's: setComputeUnitLimit, setComputeUnitPrice. */
export const COMPUTE_BUDGET_INSTRUCTIONS = 2;

/** A v0 transaction (no lookup tables): compute-unit limit, compute-unit price, then the trade. */
export function buildTransaction(request: BuildRequest): VersionedTransaction {
  const message = new TransactionMessage({
    payerKey: request.payer,
    recentBlockhash: request.blockhash,
    instructions: [
      ComputeBudgetProgram.setComputeUnitLimit({ units: request.computeUnitLimit }),
      ComputeBudgetProgram.setComputeUnitPrice({ microLamports: request.computeUnitPrice }),
      ...request.instructions,
    ],
  }).compileToV0Message();
  return new VersionedTransaction(message);
}

/** The program each instruction of a (signed) transaction calls, by instruction index. */
export function programsByInstruction(transaction: VersionedTransaction): string[] {
  const keys = transaction.message.staticAccountKeys;
  return transaction.message.compiledInstructions.map((ix) => keys[ix.programIdIndex]?.toBase58() ?? '');
}

/** Accounts the trade writes (not the payer): what getRecentPrioritizationFees should be asked about. */
export function writableAccounts(instructions: TransactionInstruction[], payer: PublicKey): string[] {
  const seen = new Set<string>();
  for (const ix of instructions) for (const key of ix.keys) if (key.isWritable && !key.pubkey.equals(payer)) seen.add(key.pubkey.toBase58());
  // The RPC accepts at most 128 accounts.
  return [...seen].slice(0, 128);
}
