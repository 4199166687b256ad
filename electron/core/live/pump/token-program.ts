import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, unpackAccount, unpackMint } from '@solana/spl-token';
import type { AccountInfo, PublicKey } from '@solana/web3.js';

/**
 * The token program of a coin is the owner of its mint account: create_v2 coins are Token-2022,
 * older ones SPL Token. Deriving the user's token account under the wrong one silently points
 * the trade at an account that does not exist, so anything but these two is refused.
 */
export function tokenProgramOfMint(mint: PublicKey, account: AccountInfo<Buffer> | null): PublicKey {
  if (!account) throw new Error(`mint ${mint.toBase58()} not found on chain (or created too recently for this RPC to show it)`);
  return checkedTokenProgram(mint, account.owner);
}

/** `owner` when it is SPL Token or Token-2022; anything else is refused. */
export function checkedTokenProgram(mint: PublicKey, owner: PublicKey): PublicKey {
  if (owner.equals(TOKEN_PROGRAM_ID) || owner.equals(TOKEN_2022_PROGRAM_ID)) return owner;
  throw new Error(
    `mint ${mint.toBase58()} is owned by ${owner.toBase58()}, neither SPL Token nor Token-2022: refusing to trade it`,
  );
}

export interface MintFacts {
  tokenProgram: PublicKey;
  decimals: number;
  supplyRaw: bigint;
}

/** Reads the mint with spl-token's own unpacker (which checks its size and, under Token-2022, its account type). */
export function readMint(mint: PublicKey, account: AccountInfo<Buffer> | null): MintFacts {
  const tokenProgram = tokenProgramOfMint(mint, account);
  try {
    const decoded = unpackMint(mint, account, tokenProgram);
    return { tokenProgram, decimals: decoded.decimals, supplyRaw: decoded.supply };
  } catch (error) {
    throw new Error(`mint ${mint.toBase58()} is not a valid mint account: ${errorName(error)}`);
  }
}

/** The raw balance of a token account, or 0n when it does not exist. */
export function tokenBalance(address: PublicKey, account: AccountInfo<Buffer> | null, tokenProgram: PublicKey): bigint {
  if (!account) return 0n;
  try {
    return unpackAccount(address, account, tokenProgram).amount;
  } catch (error) {
    throw new Error(`token account ${address.toBase58()} is not a valid ${programName(tokenProgram)} account: ${errorName(error)}`);
  }
}

export const programName = (tokenProgram: PublicKey): string =>
  tokenProgram.equals(TOKEN_2022_PROGRAM_ID) ? 'Token-2022' : 'SPL Token';

// spl-token's errors carry their meaning in the class name and an empty message.
const errorName = (error: unknown): string =>
  error instanceof Error ? error.message || error.name : String(error);
