import type { Connection, PublicKey } from '@solana/web3.js';
import BN from 'bn.js';
import { pumpSdk } from '../../feeds/pump-sdk.js';
import type { BuyPlan, BuyRequest, SellPlan, SellRequest, Venue } from '../venue.js';
import { DEFAULT_READ_TIMEOUT_MS } from './chain-read.js';
import { readCurveState, type CurveState } from './curve-state.js';
import { InstructionArgs, u64Arg } from './instruction-args.js';
import { memoizeProgramAddresses } from './program-address-memo.js';
import { bondingCurveCompleteRefusal, describePumpError } from './pump-errors.js';
import { checkedAmount, checkedSlippagePct } from './request-checks.js';
import { programName, tokenBalance } from './token-program.js';

const args = new InstructionArgs(pumpSdk.pumpIdl, pumpSdk.PUMP_PROGRAM_ID);
const bn = (value: bigint) => new BN(value.toString());

/**
 * Buys and sells on a pump.fun bonding curve with @pump-fun/pump-sdk's builders. The SDK picks
 * the fee recipient (and the buyback recipient) with Math.random on every build, so two builds
 * of the same buy are two different transactions: a buy whose outcome is unknown must never be
 * planned again, only its signed bytes re-sent (the live trader's rule).
 */
export class PumpCurveVenue implements Venue {
  readonly name = 'pump-curve' as const;
  readonly programId: PublicKey = pumpSdk.PUMP_PROGRAM_ID;

  private readonly readTimeoutMs: number;

  constructor(
    private readonly connection: Pick<Connection, 'getMultipleAccountsInfo'>,
    options: { readTimeoutMs?: number } = {},
  ) {
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    // Most of planning a buy is deriving addresses, many the same each time (program-address-memo.ts).
    memoizeProgramAddresses();
  }

  async planBuy(request: BuyRequest): Promise<BuyPlan> {
    const slippage = checkedSlippagePct(request.slippagePct);
    checkedAmount(request.solLamports, 'the SOL amount of a buy (lamports)');
    const state = await this.tradableCurve(request.mint, request.user);

    const expectedTokens = pumpSdk.getBuyTokenAmountFromSolAmount({
      global: state.global,
      feeConfig: state.feeConfig,
      mintSupply: bn(state.mint.supplyRaw),
      bondingCurve: state.bondingCurve,
      amount: bn(request.solLamports),
      quoteMint: state.bondingCurve.quoteMint,
    });
    if (expectedTokens.lten(0)) {
      throw new Error(`the curve of ${request.mint.toBase58()} gives no tokens for ${request.solLamports} lamports`);
    }

    const instructions = await pumpSdk.PUMP_SDK.buyInstructions({
      global: state.global,
      bondingCurveAccountInfo: state.bondingCurveAccountInfo,
      bondingCurve: state.bondingCurve,
      associatedUserAccountInfo: state.userTokenAccountInfo,
      mint: request.mint,
      user: request.user,
      amount: expectedTokens,
      solAmount: bn(request.solLamports),
      slippage,
      tokenProgram: state.mint.tokenProgram,
    });
    // The program's `buy` takes exactly `amount` tokens and refuses (6002) past max_sol_cost:
    // the SDK sets it to solAmount × (1 + slippage), the most this buy can spend.
    const buy = args.find(instructions, 'buy');
    return {
      venue: this.name,
      instructions,
      tokenProgram: state.mint.tokenProgram,
      userTokenAccount: state.userTokenAccount,
      decimals: state.mint.decimals,
      maxSolCostLamports: u64Arg(buy.args, 'max_sol_cost'),
      expectedTokensRaw: u64Arg(buy.args, 'amount'),
    };
  }

  async planSell(request: SellRequest): Promise<SellPlan> {
    const slippage = checkedSlippagePct(request.slippagePct);
    checkedAmount(request.tokensRaw, 'the token amount of a sell (raw units)');
    const state = await this.tradableCurve(request.mint, request.user);
    assertHolds(state, request);

    const expectedSol = pumpSdk.getSellSolAmountFromTokenAmount({
      global: state.global,
      feeConfig: state.feeConfig,
      mintSupply: bn(state.mint.supplyRaw),
      bondingCurve: state.bondingCurve,
      amount: bn(request.tokensRaw),
    });
    if (expectedSol.lten(0)) {
      throw new Error(`the curve of ${request.mint.toBase58()} pays nothing for ${request.tokensRaw} raw tokens`);
    }

    const instructions = await pumpSdk.PUMP_SDK.sellInstructions({
      global: state.global,
      bondingCurveAccountInfo: state.bondingCurveAccountInfo,
      bondingCurve: state.bondingCurve,
      mint: request.mint,
      user: request.user,
      amount: bn(request.tokensRaw),
      solAmount: expectedSol,
      slippage,
      tokenProgram: state.mint.tokenProgram,
      // The sell builder does not read these from the curve: a mayhem coin pays a reserved fee
      // recipient and a cashback coin needs the user's volume accumulator, or the program refuses.
      mayhemMode: state.bondingCurve.isMayhemMode,
      cashback: state.bondingCurve.isCashbackCoin,
    });
    const sell = args.find(instructions, 'sell');
    return {
      venue: this.name,
      instructions,
      tokenProgram: state.mint.tokenProgram,
      userTokenAccount: state.userTokenAccount,
      decimals: state.mint.decimals,
      minSolOutLamports: u64Arg(sell.args, 'min_sol_output'),
      tokensRaw: u64Arg(sell.args, 'amount'),
    };
  }

  describeError(code: number): string | undefined {
    return describePumpError(code);
  }

  /** The curve state, refused when the curve no longer trades or is not quoted in SOL. */
  private async tradableCurve(mint: PublicKey, user: PublicKey): Promise<CurveState> {
    const state = await readCurveState(this.connection, mint, user, this.readTimeoutMs);
    if (state.bondingCurve.complete) throw new Error(bondingCurveCompleteRefusal(mint.toBase58()));
    if (!pumpSdk.isLegacyQuoteMint(state.bondingCurve.quoteMint)) {
      throw new Error(
        `the curve of ${mint.toBase58()} is quoted in ${state.bondingCurve.quoteMint.toBase58()}, not SOL: only SOL trades are made`,
      );
    }
    return state;
  }
}

/** A sell of more than the wallet holds would fail on chain (6023); it is refused before anything is signed. */
function assertHolds(state: CurveState, request: SellRequest): void {
  const held = tokenBalance(state.userTokenAccount, state.userTokenAccountInfo, state.mint.tokenProgram);
  if (held < request.tokensRaw) {
    throw new Error(
      `${describePumpError(6023) ?? 'NotEnoughTokensToSell'}: the wallet's ${programName(state.mint.tokenProgram)} account ` +
        `${state.userTokenAccount.toBase58()} holds ${held} raw tokens, the sell offers ${request.tokensRaw}`,
    );
  }
}
