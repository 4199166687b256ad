import { createRequire } from 'node:module';
import type { BorshInstructionCoder as BorshInstructionCoderType, Idl } from '@coral-xyz/anchor';
import type { AccountMeta, PublicKey, TransactionInstruction } from '@solana/web3.js';

const require = createRequire(import.meta.url);
const { BorshInstructionCoder } = require('@coral-xyz/anchor') as {
  BorshInstructionCoder: typeof BorshInstructionCoderType;
};

interface IdlInstruction {
  name: string;
  accounts: { name: string }[];
}

export interface DecodedInstruction {
  name: string;
  args: Record<string, unknown>;
  /** The IDL's named accounts, by name, in the IDL's order. */
  accounts: Record<string, AccountMeta>;
  /** Everything past the IDL's accounts (the SDK's remaining accounts). */
  remaining: AccountMeta[];
}

/** Decodes an instruction with a program's IDL: name and args by the coder, account metas by the IDL's account order. */
export function instructionDecoder(idl: unknown, programId: PublicKey) {
  const coder = new BorshInstructionCoder(idl as Idl);
  const instructions = (idl as { instructions: IdlInstruction[] }).instructions;
  return (instruction: TransactionInstruction): DecodedInstruction => {
    if (!instruction.programId.equals(programId)) throw new Error(`not a ${programId.toBase58()} instruction`);
    const decoded = coder.decode(Buffer.from(instruction.data));
    if (!decoded) throw new Error('the IDL does not know this instruction');
    const definition = instructions.find((candidate) => candidate.name === decoded.name);
    if (!definition) throw new Error(`no ${decoded.name} in the IDL`);
    const accounts: Record<string, AccountMeta> = {};
    definition.accounts.forEach((account, index) => {
      const meta = instruction.keys[index];
      if (!meta) throw new Error(`${decoded.name} lacks its account ${account.name}`);
      accounts[account.name] = meta;
    });
    return {
      name: decoded.name,
      args: decoded.data as Record<string, unknown>,
      accounts,
      remaining: instruction.keys.slice(definition.accounts.length),
    };
  };
}

export const big = (value: unknown): bigint => BigInt((value as { toString(): string }).toString());
