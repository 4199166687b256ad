import { NATIVE_MINT } from '@solana/spl-token';
import type { Connection, PublicKey } from '@solana/web3.js';
import BN from 'bn.js';
import { pumpSdk } from '../../feeds/pump-sdk.js';
import type { BuyPlan, BuyRequest, SellPlan, SellRequest, Venue } from '../venue.js';
import { DEFAULT_READ_TIMEOUT_MS } from './chain-read.js';
import { InstructionArgs, u64Arg } from './instruction-args.js';
import { memoizeProgramAddresses } from './program-address-memo.js';
import { bondingCurveCompleteRefusal, describePumpError, describePumpSwapError } from './pump-errors.js';
import { pumpSwapSdk } from './pump-swap-sdk.js';
import { readSwapState } from './pumpswap-state.js';
import { checkedAmount, checkedSlippagePct } from './request-checks.js';
import { checkedTokenProgram, programName, tokenBalance } from './token-program.js';

const args = new InstructionArgs(pumpSwapSdk.pumpAmmJson, pumpSdk.PUMP_AMM_PROGRAM_ID);

type SwapSolanaState = import('@pump-fun/pump-swap-sdk').SwapSolanaState;

/**
 * Sells a migrated pump.fun coin on PumpSwap, in the canonical pool its curve migrated into
 * (created by pump's pool-authority PDA, quoted in WSOL), with @pump-fun/pump-swap-sdk.
 *
 * Buys are refused with BondingCurveComplete's sentence: the modules buy launches on their
 * curve, their signals and limits are priced on it, and a coin that graduated is another market.
 * The venue exists so that a position bought on the curve stays sellable after migration.
 */
export class PumpSwapVenue implements Venue {
  readonly name = 'pumpswap' as const;
  readonly programId: PublicKey = pumpSdk.PUMP_AMM_PROGRAM_ID;
  private readonly sdk: InstanceType<typeof pumpSwapSdk.OnlinePumpAmmSdk>;
  private readonly readTimeoutMs: number;

  constructor(
    private readonly connection: Connection,
    options: { readTimeoutMs?: number } = {},
  ) {
    this.sdk = new pumpSwapSdk.OnlinePumpAmmSdk(connection);
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    memoizeProgramAddresses();
  }

  async planBuy(request: BuyRequest): Promise<BuyPlan> {
    throw new Error(bondingCurveCompleteRefusal(request.mint.toBase58()));
  }

  async planSell(request: SellRequest): Promise<SellPlan> {
    const slippage = checkedSlippagePct(request.slippagePct);
    checkedAmount(request.tokensRaw, 'the token amount of a sell (raw units)');
    const state = await this.swapState(request);

    const instructions = await pumpSwapSdk.PUMP_AMM_SDK.sellBaseInput(state, new BN(request.tokensRaw.toString()), slippage);
    const sell = args.find(instructions, 'sell');
    return {
      venue: this.name,
      instructions,
      tokenProgram: state.baseTokenProgram,
      userTokenAccount: state.userBaseTokenAccount,
      decimals: state.baseMintAccount.decimals,
      minSolOutLamports: u64Arg(sell.args, 'min_quote_amount_out'),
      tokensRaw: u64Arg(sell.args, 'base_amount_in'),
    };
  }

  /** PumpSwap's custom error codes (the program this venue's instructions call). */
  describeError(code: number): string | undefined {
    return describePumpSwapError(code);
  }

  private async swapState(request: SellRequest): Promise<SwapSolanaState> {
    const mint = request.mint.toBase58();
    const state = await readSwapState(this.connection, this.sdk, request.mint, request.user, this.readTimeoutMs);
    const poolKey = state.poolKey;
    if (!state.pool.baseMint.equals(request.mint)) {
      throw new Error(`the PumpSwap pool ${poolKey.toBase58()} trades ${state.pool.baseMint.toBase58()}, not ${mint}`);
    }
    if (!state.pool.quoteMint.equals(NATIVE_MINT)) {
      throw new Error(`the PumpSwap pool of ${mint} is quoted in ${state.pool.quoteMint.toBase58()}, not SOL: only SOL trades are made`);
    }
    // The SDK takes the token program from the mint's owner too; it is checked the same way as on the curve.
    const tokenProgram = checkedTokenProgram(request.mint, state.baseTokenProgram);
    const held = tokenBalance(state.userBaseTokenAccount, state.userBaseAccountInfo, tokenProgram);
    if (held < request.tokensRaw) {
      throw new Error(
        `${describePumpError(6023) ?? 'NotEnoughTokensToSell'}: the wallet's ${programName(tokenProgram)} account ` +
          `${state.userBaseTokenAccount.toBase58()} holds ${held} raw tokens, the sell offers ${request.tokensRaw}`,
      );
    }
    return state;
  }
}
