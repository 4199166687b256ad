import {
  ASSOCIATED_TOKEN_PROGRAM_ID,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from '@solana/web3.js';
import BN from 'bn.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pumpSdk } from '../../../../../electron/core/feeds/pump-sdk.js';
import { PumpCurveVenue } from '../../../../../electron/core/live/pump/pump-curve-venue.js';
import {
  completedBondingCurve,
  defaultBondingCurve,
  defaultGlobal,
  pumpCoinAccounts,
  pumpProgramAccounts,
} from '../../../../support/pump-accounts.js';
import { startPumpChain, type PumpChain } from './pump-chain.js';
import { big, instructionDecoder } from './pump-instruction-decoder.js';

const PUMP = new PublicKey('6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P');
const PUMP_FEES = new PublicKey('pfeeUxB6jkeY1Hxd7CsFCAjcbHA9rWtchMGdZ6VojVZ');
const decode = instructionDecoder(pumpSdk.pumpIdl, PUMP);

// PDAs from their seeds, independently of the SDK's helpers.
const pda = (seeds: (Buffer | Uint8Array)[], program: PublicKey = PUMP) => PublicKey.findProgramAddressSync(seeds, program)[0];
const curveOf = (mint: PublicKey) => pda([Buffer.from('bonding-curve'), mint.toBuffer()]);

const global = defaultGlobal();
const normalRecipients = [global.feeRecipient, ...global.feeRecipients].map((k) => k.toBase58());
const mayhemRecipients = [global.reservedFeeRecipient, ...global.reservedFeeRecipients].map((k) => k.toBase58());

let stub: PumpChain;
let venue: PumpCurveVenue;
let user: PublicKey;
let mint: PublicKey;

beforeEach(async () => {
  stub = await startPumpChain(pumpProgramAccounts());
  venue = new PumpCurveVenue(stub.connection);
  user = Keypair.generate().publicKey;
  mint = Keypair.generate().publicKey;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await stub.close();
});

const only = (instructions: TransactionInstruction[], program: PublicKey) => {
  const found = instructions.filter((instruction) => instruction.programId.equals(program));
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('PumpCurveVenue.planBuy', () => {
  it('SPL mint: creates the SPL ATA, then buy with the quoted amount and max_sol_cost = amount × (1 + slippage), every account named by the IDL', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID }));
    const plan = await venue.planBuy({ mint, user, solLamports: 100_000_000n, slippagePct: 2.5 });

    const userAta = getAssociatedTokenAddressSync(mint, user, true, TOKEN_PROGRAM_ID);
    expect(plan.venue).toBe('pump-curve');
    expect(plan.tokenProgram.equals(TOKEN_PROGRAM_ID)).toBe(true);
    expect(plan.userTokenAccount.equals(userAta)).toBe(true);
    expect(plan.decimals).toBe(6);
    expect(plan.instructions).toHaveLength(2);
    expect(plan.instructions[0]!.programId.equals(ASSOCIATED_TOKEN_PROGRAM_ID)).toBe(true);
    expect(plan.instructions[0]!.keys[1]!.pubkey.equals(userAta)).toBe(true);
    expect(plan.instructions[0]!.keys.some((k) => k.pubkey.equals(TOKEN_PROGRAM_ID))).toBe(true);

    const buy = decode(only(plan.instructions, PUMP));
    expect(buy.name).toBe('buy');
    // 0.1 SOL, fees 95 + 30 bps (the first tier: the curve's market cap is 32.2 SOL), then the constant product.
    const input = ((100_000_000n - 1n) * 10_000n) / (10_000n + 125n);
    const tokens = (input * 1_000_000_000_000_000n) / (32_200_000_000n + input);
    expect(big(buy.args.amount)).toBe(tokens);
    expect(plan.expectedTokensRaw).toBe(tokens);
    expect(big(buy.args.max_sol_cost)).toBe(100_000_000n + (100_000_000n * 25n) / 1000n);
    expect(plan.maxSolCostLamports).toBe(102_500_000n);

    const a = buy.accounts;
    expect(a.global!.pubkey.equals(pda([Buffer.from('global')]))).toBe(true);
    expect(normalRecipients).toContain(a.fee_recipient!.pubkey.toBase58());
    expect(a.fee_recipient!.isWritable).toBe(true);
    expect(a.mint!.pubkey.equals(mint)).toBe(true);
    expect(a.bonding_curve!.pubkey.equals(curveOf(mint))).toBe(true);
    expect(a.associated_bonding_curve!.pubkey.equals(getAssociatedTokenAddressSync(mint, curveOf(mint), true, TOKEN_PROGRAM_ID))).toBe(true);
    expect(a.associated_user!.pubkey.equals(userAta)).toBe(true);
    expect(a.user!.pubkey.equals(user) && a.user!.isSigner && a.user!.isWritable).toBe(true);
    expect(a.system_program!.pubkey.equals(SystemProgram.programId)).toBe(true);
    expect(a.token_program!.pubkey.equals(TOKEN_PROGRAM_ID)).toBe(true);
    expect(a.creator_vault!.pubkey.equals(pda([Buffer.from('creator-vault'), defaultBondingCurve().creator.toBuffer()]))).toBe(true);
    expect(a.event_authority!.pubkey.equals(pda([Buffer.from('__event_authority')]))).toBe(true);
    expect(a.program!.pubkey.equals(PUMP)).toBe(true);
    expect(a.global_volume_accumulator!.pubkey.equals(pda([Buffer.from('global_volume_accumulator')]))).toBe(true);
    expect(a.user_volume_accumulator!.pubkey.equals(pda([Buffer.from('user_volume_accumulator'), user.toBuffer()]))).toBe(true);
    expect(a.fee_config!.pubkey.equals(pda([Buffer.from('fee_config'), PUMP.toBuffer()], PUMP_FEES))).toBe(true);
    expect(a.fee_program!.pubkey.equals(PUMP_FEES)).toBe(true);
    // Remaining: the curve's v2 PDA, then a buyback fee recipient.
    expect(buy.remaining[0]!.pubkey.equals(pda([Buffer.from('bonding-curve-v2'), mint.toBuffer()]))).toBe(true);
    expect(buy.remaining).toHaveLength(2);
    // Everything in one round trip.
    expect(stub.calls).toEqual(['getMultipleAccounts']);
  });

  it('Token-2022 mint (create_v2): the ATA, the curve ATA and token_program are Token-2022, never the SPL derivation', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID }));
    const plan = await venue.planBuy({ mint, user, solLamports: 50_000_000n, slippagePct: 1 });

    const t22Ata = getAssociatedTokenAddressSync(mint, user, true, TOKEN_2022_PROGRAM_ID);
    const splAta = getAssociatedTokenAddressSync(mint, user, true, TOKEN_PROGRAM_ID);
    expect(t22Ata.equals(splAta)).toBe(false);
    expect(plan.tokenProgram.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
    expect(plan.userTokenAccount.equals(t22Ata)).toBe(true);
    const create = plan.instructions[0]!;
    expect(create.programId.equals(ASSOCIATED_TOKEN_PROGRAM_ID)).toBe(true);
    expect(create.keys[1]!.pubkey.equals(t22Ata)).toBe(true);
    expect(create.keys.some((k) => k.pubkey.equals(TOKEN_2022_PROGRAM_ID))).toBe(true);

    const buy = decode(only(plan.instructions, PUMP));
    expect(buy.accounts.associated_user!.pubkey.equals(t22Ata)).toBe(true);
    expect(buy.accounts.token_program!.pubkey.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
    expect(
      buy.accounts.associated_bonding_curve!.pubkey.equals(getAssociatedTokenAddressSync(mint, curveOf(mint), true, TOKEN_2022_PROGRAM_ID)),
    ).toBe(true);
    expect(plan.maxSolCostLamports).toBe(50_500_000n);
  });

  it('an existing token account is not created again', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 5n }));
    const plan = await venue.planBuy({ mint, user, solLamports: 10_000_000n, slippagePct: 0 });
    expect(plan.instructions).toHaveLength(1);
    expect(decode(plan.instructions[0]!).name).toBe('buy');
    expect(plan.maxSolCostLamports).toBe(10_000_000n);
  });

  it('mayhem coin: the fee recipient is one of the reserved (mayhem) recipients', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, curve: defaultBondingCurve({ isMayhemMode: true }) }));
    for (const random of [0, 0.5, 0.999]) {
      vi.spyOn(Math, 'random').mockReturnValue(random);
      const buy = decode(only((await venue.planBuy({ mint, user, solLamports: 10_000_000n, slippagePct: 1 })).instructions, PUMP));
      expect(mayhemRecipients).toContain(buy.accounts.fee_recipient!.pubkey.toBase58());
      expect(normalRecipients).not.toContain(buy.accounts.fee_recipient!.pubkey.toBase58());
    }
  });

  it('cashback coin: the buy is a plain buy (cashback changes only the sell\'s remaining accounts), bounded the same way', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, curve: defaultBondingCurve({ isCashbackCoin: true }) }));
    const plan = await venue.planBuy({ mint, user, solLamports: 50_000_000n, slippagePct: 1 });
    const buy = decode(only(plan.instructions, PUMP));
    expect(buy.name).toBe('buy');
    expect(buy.accounts.user_volume_accumulator!.pubkey.equals(pda([Buffer.from('user_volume_accumulator'), user.toBuffer()]))).toBe(true);
    expect(buy.remaining).toHaveLength(2);
    expect(buy.remaining[0]!.pubkey.equals(pda([Buffer.from('bonding-curve-v2'), mint.toBuffer()]))).toBe(true);
    expect(plan.maxSolCostLamports).toBe(50_500_000n);
  });

  it('two builds of the same buy differ: the SDK draws the fee recipient at random (why an unknown buy is never rebuilt)', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID }));
    const request = { mint, user, solLamports: 10_000_000n, slippagePct: 1 };
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const first = decode(only((await venue.planBuy(request)).instructions, PUMP));
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const second = decode(only((await venue.planBuy(request)).instructions, PUMP));
    expect(first.accounts.fee_recipient!.pubkey.equals(second.accounts.fee_recipient!.pubkey)).toBe(false);
    expect(first.remaining[1]!.pubkey.equals(second.remaining[1]!.pubkey)).toBe(false);
  });

  it('refuses a completed curve with BondingCurveComplete, before building anything', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID, curve: completedBondingCurve() }));
    await expect(venue.planBuy({ mint, user, solLamports: 10_000_000n, slippagePct: 1 })).rejects.toThrow(
      /^BondingCurveComplete: the bonding curve is complete/,
    );
  });

  it('refuses a mint owned by anything but SPL Token or Token-2022', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID, mintOwner: SystemProgram.programId }));
    await expect(venue.planBuy({ mint, user, solLamports: 10_000_000n, slippagePct: 1 })).rejects.toThrow(
      /neither SPL Token nor Token-2022/,
    );
  });

  it('refuses a curve quoted in another mint than SOL', async () => {
    const usdc = new PublicKey('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v');
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, curve: defaultBondingCurve({ quoteMint: usdc }) }));
    await expect(venue.planBuy({ mint, user, solLamports: 10_000_000n, slippagePct: 1 })).rejects.toThrow(/not SOL/);
  });

  it('refuses an unknown mint, a mint without a curve, and a curve account that does not decode', async () => {
    await expect(venue.planBuy({ mint, user, solLamports: 1n, slippagePct: 1 })).rejects.toThrow(/not found on chain/);
    const [mintAccount, curveAccount] = pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID });
    stub.set([mintAccount!]);
    await expect(venue.planBuy({ mint, user, solLamports: 1n, slippagePct: 1 })).rejects.toThrow(/no pump.fun bonding curve/);
    stub.set([{ ...curveAccount!, data: Buffer.alloc(20) }]);
    await expect(venue.planBuy({ mint, user, solLamports: 1n, slippagePct: 1 })).rejects.toThrow(/bonding curve account does not decode/);
  });

  it('refuses slippage off the 0.1 grid or out of range, and non-positive amounts', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID }));
    for (const slippagePct of [1.05, -1, 101, Number.NaN]) {
      await expect(venue.planBuy({ mint, user, solLamports: 1_000n, slippagePct })).rejects.toThrow(/slippage/);
    }
    await expect(venue.planBuy({ mint, user, solLamports: 0n, slippagePct: 1 })).rejects.toThrow(/SOL amount of a buy .* must be a positive whole number/);
    await expect(venue.planBuy({ mint, user, solLamports: 2n ** 64n, slippagePct: 1 })).rejects.toThrow(/more than a u64 can hold/);
    await expect(venue.planSell({ mint, user, tokensRaw: -5n, slippagePct: 1 })).rejects.toThrow(/token amount of a sell .* positive/);
    expect(stub.calls).toEqual([]);
  });
});

describe('PumpCurveVenue on a failing RPC', () => {
  const faults = [
    { kind: 'http', status: 429 },
    { kind: 'http', status: 502 },
    { kind: 'reset' },
    { kind: 'garbage', body: '{"jsonrpc":"2.0","id":1,"result":{"value":"nope"}}' },
    { kind: 'garbage' },
    { kind: 'hang' },
  ] as const;

  for (const fault of faults) {
    it(`${JSON.stringify(fault)}: the plan fails with an error naming the read, nothing is built`, async () => {
      stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID }));
      const quick = new PumpCurveVenue(stub.connection, { readTimeoutMs: 300 });
      stub.rpc.fail(fault, 1, 'getMultipleAccounts');
      await expect(quick.planBuy({ mint, user, solLamports: 1_000_000n, slippagePct: 1 })).rejects.toThrow(
        fault.kind === 'hang'
          ? /^the RPC did not answer within 300 ms while reading the pump.fun accounts of /
          : /^could not read the pump.fun accounts of \S+ from the RPC: ./,
      );
      // The next read, answered, plans normally: nothing was left half-done.
      await expect(quick.planBuy({ mint, user, solLamports: 1_000_000n, slippagePct: 1 })).resolves.toMatchObject({ venue: 'pump-curve' });
    });
  }
});

describe('PumpCurveVenue.planSell', () => {
  const sell = async (tokensRaw: bigint, slippagePct = 5) => venue.planSell({ mint, user, tokensRaw, slippagePct });

  it('SPL mint: sell of the amount, min_sol_output = quote × (1 − slippage), no cashback accumulator', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID, userTokens: 2_000_000_000n }));
    const plan = await sell(1_000_000_000n);
    expect(plan.instructions).toHaveLength(1);
    const decoded = decode(plan.instructions[0]!);
    expect(decoded.name).toBe('sell');
    expect(big(decoded.args.amount)).toBe(1_000_000_000n);
    // Constant product then 125 bps of fees (ceil), then 5% slippage in tenths of a percent.
    const gross = (1_000_000_000n * 32_200_000_000n) / (1_000_000_000_000_000n + 1_000_000_000n);
    const quote = gross - (gross * 95n + 9_999n) / 10_000n - (gross * 30n + 9_999n) / 10_000n;
    expect(big(decoded.args.min_sol_output)).toBe(quote - (quote * 50n) / 1000n);
    expect(plan.minSolOutLamports).toBe(big(decoded.args.min_sol_output));
    expect(plan.tokensRaw).toBe(1_000_000_000n);
    const a = decoded.accounts;
    expect(a.associated_user!.pubkey.equals(getAssociatedTokenAddressSync(mint, user, true, TOKEN_PROGRAM_ID))).toBe(true);
    expect(a.token_program!.pubkey.equals(TOKEN_PROGRAM_ID)).toBe(true);
    expect(normalRecipients).toContain(a.fee_recipient!.pubkey.toBase58());
    expect(a.fee_config!.pubkey.equals(pda([Buffer.from('fee_config'), PUMP.toBuffer()], PUMP_FEES))).toBe(true);
    expect(decoded.remaining.map((m) => m.pubkey.toBase58())[0]).toBe(pda([Buffer.from('bonding-curve-v2'), mint.toBuffer()]).toBase58());
    expect(decoded.remaining).toHaveLength(2);
  });

  it('Token-2022 mint: sells from the Token-2022 ATA', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 10n ** 12n }));
    const plan = await sell(10n ** 12n);
    const decoded = decode(plan.instructions[0]!);
    const t22Ata = getAssociatedTokenAddressSync(mint, user, true, TOKEN_2022_PROGRAM_ID);
    expect(decoded.accounts.associated_user!.pubkey.equals(t22Ata)).toBe(true);
    expect(decoded.accounts.token_program!.pubkey.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
    expect(plan.userTokenAccount.equals(t22Ata)).toBe(true);
  });

  it('cashback coin: the user volume accumulator leads the remaining accounts, writable (the flag is read from the curve)', async () => {
    stub.set(
      pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 10n ** 12n, curve: defaultBondingCurve({ isCashbackCoin: true }) }),
    );
    const decoded = decode((await sell(10n ** 9n)).instructions[0]!);
    expect(decoded.remaining).toHaveLength(3);
    expect(decoded.remaining[0]!.pubkey.equals(pda([Buffer.from('user_volume_accumulator'), user.toBuffer()]))).toBe(true);
    expect(decoded.remaining[0]!.isWritable).toBe(true);
    expect(decoded.remaining[1]!.pubkey.equals(pda([Buffer.from('bonding-curve-v2'), mint.toBuffer()]))).toBe(true);
  });

  it('mayhem coin: the sell pays a reserved fee recipient (the flag is read from the curve)', async () => {
    stub.set(
      pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: 10n ** 12n, curve: defaultBondingCurve({ isMayhemMode: true }) }),
    );
    for (const random of [0, 0.999]) {
      vi.spyOn(Math, 'random').mockReturnValue(random);
      const decoded = decode((await sell(10n ** 9n)).instructions[0]!);
      expect(mayhemRecipients).toContain(decoded.accounts.fee_recipient!.pubkey.toBase58());
    }
  });

  it('refuses to sell more than the wallet holds, or from a wallet without the token account', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID, userTokens: 5n }));
    await expect(sell(6n)).rejects.toThrow(/^NotEnoughTokensToSell: .* holds 5 raw tokens, the sell offers 6/);
    const other = Keypair.generate().publicKey;
    await expect(venue.planSell({ mint, user: other, tokensRaw: 1n, slippagePct: 1 })).rejects.toThrow(/holds 0 raw tokens/);
  });

  it('refuses a completed curve (the router sends those sells to PumpSwap)', async () => {
    stub.set(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID, userTokens: 5n, curve: completedBondingCurve() }));
    await expect(sell(5n)).rejects.toThrow(/BondingCurveComplete/);
  });
});

describe('PumpCurveVenue.describeError', () => {
  it('names the program codes a trader meets', () => {
    expect(venue.describeError(6002)).toMatch(/^TooMuchSolRequired: .*slippage/);
    expect(venue.describeError(6003)).toMatch(/^TooLittleSolReceived: /);
    expect(venue.describeError(9999)).toBeUndefined();
  });
});

// The quote helper is used as the SDK exports it; a curve built here agrees with the venue's math.
describe('quote cross-check', () => {
  it('getBuyTokenAmountFromSolAmount on the encoded curve equals the test formula', () => {
    const tokens = pumpSdk.getBuyTokenAmountFromSolAmount({
      global,
      feeConfig: null,
      mintSupply: new BN('1000000000000000'),
      bondingCurve: defaultBondingCurve(),
      amount: new BN(100_000_000),
      quoteMint: PublicKey.default,
    });
    const input = ((100_000_000n - 1n) * 10_000n) / (10_000n + 125n);
    expect(BigInt(tokens.toString())).toBe((input * 1_000_000_000_000_000n) / (32_200_000_000n + input));
  });
});
