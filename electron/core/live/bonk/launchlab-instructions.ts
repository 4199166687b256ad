import {
  NATIVE_MINT,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotentInstruction,
  createCloseAccountInstruction,
  createSyncNativeInstruction,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { type AccountMeta, PublicKey, SystemProgram, TransactionInstruction } from '@solana/web3.js';
import { LAUNCHLAB_PROGRAM_ID, type PoolState } from './launchlab-layout.js';
import {
  DerivedAddresses,
  creatorFeeVaultAddress,
  eventAuthorityAddress,
  platformFeeVaultAddress,
  vaultAuthorityAddress,
} from './launchlab-pdas.js';

/**
 * LaunchLab's buy_exact_in and sell_exact_in, built from the program's IDL: the 8-byte
 * Anchor discriminator, three little-endian u64 arguments, and the accounts in the IDL's
 * order followed by the remaining accounts the creator-fee upgrade made mandatory
 * (system program, platform fee vault, creator fee vault). No share fee: the app trades
 * for itself, so share_fee_rate is 0 and no share-fee receiver is passed.
 */
export const INSTRUCTION_DISCRIMINATORS = {
  buyExactIn: Uint8Array.from([250, 234, 13, 123, 213, 156, 19, 236]),
  sellExactIn: Uint8Array.from([149, 39, 222, 155, 211, 124, 152, 26]),
} as const;

const U64_MAX = (1n << 64n) - 1n;

/** Everything about one pool that a buy or a sell names. */
export interface LaunchLabTradeAccounts {
  user: PublicKey;
  pool: PublicKey;
  state: Pick<PoolState, 'globalConfig' | 'platformConfig' | 'baseMint' | 'quoteMint' | 'baseVault' | 'quoteVault' | 'creator'>;
  /** The base mint's owner: SPL Token or Token-2022. */
  baseTokenProgram: PublicKey;
  programId?: PublicKey;
}

/** The wallet's token accounts: its WSOL account serves every trade, a mint's serves its buy and later sells. */
const tokenAccounts = new DerivedAddresses();

/** The wallet's associated token account of `mint` under `tokenProgram` (remembered, see above). */
export function associatedTokenAddress(mint: PublicKey, user: PublicKey, tokenProgram: PublicKey): PublicKey {
  return tokenAccounts.get(`${user.toBase58()}:${mint.toBase58()}:${tokenProgram.toBase58()}`, () =>
    getAssociatedTokenAddressSync(mint, user, false, tokenProgram),
  );
}

/** The user's associated accounts for the pool's base mint and for WSOL. */
export function userAccounts(accounts: LaunchLabTradeAccounts): { base: PublicKey; quote: PublicKey } {
  const { user, state } = accounts;
  return {
    base: associatedTokenAddress(state.baseMint, user, accounts.baseTokenProgram),
    quote: associatedTokenAddress(state.quoteMint, user, TOKEN_PROGRAM_ID),
  };
}

export function buyExactInInstruction(
  accounts: LaunchLabTradeAccounts,
  amountInLamports: bigint,
  minimumTokensOut: bigint,
): TransactionInstruction {
  return swapInstruction(INSTRUCTION_DISCRIMINATORS.buyExactIn, accounts, userAccounts(accounts), amountInLamports, minimumTokensOut);
}

export function sellExactInInstruction(
  accounts: LaunchLabTradeAccounts,
  tokensIn: bigint,
  minimumLamportsOut: bigint,
): TransactionInstruction {
  return swapInstruction(INSTRUCTION_DISCRIMINATORS.sellExactIn, accounts, userAccounts(accounts), tokensIn, minimumLamportsOut);
}

/**
 * A whole bonk.fun buy: the user's base token account (idempotent create: a second buy
 * of the same mint must not fail on it), SOL wrapped into the user's WSOL account
 * (idempotent create, transfer, sync), buy_exact_in, and the WSOL account closed again, so
 * its rent and anything left in it return to the wallet in the same transaction.
 */
export function buyInstructions(
  accounts: LaunchLabTradeAccounts,
  amountInLamports: bigint,
  minimumTokensOut: bigint,
): TransactionInstruction[] {
  const { user, state, baseTokenProgram } = accounts;
  assertWsolQuote(state.quoteMint);
  u64(amountInLamports, 'amount_in');
  u64(minimumTokensOut, 'minimum_amount_out');
  const mine = userAccounts(accounts);
  return [
    createAssociatedTokenAccountIdempotentInstruction(user, mine.base, user, state.baseMint, baseTokenProgram),
    createAssociatedTokenAccountIdempotentInstruction(user, mine.quote, user, NATIVE_MINT, TOKEN_PROGRAM_ID),
    SystemProgram.transfer({ fromPubkey: user, toPubkey: mine.quote, lamports: amountInLamports }),
    createSyncNativeInstruction(mine.quote, TOKEN_PROGRAM_ID),
    swapInstruction(INSTRUCTION_DISCRIMINATORS.buyExactIn, accounts, mine, amountInLamports, minimumTokensOut),
    createCloseAccountInstruction(mine.quote, user, user, [], TOKEN_PROGRAM_ID),
  ];
}

/**
 * A whole bonk.fun sell: the WSOL account that receives the proceeds (idempotent create),
 * sell_exact_in, then the WSOL account closed, which unwraps the proceeds into the wallet.
 * The base token account is left open: a partial sell keeps tokens in it.
 */
export function sellInstructions(
  accounts: LaunchLabTradeAccounts,
  tokensIn: bigint,
  minimumLamportsOut: bigint,
): TransactionInstruction[] {
  const { user, state } = accounts;
  assertWsolQuote(state.quoteMint);
  u64(tokensIn, 'amount_in');
  u64(minimumLamportsOut, 'minimum_amount_out');
  const mine = userAccounts(accounts);
  return [
    createAssociatedTokenAccountIdempotentInstruction(user, mine.quote, user, NATIVE_MINT, TOKEN_PROGRAM_ID),
    swapInstruction(INSTRUCTION_DISCRIMINATORS.sellExactIn, accounts, mine, tokensIn, minimumLamportsOut),
    createCloseAccountInstruction(mine.quote, user, user, [], TOKEN_PROGRAM_ID),
  ];
}

function swapInstruction(
  discriminator: Uint8Array,
  accounts: LaunchLabTradeAccounts,
  mine: { base: PublicKey; quote: PublicKey },
  amount: bigint,
  otherAmountThreshold: bigint,
): TransactionInstruction {
  const programId = accounts.programId ?? LAUNCHLAB_PROGRAM_ID;
  const { user, pool, state, baseTokenProgram } = accounts;
  const data = Buffer.alloc(8 + 3 * 8);
  data.set(discriminator, 0);
  data.writeBigUInt64LE(u64(amount, 'amount_in'), 8);
  data.writeBigUInt64LE(u64(otherAmountThreshold, 'minimum_amount_out'), 16);
  data.writeBigUInt64LE(0n, 24); // share_fee_rate
  const keys: AccountMeta[] = [
    { pubkey: user, isSigner: true, isWritable: true }, // payer
    { pubkey: vaultAuthorityAddress(programId), isSigner: false, isWritable: false }, // authority
    { pubkey: state.globalConfig, isSigner: false, isWritable: false },
    { pubkey: state.platformConfig, isSigner: false, isWritable: false },
    { pubkey: pool, isSigner: false, isWritable: true }, // pool_state
    { pubkey: mine.base, isSigner: false, isWritable: true }, // user_base_token
    { pubkey: mine.quote, isSigner: false, isWritable: true }, // user_quote_token
    { pubkey: state.baseVault, isSigner: false, isWritable: true },
    { pubkey: state.quoteVault, isSigner: false, isWritable: true },
    { pubkey: state.baseMint, isSigner: false, isWritable: false },
    { pubkey: state.quoteMint, isSigner: false, isWritable: false },
    { pubkey: baseTokenProgram, isSigner: false, isWritable: false },
    { pubkey: TOKEN_PROGRAM_ID, isSigner: false, isWritable: false }, // quote_token_program (the IDL fixes it)
    { pubkey: eventAuthorityAddress(programId), isSigner: false, isWritable: false },
    { pubkey: programId, isSigner: false, isWritable: false }, // program (event CPI)
    // Remaining accounts, required since the creator-fee upgrade (6018 NotEnoughRemainingAccounts without them).
    { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
    { pubkey: platformFeeVaultAddress(state.platformConfig, state.quoteMint, programId), isSigner: false, isWritable: true },
    { pubkey: creatorFeeVaultAddress(state.creator, state.quoteMint, programId), isSigner: false, isWritable: true },
  ];
  return new TransactionInstruction({ programId, keys, data });
}

function u64(value: bigint, what: string): bigint {
  if (value < 0n || value > U64_MAX) throw new RangeError(`LaunchLab ${what} ${value} is not a u64`);
  return value;
}

function assertWsolQuote(quoteMint: PublicKey): void {
  // bonk.fun also launches USD1-quoted pools; wrapping SOL for those would buy nothing.
  if (!quoteMint.equals(NATIVE_MINT)) {
    throw new Error(`LaunchLab pool quoted in ${quoteMint.toBase58()}, not WSOL: only SOL-quoted pools are traded`);
  }
}
