import { address, lamports } from '@solana/kit';
import {
  ExtensionType,
  MINT_SIZE,
  MintLayout,
  NATIVE_MINT,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  createInitializeMint2Instruction,
  createInitializeTransferFeeConfigInstruction,
  getAssociatedTokenAddressSync,
  getMintLen,
  unpackAccount,
} from '@solana/spl-token';
import { Keypair, PublicKey, SystemProgram, TransactionMessage, VersionedTransaction, type TransactionInstruction } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { buyInstructions, sellInstructions, type LaunchLabTradeAccounts } from '../../../../../electron/core/live/bonk/launchlab-instructions.js';
import { LAUNCHLAB_PROGRAM_ID } from '../../../../../electron/core/live/bonk/launchlab-layout.js';
import { poolAddress, poolVaultAddress } from '../../../../../electron/core/live/bonk/launchlab-pdas.js';
import { LitesvmChain } from '../../../../support/litesvm-chain.js';
import { BONK_PLATFORM, LAUNCHLAB_GLOBAL_CONFIG } from '../../../../support/launchlab-accounts.js';

/**
 * Everything a bonk.fun buy and sell does around LaunchLab's own instruction runs on a real
 * Solana runtime (LiteSVM: system, SPL Token, Token-2022 and ATA programs): the wallet's token
 * account created idempotently under the mint's program, SOL wrapped into the WSOL account and
 * synced, the WSOL account closed again. LaunchLab's program is not in LiteSVM, so its one
 * instruction is left out: what is proven is that the wrapping is valid and that it gives the
 * wallet back every lamport it wrapped, plus its WSOL rent, in the same transaction.
 */
const SOL = 1_000_000_000n;
const FEE = 5_000n;

/**
 * A LiteSVM starts without the native mint (So111…112), which every cluster has: it is put
 * there as mainnet has it (SPL Token, 9 decimals, no authority), or creating a WSOL account
 * fails with IncorrectProgramId.
 */
function newChain(): LitesvmChain {
  const chain = new LitesvmChain();
  const data = Buffer.alloc(MINT_SIZE);
  MintLayout.encode(
    { mintAuthorityOption: 0, mintAuthority: PublicKey.default, supply: 0n, decimals: 9, isInitialized: true, freezeAuthorityOption: 0, freezeAuthority: PublicKey.default },
    data,
  );
  chain.svm.setAccount({
    address: address(NATIVE_MINT.toBase58()),
    data,
    executable: false,
    lamports: lamports(chain.rentExempt(MINT_SIZE)),
    programAddress: address(TOKEN_PROGRAM_ID.toBase58()),
    space: BigInt(MINT_SIZE),
  });
  return chain;
}

function signed(chain: LitesvmChain, payer: Keypair, instructions: TransactionInstruction[], signers: Keypair[] = []): VersionedTransaction {
  const tx = new VersionedTransaction(new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: chain.latestBlockhash(), instructions }).compileToV0Message());
  tx.sign([payer, ...signers]);
  return tx;
}

/** A mint of 6 decimals under `tokenProgram`; with a transfer fee when asked (Token-2022 only). */
function createMint(chain: LitesvmChain, payer: Keypair, tokenProgram: PublicKey, transferFee: boolean): PublicKey {
  const mint = Keypair.generate();
  const extensions = transferFee ? [ExtensionType.TransferFeeConfig] : [];
  const space = getMintLen(extensions);
  const instructions = [
    SystemProgram.createAccount({ fromPubkey: payer.publicKey, newAccountPubkey: mint.publicKey, space, lamports: Number(chain.rentExempt(space)), programId: tokenProgram }),
    ...(transferFee ? [createInitializeTransferFeeConfigInstruction(mint.publicKey, payer.publicKey, payer.publicKey, 100, 1_000_000n, tokenProgram)] : []),
    createInitializeMint2Instruction(mint.publicKey, 6, payer.publicKey, null, tokenProgram),
  ];
  const result = chain.send(signed(chain, payer, instructions, [mint]));
  if (!result.ok) throw new Error(`mint setup failed: ${result.error}`);
  return mint.publicKey;
}

function tradeAccounts(user: PublicKey, mint: PublicKey, tokenProgram: PublicKey): LaunchLabTradeAccounts {
  const pool = poolAddress(mint, NATIVE_MINT);
  return {
    user,
    pool,
    baseTokenProgram: tokenProgram,
    state: {
      globalConfig: LAUNCHLAB_GLOBAL_CONFIG,
      platformConfig: BONK_PLATFORM,
      baseMint: mint,
      quoteMint: NATIVE_MINT,
      baseVault: poolVaultAddress(pool, mint),
      quoteVault: poolVaultAddress(pool, NATIVE_MINT),
      creator: Keypair.generate().publicKey,
    },
  };
}

const withoutLaunchLab = (instructions: TransactionInstruction[]) => instructions.filter((ix) => !ix.programId.equals(LAUNCHLAB_PROGRAM_ID));

describe.each([
  ['SPL Token', TOKEN_PROGRAM_ID, false],
  ['Token-2022', TOKEN_2022_PROGRAM_ID, false],
  ['Token-2022 with a transfer fee', TOKEN_2022_PROGRAM_ID, true],
])('bonk.fun WSOL wrapping on LiteSVM (%s)', (_name, tokenProgram, transferFee) => {
  it('buy: token account made under the mint’s program, SOL wrapped, synced and unwrapped; only the fee and the new account’s rent are spent', () => {
    const chain = newChain();
    const user = Keypair.generate();
    chain.airdrop(user.publicKey, 10n * SOL);
    const mint = createMint(chain, user, tokenProgram, transferFee);
    const accounts = tradeAccounts(user.publicKey, mint, tokenProgram);
    const holding = getAssociatedTokenAddressSync(mint, user.publicKey, false, tokenProgram);
    const wsol = getAssociatedTokenAddressSync(NATIVE_MINT, user.publicKey, false, TOKEN_PROGRAM_ID);

    const before = chain.balance(user.publicKey);
    const first = chain.send(signed(chain, user, withoutLaunchLab(buyInstructions(accounts, 2n * SOL, 1n))));
    expect(first).toMatchObject({ ok: true });
    // 27–37k units measured here (SPL … Token-2022 with a transfer fee): the wrapping leaves most of
    // the default 200 000-unit limit to LaunchLab's own instruction.
    expect(first.ok && first.computeUnits < 60_000n).toBe(true);
    const account = chain.account(holding)!;
    expect(account.owner.equals(tokenProgram)).toBe(true);
    const decoded = unpackAccount(holding, account, tokenProgram);
    expect(decoded.mint.equals(mint) && decoded.owner.equals(user.publicKey) && decoded.amount === 0n).toBe(true);
    expect(chain.account(wsol)).toBeNull(); // closed in the same transaction
    // Every wrapped lamport and the WSOL account's rent came back: the fee and the new token account's rent are all it cost.
    expect(before - chain.balance(user.publicKey)).toBe(FEE + BigInt(account.lamports));

    // The same mint again: the token account exists, the idempotent create passes, only the fee is spent.
    const again = chain.balance(user.publicKey);
    const second = chain.send(signed(chain, user, withoutLaunchLab(buyInstructions(accounts, 1n * SOL, 1n))));
    expect(second).toMatchObject({ ok: true });
    expect(again - chain.balance(user.publicKey)).toBe(FEE);
    expect(chain.account(wsol)).toBeNull();
  });

  it('sell: the WSOL account made to receive and closed after; the base token account stays', () => {
    const chain = newChain();
    const user = Keypair.generate();
    chain.airdrop(user.publicKey, 10n * SOL);
    const mint = createMint(chain, user, tokenProgram, transferFee);
    const accounts = tradeAccounts(user.publicKey, mint, tokenProgram);
    expect(chain.send(signed(chain, user, withoutLaunchLab(buyInstructions(accounts, SOL, 1n))))).toMatchObject({ ok: true });

    const before = chain.balance(user.publicKey);
    const result = chain.send(signed(chain, user, withoutLaunchLab(sellInstructions(accounts, 1n, 1n))));
    expect(result).toMatchObject({ ok: true });
    expect(before - chain.balance(user.publicKey)).toBe(FEE);
    expect(chain.account(getAssociatedTokenAddressSync(NATIVE_MINT, user.publicKey, false, TOKEN_PROGRAM_ID))).toBeNull();
    expect(chain.account(getAssociatedTokenAddressSync(mint, user.publicKey, false, tokenProgram))).not.toBeNull();
  });
});
