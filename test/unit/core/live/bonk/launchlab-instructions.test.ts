import {
  ASSOCIATED_TOKEN_PROGRAM_ID,
  NATIVE_MINT,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  decodeCloseAccountInstruction,
  decodeSyncNativeInstruction,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { Keypair, PublicKey, SystemInstruction, SystemProgram, type TransactionInstruction } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import {
  INSTRUCTION_DISCRIMINATORS,
  buyInstructions,
  sellInstructions,
  type LaunchLabTradeAccounts,
} from '../../../../../electron/core/live/bonk/launchlab-instructions.js';
import { LAUNCHLAB_PROGRAM_ID } from '../../../../../electron/core/live/bonk/launchlab-layout.js';
import { poolAddress, poolVaultAddress } from '../../../../../electron/core/live/bonk/launchlab-pdas.js';
import { BONK_PLATFORM, LAUNCHLAB_GLOBAL_CONFIG } from '../../../../support/launchlab-accounts.js';

/**
 * buy_exact_in / sell_exact_in decoded against LaunchLab's IDL: the account names in the
 * IDL's order, then the remaining accounts of the creator-fee upgrade. Addresses the IDL
 * and Raydium's docs give as constants (authority WLHv2…, event authority 2DPAt…) are
 * written out here, so a wrong seed in the app cannot agree with itself.
 */
const IDL_ACCOUNTS = [
  'payer',
  'authority',
  'global_config',
  'platform_config',
  'pool_state',
  'user_base_token',
  'user_quote_token',
  'base_vault',
  'quote_vault',
  'base_token_mint',
  'quote_token_mint',
  'base_token_program',
  'quote_token_program',
  'event_authority',
  'program',
  // remaining accounts
  'system_program',
  'platform_fee_vault',
  'creator_fee_vault',
] as const;

const VAULT_AUTHORITY = new PublicKey('WLHv2UAZm6z4KyaaELi5pjdbJh6RESMva1Rnn8pJVVh');
const EVENT_AUTHORITY = new PublicKey('2DPAtwB8L12vrMRExbLuyGnC7n2J5LNoZQSejeQGpwkr');

function tradeAccounts(baseTokenProgram: PublicKey): LaunchLabTradeAccounts & { creator: PublicKey; mint: PublicKey } {
  const mint = Keypair.generate().publicKey;
  const creator = Keypair.generate().publicKey;
  const pool = poolAddress(mint, NATIVE_MINT);
  return {
    mint,
    creator,
    user: Keypair.generate().publicKey,
    pool,
    baseTokenProgram,
    state: {
      globalConfig: LAUNCHLAB_GLOBAL_CONFIG,
      platformConfig: BONK_PLATFORM,
      baseMint: mint,
      quoteMint: NATIVE_MINT,
      baseVault: poolVaultAddress(pool, mint),
      quoteVault: poolVaultAddress(pool, NATIVE_MINT),
      creator,
    },
  };
}

function decodeSwap(ix: TransactionInstruction) {
  const data = Buffer.from(ix.data);
  expect(data.length).toBe(32);
  const accounts = Object.fromEntries(IDL_ACCOUNTS.map((name, i) => [name, ix.keys[i]]));
  expect(ix.keys).toHaveLength(IDL_ACCOUNTS.length);
  return {
    discriminator: [...data.subarray(0, 8)],
    amount: data.readBigUInt64LE(8),
    threshold: data.readBigUInt64LE(16),
    shareFeeRate: data.readBigUInt64LE(24),
    accounts: accounts as Record<(typeof IDL_ACCOUNTS)[number], { pubkey: PublicKey; isSigner: boolean; isWritable: boolean }>,
  };
}

describe.each([
  ['SPL Token', TOKEN_PROGRAM_ID],
  ['Token-2022', TOKEN_2022_PROGRAM_ID],
])('LaunchLab instructions for a %s base mint', (_name, tokenProgram) => {
  it('buy: user token account, WSOL wrapped, buy_exact_in with its accounts and arguments, WSOL closed', () => {
    const t = tradeAccounts(tokenProgram);
    const ixs = buyInstructions(t, 250_000_000n, 7_000_000_000_000n);
    expect(ixs.map((ix) => ix.programId.toBase58())).toEqual([
      ASSOCIATED_TOKEN_PROGRAM_ID.toBase58(),
      ASSOCIATED_TOKEN_PROGRAM_ID.toBase58(),
      SystemProgram.programId.toBase58(),
      TOKEN_PROGRAM_ID.toBase58(),
      LAUNCHLAB_PROGRAM_ID.toBase58(),
      TOKEN_PROGRAM_ID.toBase58(),
    ]);
    const userBase = getAssociatedTokenAddressSync(t.mint, t.user, false, tokenProgram);
    const userWsol = getAssociatedTokenAddressSync(NATIVE_MINT, t.user, false, TOKEN_PROGRAM_ID);

    // Idempotent ATA creates (instruction 1), for the base mint under its own program, then WSOL.
    const [createBase, createWsol, transfer, sync, buy, close] = ixs as [TransactionInstruction, ...TransactionInstruction[]];
    expect([...createBase.data]).toEqual([1]);
    expect(createBase.keys[1]!.pubkey.equals(userBase)).toBe(true);
    expect(createBase.keys[3]!.pubkey.equals(t.mint)).toBe(true);
    expect(createBase.keys[5]!.pubkey.equals(tokenProgram)).toBe(true);
    expect([...createWsol!.data]).toEqual([1]);
    expect(createWsol!.keys[1]!.pubkey.equals(userWsol)).toBe(true);
    expect(createWsol!.keys[5]!.pubkey.equals(TOKEN_PROGRAM_ID)).toBe(true);

    const moved = SystemInstruction.decodeTransfer(transfer!);
    expect(moved.fromPubkey.equals(t.user) && moved.toPubkey.equals(userWsol)).toBe(true);
    expect(moved.lamports).toBe(250_000_000n);
    expect(decodeSyncNativeInstruction(sync!).keys.account.pubkey.equals(userWsol)).toBe(true);

    const decoded = decodeSwap(buy!);
    expect(decoded.discriminator).toEqual([250, 234, 13, 123, 213, 156, 19, 236]);
    expect(decoded.discriminator).toEqual([...INSTRUCTION_DISCRIMINATORS.buyExactIn]);
    expect(decoded.amount).toBe(250_000_000n); // amount_in
    expect(decoded.threshold).toBe(7_000_000_000_000n); // minimum_amount_out
    expect(decoded.shareFeeRate).toBe(0n);
    expectSwapAccounts(decoded.accounts, t, userBase, userWsol, tokenProgram);

    const closed = decodeCloseAccountInstruction(close!);
    expect(closed.keys.account.pubkey.equals(userWsol)).toBe(true);
    expect(closed.keys.destination.pubkey.equals(t.user)).toBe(true);
    expect(closed.keys.authority.pubkey.equals(t.user)).toBe(true);
  });

  it('sell: WSOL account to receive, sell_exact_in with its accounts and arguments, WSOL closed (unwrapped)', () => {
    const t = tradeAccounts(tokenProgram);
    const ixs = sellInstructions(t, 5_000_000_000_000n, 123_456_789n);
    expect(ixs.map((ix) => ix.programId.toBase58())).toEqual([
      ASSOCIATED_TOKEN_PROGRAM_ID.toBase58(),
      LAUNCHLAB_PROGRAM_ID.toBase58(),
      TOKEN_PROGRAM_ID.toBase58(),
    ]);
    const userBase = getAssociatedTokenAddressSync(t.mint, t.user, false, tokenProgram);
    const userWsol = getAssociatedTokenAddressSync(NATIVE_MINT, t.user, false, TOKEN_PROGRAM_ID);
    expect(ixs[0]!.keys[1]!.pubkey.equals(userWsol)).toBe(true);
    const decoded = decodeSwap(ixs[1]!);
    expect(decoded.discriminator).toEqual([149, 39, 222, 155, 211, 124, 152, 26]);
    expect(decoded.amount).toBe(5_000_000_000_000n); // amount_in (tokens)
    expect(decoded.threshold).toBe(123_456_789n); // minimum_amount_out (lamports)
    expect(decoded.shareFeeRate).toBe(0n);
    expectSwapAccounts(decoded.accounts, t, userBase, userWsol, tokenProgram);
    const closed = decodeCloseAccountInstruction(ixs[2]!);
    expect(closed.keys.account.pubkey.equals(userWsol) && closed.keys.destination.pubkey.equals(t.user)).toBe(true);
  });
});

describe('LaunchLab instruction guards', () => {
  it('refuses amounts that are not u64', () => {
    const t = tradeAccounts(TOKEN_PROGRAM_ID);
    expect(() => buyInstructions(t, -1n, 1n)).toThrow(/not a u64/);
    expect(() => sellInstructions(t, 1n, 1n << 64n)).toThrow(/not a u64/);
  });

  it('refuses a pool not quoted in WSOL (bonk.fun USD1 pools): wrapping SOL would buy nothing', () => {
    const t = tradeAccounts(TOKEN_PROGRAM_ID);
    const usd1 = { ...t, state: { ...t.state, quoteMint: new PublicKey('USD1ttGY1N17NEEHLmELoaybftRBUSErhqYiQzvEmuB') } };
    expect(() => buyInstructions(usd1, 1n, 1n)).toThrow(/not WSOL/);
    expect(() => sellInstructions(usd1, 1n, 1n)).toThrow(/not WSOL/);
  });
});

function expectSwapAccounts(
  a: ReturnType<typeof decodeSwap>['accounts'],
  t: ReturnType<typeof tradeAccounts>,
  userBase: PublicKey,
  userWsol: PublicKey,
  tokenProgram: PublicKey,
): void {
  const expected: Record<(typeof IDL_ACCOUNTS)[number], [PublicKey, boolean, boolean]> = {
    payer: [t.user, true, true],
    authority: [VAULT_AUTHORITY, false, false],
    global_config: [LAUNCHLAB_GLOBAL_CONFIG, false, false],
    platform_config: [BONK_PLATFORM, false, false],
    pool_state: [t.pool, false, true],
    user_base_token: [userBase, false, true],
    user_quote_token: [userWsol, false, true],
    base_vault: [t.state.baseVault, false, true],
    quote_vault: [t.state.quoteVault, false, true],
    base_token_mint: [t.mint, false, false],
    quote_token_mint: [NATIVE_MINT, false, false],
    base_token_program: [tokenProgram, false, false],
    quote_token_program: [TOKEN_PROGRAM_ID, false, false],
    event_authority: [EVENT_AUTHORITY, false, false],
    program: [LAUNCHLAB_PROGRAM_ID, false, false],
    system_program: [SystemProgram.programId, false, false],
    platform_fee_vault: [PublicKey.findProgramAddressSync([BONK_PLATFORM.toBuffer(), NATIVE_MINT.toBuffer()], LAUNCHLAB_PROGRAM_ID)[0], false, true],
    creator_fee_vault: [PublicKey.findProgramAddressSync([t.creator.toBuffer(), NATIVE_MINT.toBuffer()], LAUNCHLAB_PROGRAM_ID)[0], false, true],
  };
  for (const name of IDL_ACCOUNTS) {
    const [pubkey, isSigner, isWritable] = expected[name];
    expect({ name, pubkey: a[name].pubkey.toBase58(), isSigner: a[name].isSigner, isWritable: a[name].isWritable }).toEqual({
      name,
      pubkey: pubkey.toBase58(),
      isSigner,
      isWritable,
    });
  }
}
