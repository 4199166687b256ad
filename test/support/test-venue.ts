import { getAssociatedTokenAddressSync, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey, TransactionInstruction } from '@solana/web3.js';
import type { BuyPlan, BuyRequest, SellPlan, SellRequest, Venue, VenueRouter } from '../../electron/core/live/venue.js';
import type { TransactionSigner } from '../../electron/core/wallet/signer.js';
import type { FakeSolanaRpc, SentTransaction } from './fake-solana-rpc.js';

/**
 * A venue of the tests' own: one instruction of a made-up program that names the trade
 * (tag 0 buy: u64 lamports in, u64 tokens out; tag 1 sell: u64 tokens in, u64 lamports out)
 * over the user, the mint and the user's token account. The fake node applies it to the
 * wallet when it lands (`useTestVenue`), so the live trader is tested without waiting on a
 * real venue; the pump.fun venue has its own scenario.
 */
export const TEST_VENUE_PROGRAM = new PublicKey('TestVenue1111111111111111111111111111111111');
/** Tokens (raw) per lamport the test venue quotes: 1 SOL buys 30 000 tokens of 6 decimals. */
export const TOKENS_RAW_PER_LAMPORT = 30n;
const DECIMALS = 6;

const ERRORS: Record<number, string> = {
  6002: 'TooMuchSolRequired: slippage: too much SOL required to buy the given amount',
  6003: 'TooLittleSolReceived: slippage: too little SOL received to sell the given amount',
};

export class TestVenue implements Venue {
  readonly name = 'pump-curve' as const;
  readonly programId = TEST_VENUE_PROGRAM;
  readonly plans: { kind: 'buy' | 'sell'; request: BuyRequest | SellRequest }[] = [];
  /** Set to make planning fail (a venue that cannot read the curve). */
  failPlanning: string | undefined;
  /** Added to the reported maxSolCostLamports (a venue whose bound is wrong). */
  extraMaxCost = 0n;

  async planBuy(request: BuyRequest): Promise<BuyPlan> {
    this.plans.push({ kind: 'buy', request });
    if (this.failPlanning) throw new Error(this.failPlanning);
    const tokens = request.solLamports * TOKENS_RAW_PER_LAMPORT;
    const maxCost = (request.solLamports * BigInt(1_000 + Math.round(request.slippagePct * 10))) / 1_000n;
    return { ...this.plan(request.mint, request.user, 0, request.solLamports, tokens), maxSolCostLamports: maxCost + this.extraMaxCost, expectedTokensRaw: tokens };
  }

  async planSell(request: SellRequest): Promise<SellPlan> {
    this.plans.push({ kind: 'sell', request });
    if (this.failPlanning) throw new Error(this.failPlanning);
    const lamports = request.tokensRaw / TOKENS_RAW_PER_LAMPORT;
    return { ...this.plan(request.mint, request.user, 1, request.tokensRaw, lamports), minSolOutLamports: (lamports * 9n) / 10n, tokensRaw: request.tokensRaw };
  }

  describeError(code: number): string | undefined {
    return ERRORS[code];
  }

  private plan(mint: PublicKey, user: PublicKey, tag: number, a: bigint, b: bigint) {
    const userTokenAccount = getAssociatedTokenAddressSync(mint, user, true, TOKEN_PROGRAM_ID);
    const data = Buffer.alloc(17);
    data.writeUInt8(tag, 0);
    data.writeBigUInt64LE(a, 1);
    data.writeBigUInt64LE(b, 9);
    const instruction = new TransactionInstruction({
      programId: TEST_VENUE_PROGRAM,
      keys: [
        { pubkey: user, isSigner: true, isWritable: true },
        { pubkey: mint, isSigner: false, isWritable: false },
        { pubkey: userTokenAccount, isSigner: false, isWritable: true },
      ],
      data,
    });
    return { venue: this.name, instructions: [instruction], tokenProgram: TOKEN_PROGRAM_ID, userTokenAccount, decimals: DECIMALS };
  }
}

/** What a landed test-venue instruction does to the wallet: the fake node's landEffects. */
export function testVenueEffects(sent: SentTransaction): { solDelta?: bigint; tokenDelta?: bigint } | undefined {
  const keys = sent.transaction.message.staticAccountKeys;
  for (const ix of sent.transaction.message.compiledInstructions) {
    if (!keys[ix.programIdIndex]?.equals(TEST_VENUE_PROGRAM)) continue;
    const data = Buffer.from(ix.data);
    const a = data.readBigUInt64LE(1);
    const b = data.readBigUInt64LE(9);
    return data[0] === 0 ? { solDelta: -a, tokenDelta: b } : { solDelta: b, tokenDelta: -a };
  }
  return undefined;
}

export function routerOf(venue: Venue): VenueRouter {
  return { forBuy: async () => venue, forSell: async () => venue };
}

/** A throwaway keypair as the trader's signer. */
export function keypairSigner(keypair: Keypair = Keypair.generate()): TransactionSigner & { keypair: Keypair } {
  return {
    keypair,
    publicKey: keypair.publicKey,
    signTransaction: async (transaction) => {
      transaction.sign([keypair]);
      return transaction;
    },
  };
}

/** Makes the fake node apply test-venue trades when they land; the mint gets 6 decimals. */
export function useTestVenue(server: FakeSolanaRpc, mint: PublicKey | string): void {
  server.landEffects = testVenueEffects;
  server.addMint(mint, { decimals: DECIMALS });
}
