import {
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  createMintToCheckedInstruction,
  createTransferCheckedInstruction,
  getAssociatedTokenAddressSync,
  MINT_SIZE,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  unpackAccount,
  unpackMint,
} from '@solana/spl-token';
import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
  type TransactionInstruction,
} from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { KeypairWallet } from '../../../../electron/core/wallet/keypair-wallet.js';
import { LitesvmChain } from '../../../support/litesvm-chain.js';

/** The runtime's fee per signature (LiteSVM's default fee structure, as on mainnet). */
const LAMPORTS_PER_SIGNATURE = 5_000n;
const SOL = 1_000_000_000n;

/**
 * The wallet signs real transactions that a Solana runtime executes: built with web3.js and
 * spl-token as the app builds them, signed by KeypairWallet, executed by LiteSVM with
 * signature verification on, balances and fees read back from the chain.
 */
describe('KeypairWallet on LiteSVM', () => {
  function setup() {
    const chain = new LitesvmChain();
    const keypair = Keypair.generate();
    const wallet = new KeypairWallet(Uint8Array.from(keypair.secretKey));
    chain.airdrop(wallet.publicKey, 10n * SOL);
    return { chain, wallet };
  }

  function v0(chain: LitesvmChain, payer: PublicKey, instructions: TransactionInstruction[]): VersionedTransaction {
    return new VersionedTransaction(new TransactionMessage({ payerKey: payer, recentBlockhash: chain.latestBlockhash(), instructions }).compileToV0Message());
  }

  it('the airdrop to a throwaway key arrives', () => {
    const { chain, wallet } = setup();
    expect(chain.balance(wallet.publicKey)).toBe(10n * SOL);
  });

  it('a SOL transfer (v0) executes: the recipient gets the amount, the wallet pays it plus one signature’s fee', async () => {
    const { chain, wallet } = setup();
    const recipient = Keypair.generate().publicKey;
    const amount = 1_234_567n;
    const before = chain.balance(wallet.publicKey);
    const tx = await wallet.signTransaction(v0(chain, wallet.publicKey, [SystemProgram.transfer({ fromPubkey: wallet.publicKey, toPubkey: recipient, lamports: amount })]));
    const result = chain.send(tx);
    expect(result).toMatchObject({ ok: true });
    expect(chain.landed(result.signature)).toBe(true);
    expect(chain.balance(recipient)).toBe(amount);
    const fee = before - chain.balance(wallet.publicKey) - amount;
    expect(fee).toBe(LAMPORTS_PER_SIGNATURE);
  });

  it('a legacy SOL transfer executes too', async () => {
    const { chain, wallet } = setup();
    const recipient = Keypair.generate().publicKey;
    const before = chain.balance(wallet.publicKey);
    const tx = new Transaction({ feePayer: wallet.publicKey, recentBlockhash: chain.latestBlockhash() }).add(
      SystemProgram.transfer({ fromPubkey: wallet.publicKey, toPubkey: recipient, lamports: 2n * SOL }),
    );
    expect(chain.send(await wallet.signTransaction(tx))).toMatchObject({ ok: true });
    expect(chain.balance(recipient)).toBe(2n * SOL);
    expect(before - chain.balance(wallet.publicKey)).toBe(2n * SOL + LAMPORTS_PER_SIGNATURE);
  });

  it('the runtime checks the signature: a signature moved onto other bytes is refused and nothing moves', async () => {
    const { chain, wallet } = setup();
    const recipient = Keypair.generate().publicKey;
    const pay = (amount: bigint) => v0(chain, wallet.publicKey, [SystemProgram.transfer({ fromPubkey: wallet.publicKey, toPubkey: recipient, lamports: amount })]);
    const signed = await wallet.signTransaction(pay(1_000n));
    const forged = pay(1_000_000n);
    forged.signatures = signed.signatures;
    const result = chain.send(forged);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/SignatureFailure/);
    expect(chain.balance(recipient)).toBe(0n);
    expect(chain.balance(wallet.publicKey)).toBe(10n * SOL);
  });

  for (const [label, programId] of [
    ['SPL Token', TOKEN_PROGRAM_ID],
    ['Token-2022', TOKEN_2022_PROGRAM_ID],
  ] as const) {
    it(`${label}: creates a mint and the wallet's token account, mints, transfers to another owner; fees and rent exact`, async () => {
      const { chain, wallet } = setup();
      const mint = Keypair.generate();
      const decimals = 6;
      const ours = getAssociatedTokenAddressSync(mint.publicKey, wallet.publicKey, false, programId);
      const mintRent = chain.rentExempt(MINT_SIZE);
      const start = chain.balance(wallet.publicKey);

      // 1. mint account + initialize + our ATA + mint 1,000 tokens: signed by the mint key and the wallet.
      const create = v0(chain, wallet.publicKey, [
        SystemProgram.createAccount({ fromPubkey: wallet.publicKey, newAccountPubkey: mint.publicKey, lamports: Number(mintRent), space: MINT_SIZE, programId }),
        createInitializeMint2Instruction(mint.publicKey, decimals, wallet.publicKey, null, programId),
        createAssociatedTokenAccountIdempotentInstruction(wallet.publicKey, ours, wallet.publicKey, mint.publicKey, programId),
        createMintToCheckedInstruction(mint.publicKey, ours, wallet.publicKey, 1_000_000_000n, decimals, [], programId),
      ]);
      create.sign([mint]);
      const created = chain.send(await wallet.signTransaction(create));
      expect(created, created.ok ? '' : created.error).toMatchObject({ ok: true });

      const mintAccount = chain.account(mint.publicKey)!;
      expect(mintAccount.owner.equals(programId)).toBe(true);
      expect(unpackMint(mint.publicKey, mintAccount, programId)).toMatchObject({ decimals, supply: 1_000_000_000n });
      const ourAccount = chain.account(ours)!;
      expect(ourAccount.owner.equals(programId)).toBe(true);
      expect(unpackAccount(ours, ourAccount, programId).amount).toBe(1_000_000_000n);
      // Token-2022's ATA carries the ImmutableOwner extension: a bigger account, more rent. Read, not assumed.
      const ataRent = chain.rentExempt(ourAccount.data.length);
      expect(BigInt(ourAccount.lamports)).toBe(ataRent);
      const afterCreate = chain.balance(wallet.publicKey);
      expect(start - afterCreate).toBe(mintRent + ataRent + 2n * LAMPORTS_PER_SIGNATURE);

      // 2. another owner's ATA (the wallet pays) + transfer 250 tokens: the wallet alone signs.
      const owner = Keypair.generate().publicKey;
      const theirs = getAssociatedTokenAddressSync(mint.publicKey, owner, false, programId);
      const send = v0(chain, wallet.publicKey, [
        createAssociatedTokenAccountIdempotentInstruction(wallet.publicKey, theirs, owner, mint.publicKey, programId),
        createTransferCheckedInstruction(ours, mint.publicKey, theirs, wallet.publicKey, 250_000_000n, decimals, [], programId),
      ]);
      const sent = chain.send(await wallet.signTransaction(send));
      expect(sent, sent.ok ? '' : sent.error).toMatchObject({ ok: true });
      expect(unpackAccount(ours, chain.account(ours), programId).amount).toBe(750_000_000n);
      expect(unpackAccount(theirs, chain.account(theirs), programId)).toMatchObject({ amount: 250_000_000n, owner });
      expect(afterCreate - chain.balance(wallet.publicKey)).toBe(ataRent + LAMPORTS_PER_SIGNATURE);
    });
  }

  it('a token account derived with the wrong program is refused on chain (why the mint’s owner picks the program)', async () => {
    const { chain, wallet } = setup();
    const mint = Keypair.generate();
    const create = v0(chain, wallet.publicKey, [
      SystemProgram.createAccount({ fromPubkey: wallet.publicKey, newAccountPubkey: mint.publicKey, lamports: Number(chain.rentExempt(MINT_SIZE)), space: MINT_SIZE, programId: TOKEN_2022_PROGRAM_ID }),
      createInitializeMint2Instruction(mint.publicKey, 6, wallet.publicKey, null, TOKEN_2022_PROGRAM_ID),
    ]);
    create.sign([mint]);
    expect(chain.send(await wallet.signTransaction(create)).ok).toBe(true);
    const before = chain.balance(wallet.publicKey);
    const wrong = getAssociatedTokenAddressSync(mint.publicKey, wallet.publicKey, false, TOKEN_PROGRAM_ID);
    const result = chain.send(
      await wallet.signTransaction(
        v0(chain, wallet.publicKey, [createAssociatedTokenAccountIdempotentInstruction(wallet.publicKey, wrong, wallet.publicKey, mint.publicKey, TOKEN_PROGRAM_ID)]),
      ),
    );
    expect(result.ok).toBe(false);
    expect(chain.landed(result.signature)).toBe(true);
    // It landed with an error: the fee is charged all the same, and nothing else moved.
    expect(before - chain.balance(wallet.publicKey)).toBe(LAMPORTS_PER_SIGNATURE);
    expect(chain.account(wrong)).toBeNull();
  });

  it('a disposed wallet signs nothing the chain could execute', async () => {
    const { chain, wallet } = setup();
    wallet.dispose();
    await expect(
      wallet.signTransaction(v0(chain, wallet.publicKey, [SystemProgram.transfer({ fromPubkey: wallet.publicKey, toPubkey: Keypair.generate().publicKey, lamports: 1n })])),
    ).rejects.toThrow(/closed/);
  });
});
