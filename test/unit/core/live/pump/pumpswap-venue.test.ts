import {
  ASSOCIATED_TOKEN_PROGRAM_ID,
  NATIVE_MINT,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { Keypair, PublicKey, SystemProgram } from '@solana/web3.js';
import BN from 'bn.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pumpSdk } from '../../../../../electron/core/feeds/pump-sdk.js';
import { pumpSwapSdk } from '../../../../../electron/core/live/pump/pump-swap-sdk.js';
import { PumpSwapVenue } from '../../../../../electron/core/live/pump/pumpswap-venue.js';
import {
  canonicalPool,
  defaultAmmGlobalConfig,
  migratedCoinAccounts,
  pumpProgramAccounts,
} from '../../../../support/pump-accounts.js';
import { startPumpChain, type PumpChain } from './pump-chain.js';
import { big, instructionDecoder } from './pump-instruction-decoder.js';

const PUMP = new PublicKey('6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P');
const AMM = new PublicKey('pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA');
const PUMP_FEES = new PublicKey('pfeeUxB6jkeY1Hxd7CsFCAjcbHA9rWtchMGdZ6VojVZ');
const decode = instructionDecoder(pumpSwapSdk.pumpAmmJson, AMM);
const pda = (seeds: (Buffer | Uint8Array)[], program: PublicKey) => PublicKey.findProgramAddressSync(seeds, program)[0];

/** The canonical pool from its seeds: index 0, pump's pool-authority PDA as creator, the mint, WSOL. */
function canonicalPoolKey(mint: PublicKey): PublicKey {
  const authority = pda([Buffer.from('pool-authority'), mint.toBuffer()], PUMP);
  return pda([Buffer.from('pool'), Buffer.from([0, 0]), authority.toBuffer(), mint.toBuffer(), NATIVE_MINT.toBuffer()], AMM);
}

const config = defaultAmmGlobalConfig();
const POOL_BASE = 206_900_000_000_000n;
const POOL_QUOTE = 84_990_359_639n;

let stub: PumpChain;
let venue: PumpSwapVenue;
let user: PublicKey;
let mint: PublicKey;

beforeEach(async () => {
  stub = await startPumpChain(pumpProgramAccounts());
  venue = new PumpSwapVenue(stub.connection);
  user = Keypair.generate().publicKey;
  mint = Keypair.generate().publicKey;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await stub.close();
});

describe('PumpSwapVenue.planSell', () => {
  it('Token-2022 coin: wraps nothing, opens the WSOL account, sells base_amount_in with min_quote_amount_out, closes WSOL; accounts by the IDL', async () => {
    stub.set(migratedCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 10n ** 12n }));
    const tokens = 500_000_000_000n;
    const plan = await venue.planSell({ mint, user, tokensRaw: tokens, slippagePct: 5 });

    const userAta = getAssociatedTokenAddressSync(mint, user, true, TOKEN_2022_PROGRAM_ID);
    const userWsol = getAssociatedTokenAddressSync(NATIVE_MINT, user, true, TOKEN_PROGRAM_ID);
    expect(plan.venue).toBe('pumpswap');
    expect(plan.tokenProgram.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
    expect(plan.userTokenAccount.equals(userAta)).toBe(true);
    expect(plan.decimals).toBe(6);
    expect(plan.instructions.map((i) => i.programId.toBase58())).toEqual([
      ASSOCIATED_TOKEN_PROGRAM_ID.toBase58(),
      AMM.toBase58(),
      TOKEN_PROGRAM_ID.toBase58(),
    ]);
    expect(plan.instructions[0]!.keys[1]!.pubkey.equals(userWsol)).toBe(true);
    expect(plan.instructions[2]!.keys[0]!.pubkey.equals(userWsol)).toBe(true);

    const sell = decode(plan.instructions[1]!);
    expect(sell.name).toBe('sell');
    expect(big(sell.args.base_amount_in)).toBe(tokens);
    // Constant product on the pool's reserves; the canonical pool pays the first SOL tier (0 + 95 + 30 bps, ceil); 5% slippage.
    const out = (POOL_QUOTE * tokens) / (POOL_BASE + tokens);
    const fee = (bps: bigint) => (out * bps + 9_999n) / 10_000n;
    const received = out - fee(0n) - fee(95n) - fee(30n);
    expect(big(sell.args.min_quote_amount_out)).toBe((received * 950_000_000n) / 1_000_000_000n);
    expect(plan.minSolOutLamports).toBe(big(sell.args.min_quote_amount_out));
    expect(plan.tokensRaw).toBe(tokens);

    const a = sell.accounts;
    const poolKey = canonicalPoolKey(mint);
    expect(a.pool!.pubkey.equals(poolKey)).toBe(true);
    expect(a.user!.pubkey.equals(user) && a.user!.isSigner).toBe(true);
    expect(a.global_config!.pubkey.equals(pda([Buffer.from('global_config')], AMM))).toBe(true);
    expect(a.base_mint!.pubkey.equals(mint)).toBe(true);
    expect(a.quote_mint!.pubkey.equals(NATIVE_MINT)).toBe(true);
    expect(a.user_base_token_account!.pubkey.equals(userAta)).toBe(true);
    expect(a.user_quote_token_account!.pubkey.equals(userWsol)).toBe(true);
    expect(a.pool_base_token_account!.pubkey.equals(getAssociatedTokenAddressSync(mint, poolKey, true, TOKEN_2022_PROGRAM_ID))).toBe(true);
    expect(a.pool_quote_token_account!.pubkey.equals(getAssociatedTokenAddressSync(NATIVE_MINT, poolKey, true, TOKEN_PROGRAM_ID))).toBe(true);
    const recipient = a.protocol_fee_recipient!.pubkey;
    expect(config.protocolFeeRecipients.map(String)).toContain(recipient.toBase58());
    expect(a.protocol_fee_recipient_token_account!.pubkey.equals(getAssociatedTokenAddressSync(NATIVE_MINT, recipient, true))).toBe(true);
    expect(a.base_token_program!.pubkey.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
    expect(a.quote_token_program!.pubkey.equals(TOKEN_PROGRAM_ID)).toBe(true);
    expect(a.system_program!.pubkey.equals(SystemProgram.programId)).toBe(true);
    const vaultAuthority = pda([Buffer.from('creator_vault'), canonicalPool(mint, TOKEN_2022_PROGRAM_ID).coinCreator.toBuffer()], AMM);
    expect(a.coin_creator_vault_authority!.pubkey.equals(vaultAuthority)).toBe(true);
    expect(a.coin_creator_vault_ata!.pubkey.equals(getAssociatedTokenAddressSync(NATIVE_MINT, vaultAuthority, true))).toBe(true);
    expect(a.fee_config!.pubkey.equals(pda([Buffer.from('fee_config'), AMM.toBuffer()], PUMP_FEES))).toBe(true);
    expect(a.fee_program!.pubkey.equals(PUMP_FEES)).toBe(true);
    // Remaining: the pool's v2 PDA (the coin has a creator), then the buyback recipient and its WSOL account.
    expect(sell.remaining[0]!.pubkey.equals(pda([Buffer.from('pool-v2'), mint.toBuffer()], AMM))).toBe(true);
    expect(config.buybackFeeRecipients.map(String)).toContain(sell.remaining[1]!.pubkey.toBase58());
  });

  it('SPL coin: sells from the SPL ATA', async () => {
    stub.set(migratedCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID, userTokens: 10n ** 9n }));
    const plan = await venue.planSell({ mint, user, tokensRaw: 10n ** 9n, slippagePct: 1 });
    const sell = decode(plan.instructions.find((i) => i.programId.equals(AMM))!);
    expect(sell.accounts.user_base_token_account!.pubkey.equals(getAssociatedTokenAddressSync(mint, user, true, TOKEN_PROGRAM_ID))).toBe(true);
    expect(sell.accounts.base_token_program!.pubkey.equals(TOKEN_PROGRAM_ID)).toBe(true);
  });

  it('cashback pool: the accumulator WSOL account and the accumulator join the remaining accounts; mayhem pool: a reserved fee recipient', async () => {
    stub.set(
      migratedCoinAccounts({
        mint,
        user,
        tokenProgram: TOKEN_2022_PROGRAM_ID,
        userTokens: 10n ** 9n,
        pool: canonicalPool(mint, TOKEN_2022_PROGRAM_ID, { isCashbackCoin: true, isMayhemMode: true }),
      }),
    );
    const sell = decode((await venue.planSell({ mint, user, tokensRaw: 10n ** 9n, slippagePct: 1 })).instructions.find((i) => i.programId.equals(AMM))!);
    const accumulator = pda([Buffer.from('user_volume_accumulator'), user.toBuffer()], AMM);
    expect(sell.remaining[0]!.pubkey.equals(getAssociatedTokenAddressSync(NATIVE_MINT, accumulator, true))).toBe(true);
    expect(sell.remaining[1]!.pubkey.equals(accumulator)).toBe(true);
    const reserved = [config.reservedFeeRecipient, ...config.reservedFeeRecipients].map(String);
    expect(reserved).toContain(sell.accounts.protocol_fee_recipient!.pubkey.toBase58());
  });

  it('an old (short) pool account makes the SDK extend it first, in the same transaction, at the seller’s expense', async () => {
    stub.set(migratedCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 10n ** 9n, poolSize: 245 }));
    const plan = await venue.planSell({ mint, user, tokensRaw: 10n ** 9n, slippagePct: 1 });
    expect(decode(plan.instructions[0]!).name).toBe('extend_account');
    expect(plan.instructions.filter((i) => i.programId.equals(AMM)).map((i) => decode(i).name)).toEqual(['extend_account', 'sell']);
  });

  it('refuses a coin without a pool, a sell above the balance, and a pool not quoted in SOL', async () => {
    stub.set(migratedCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 10n }).filter(
      (account) => !account.pubkey.equals(pumpSdk.canonicalPumpPoolPda(mint)),
    ));
    await expect(venue.planSell({ mint, user, tokensRaw: 1n, slippagePct: 1 })).rejects.toThrow(/no PumpSwap pool .* has not migrated/);

    const other = Keypair.generate().publicKey;
    stub.set(migratedCoinAccounts({ mint: other, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 10n }));
    await expect(venue.planSell({ mint: other, user, tokensRaw: 11n, slippagePct: 1 })).rejects.toThrow(
      /^NotEnoughTokensToSell: .* holds 10 raw tokens, the sell offers 11/,
    );

    const third = Keypair.generate().publicKey;
    const usdc = new PublicKey('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v');
    stub.set(migratedCoinAccounts({ mint: third, user, tokenProgram: TOKEN_PROGRAM_ID, userTokens: 10n, pool: canonicalPool(third, TOKEN_PROGRAM_ID, { quoteMint: usdc }) }));
    stub.set([{ pubkey: usdc, owner: TOKEN_PROGRAM_ID, lamports: 1, data: Buffer.alloc(82) }]);
    await expect(venue.planSell({ mint: third, user, tokensRaw: 1n, slippagePct: 1 })).rejects.toThrow(/not SOL/);
  });

  it('a node that never answers, or answers garbage, fails the sell plan with an error naming the pool', async () => {
    stub.set(migratedCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 10n }));
    const quick = new PumpSwapVenue(stub.connection, { readTimeoutMs: 300 });
    stub.rpc.fail({ kind: 'hang' }, 1, 'getMultipleAccounts');
    await expect(quick.planSell({ mint, user, tokensRaw: 1n, slippagePct: 1 })).rejects.toThrow(
      /^the RPC did not answer within 300 ms while reading the PumpSwap pool of /,
    );
    stub.rpc.fail({ kind: 'garbage' }, 1, 'getMultipleAccounts');
    await expect(quick.planSell({ mint, user, tokensRaw: 1n, slippagePct: 1 })).rejects.toThrow(/^could not read the PumpSwap pool of \S+ from the RPC/);
    await expect(quick.planSell({ mint, user, tokensRaw: 1n, slippagePct: 1 })).resolves.toMatchObject({ venue: 'pumpswap' });
  });

  it('refuses buys: migrated coins are not bought', async () => {
    stub.set(migratedCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID }));
    await expect(venue.planBuy({ mint, user, solLamports: 1_000n, slippagePct: 1 })).rejects.toThrow(/^BondingCurveComplete: /);
    expect(stub.calls).toEqual([]);
  });

  it('names PumpSwap error codes', () => {
    expect(venue.describeError(6004)).toMatch(/^ExceededSlippage: /);
    expect(venue.programId.equals(AMM)).toBe(true);
  });

  it("the fixture's pool reserves are what the SDK reads (the expected quote above rests on them)", async () => {
    stub.set(migratedCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID }));
    const state = await new pumpSwapSdk.OnlinePumpAmmSdk(stub.connection).swapSolanaState(pumpSdk.canonicalPumpPoolPda(mint), user);
    expect(state.poolBaseAmount.eq(new BN(POOL_BASE.toString()))).toBe(true);
    expect(state.poolQuoteAmount.eq(new BN(POOL_QUOTE.toString()))).toBe(true);
  });
});
