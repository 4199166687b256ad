import { ComputeBudgetProgram, SystemProgram, type VersionedTransaction } from '@solana/web3.js';

/** What the fake node reads out of a sent transaction to apply it: SOL transfers and the priority fee. */
export interface ChainEffects {
  transfers: { from: string; to: string; lamports: bigint }[];
  computeUnitLimit: number;
  computeUnitPriceMicroLamports: bigint;
  priorityFeeLamports: bigint;
}

/** The runtime's default limit per instruction when no SetComputeUnitLimit is given. */
const DEFAULT_UNITS_PER_INSTRUCTION = 200_000;
const MAX_UNITS = 1_400_000;

/**
 * Decodes the System Program transfers (instruction 2: u32 tag, u64 lamports) and the
 * Compute Budget instructions (2: SetComputeUnitLimit u32, 3: SetComputeUnitPrice u64) of a
 * v0 or legacy transaction's static keys. Priority fee = ceil(limit × price / 10^6).
 */
export function chainEffectsOf(transaction: VersionedTransaction): ChainEffects {
  const keys = transaction.message.staticAccountKeys.map((k) => k.toBase58());
  const transfers: ChainEffects['transfers'] = [];
  let limit: number | undefined;
  let price = 0n;
  let others = 0;
  for (const instruction of transaction.message.compiledInstructions) {
    const program = keys[instruction.programIdIndex];
    const data = Buffer.from(instruction.data);
    if (program === ComputeBudgetProgram.programId.toBase58()) {
      if (data[0] === 2 && data.length >= 5) limit = data.readUInt32LE(1);
      if (data[0] === 3 && data.length >= 9) price = data.readBigUInt64LE(1);
      continue;
    }
    others += 1;
    if (program === SystemProgram.programId.toBase58() && data.length >= 12 && data.readUInt32LE(0) === 2) {
      const from = keys[instruction.accountKeyIndexes[0] ?? -1];
      const to = keys[instruction.accountKeyIndexes[1] ?? -1];
      if (from && to) transfers.push({ from, to, lamports: data.readBigUInt64LE(4) });
    }
  }
  const units = Math.min(limit ?? DEFAULT_UNITS_PER_INSTRUCTION * others, MAX_UNITS);
  const priorityFeeLamports = (BigInt(units) * price + 999_999n) / 1_000_000n;
  return { transfers, computeUnitLimit: units, computeUnitPriceMicroLamports: price, priorityFeeLamports };
}
