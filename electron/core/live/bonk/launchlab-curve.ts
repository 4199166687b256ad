import type { PoolState } from './launchlab-layout.js';

/**
 * LaunchLab's constant-product curve in integers, as the program computes a trade: the
 * fee (protocol + platform + creator, in millionths, rounded up) comes off the SOL going
 * in or coming out, and the curve is (virtualQuote + realQuote) · (virtualBase − realBase)
 * = constant. The paper trader's float curve (feeds/curve-params.ts, feeds/bonk-pool.ts)
 * prices PumpPortal's rounded figures; a live order needs the program's own integer
 * rounding so its minimum out is one the program accepts, hence this second, exact copy.
 * The tests compare it with Raydium SDK's Curve on the same pools.
 */
export const FEE_RATE_DENOMINATOR = 1_000_000n;

export type CurveReserves = Pick<PoolState, 'virtualBase' | 'virtualQuote' | 'realBase' | 'realQuote' | 'totalBaseSell'>;

export interface FeeRates {
  /** GlobalConfig.trade_fee_rate. */
  protocol: bigint;
  /** PlatformConfig.fee_rate. */
  platform: bigint;
  /** PlatformConfig.creator_fee_rate. */
  creator: bigint;
}

export interface BuyQuote {
  /** SOL the buy_exact_in will take: the request, or less when the curve has fewer tokens left than it buys. */
  amountInLamports: bigint;
  /** Base tokens the curve pays out for it. */
  tokensOut: bigint;
  /** True when the request would buy past the curve's end and was cut down. */
  cappedAtCurveEnd: boolean;
}

export interface SellQuote {
  /** SOL the user receives after fees. */
  lamportsOut: bigint;
}

export function totalFeeRate(fees: FeeRates): bigint {
  const total = fees.protocol + fees.platform + fees.creator;
  if (total < 0n || total >= FEE_RATE_DENOMINATOR) throw new RangeError(`LaunchLab fee rate ${total}/1e6 is not a fee`);
  return total;
}

/** buy_exact_in: what `amountIn` lamports buy now. */
export function quoteBuyExactIn(pool: CurveReserves, fees: FeeRates, amountIn: bigint): BuyQuote {
  if (amountIn <= 0n) throw new RangeError('a buy needs more than 0 lamports');
  const rate = totalFeeRate(fees);
  const { quoteReserve, baseReserve } = reserves(pool);
  const afterFee = amountIn - ceilDiv(amountIn * rate, FEE_RATE_DENOMINATOR);
  const out = (afterFee * baseReserve) / (quoteReserve + afterFee);
  const left = pool.totalBaseSell - pool.realBase;
  if (left <= 0n) throw new RangeError('the curve has no tokens left to sell');
  if (out <= left) return { amountInLamports: amountIn, tokensOut: out, cappedAtCurveEnd: false };
  // The program sells what is left and charges only for that, like Raydium's own builder does.
  const neededAfterFee = ceilDiv(quoteReserve * left, baseReserve - left);
  const neededIn = ceilDiv(neededAfterFee * FEE_RATE_DENOMINATOR, FEE_RATE_DENOMINATOR - rate);
  return { amountInLamports: neededIn, tokensOut: left, cappedAtCurveEnd: true };
}

/** sell_exact_in: what `tokensIn` base tokens (as the vault receives them) return now. */
export function quoteSellExactIn(pool: CurveReserves, fees: FeeRates, tokensIn: bigint): SellQuote {
  if (tokensIn <= 0n) throw new RangeError('a sell needs more than 0 tokens');
  const rate = totalFeeRate(fees);
  const { quoteReserve, baseReserve } = reserves(pool);
  const gross = (tokensIn * quoteReserve) / (baseReserve + tokensIn);
  return { lamportsOut: gross - ceilDiv(gross * rate, FEE_RATE_DENOMINATOR) };
}

/** `amount` less `slippagePct` percent (0.1 steps), rounded down: the least a trade may return. */
export function withSlippage(amount: bigint, slippagePct: number): bigint {
  assertSlippagePct(slippagePct);
  const tenths = BigInt(Math.round(slippagePct * 10));
  return (amount * (1000n - tenths)) / 1000n;
}

/** Slippage is a percent in [0, 100): 100% would accept any price, i.e. no protection at all. */
export function assertSlippagePct(slippagePct: number): void {
  if (!Number.isFinite(slippagePct) || slippagePct < 0 || slippagePct >= 100) {
    throw new RangeError(`slippage ${slippagePct}% is not between 0 and 100`);
  }
}

function reserves(pool: CurveReserves): { quoteReserve: bigint; baseReserve: bigint } {
  const quoteReserve = pool.virtualQuote + pool.realQuote;
  const baseReserve = pool.virtualBase - pool.realBase;
  if (quoteReserve <= 0n || baseReserve <= 0n) throw new RangeError('the pool has no reserves to trade against');
  return { quoteReserve, baseReserve };
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
