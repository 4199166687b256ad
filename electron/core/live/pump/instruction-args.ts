import { createRequire } from 'node:module';
import type { BorshInstructionCoder as BorshInstructionCoderType, Idl } from '@coral-xyz/anchor';
import type { TransactionInstruction, PublicKey } from '@solana/web3.js';

const require = createRequire(import.meta.url);
const { BorshInstructionCoder } = require('@coral-xyz/anchor') as {
  BorshInstructionCoder: typeof BorshInstructionCoderType;
};

/**
 * Reads back the arguments of the instruction the SDK built, with the program's IDL: the plan
 * reports the bounds the chain will enforce (max_sol_cost, min_sol_output…) from the bytes that
 * are signed, not from a second computation that could drift from the SDK's.
 */
export class InstructionArgs {
  private readonly coder: BorshInstructionCoderType;

  constructor(
    idl: unknown,
    private readonly programId: PublicKey,
  ) {
    this.coder = new BorshInstructionCoder(idl as Idl);
  }

  /** The one instruction of `programId` named `name` among `instructions`, and its decoded arguments. */
  find(instructions: readonly TransactionInstruction[], name: string): { index: number; args: Record<string, unknown> } {
    const found = instructions
      .map((instruction, index) => ({ instruction, index }))
      .filter(({ instruction }) => instruction.programId.equals(this.programId));
    const matches = found
      .map(({ instruction, index }) => ({ index, decoded: this.coder.decode(Buffer.from(instruction.data)) }))
      .filter(({ decoded }) => decoded?.name === name);
    if (matches.length !== 1 || !matches[0]?.decoded) {
      throw new Error(`expected one ${name} instruction from the SDK, found ${matches.length}`);
    }
    return { index: matches[0].index, args: matches[0].decoded.data as Record<string, unknown> };
  }
}

/** A u64 argument as bigint (anchor decodes u64 as BN). */
export function u64Arg(args: Record<string, unknown>, name: string): bigint {
  const value = args[name];
  if (value === undefined || value === null || typeof (value as { toString?: unknown }).toString !== 'function') {
    throw new Error(`instruction has no ${name} argument`);
  }
  return BigInt((value as { toString(): string }).toString());
}
