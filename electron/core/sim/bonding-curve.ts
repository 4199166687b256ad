/**
 * A launchpad bonding curve: constant product over virtual reserves, as pump.fun's program
 * computes it (pump-sdk's getBuyTokenAmountFromSolAmount / getSellSolAmountFromTokenAmount),
 * in UI units (SOL, whole tokens) and floating point, because the simulator needs prices
 * that move like the real ones, not lamport-exact fills.
 */
export interface CurveParams {
  initialVirtualSol: number;
  initialVirtualTokens: number;
  /** Tokens the curve sells before it completes; the rest goes to the migrated pool. */
  initialRealTokens: number;
  totalSupply: number;
  feeBps: number;
}

/** pump.fun's global defaults: completes at ~85 SOL real, market cap ~28 SOL at create. */
export const pumpCurveParams: CurveParams = {
  initialVirtualSol: 30,
  initialVirtualTokens: 1_073_000_000,
  initialRealTokens: 793_100_000,
  totalSupply: 1_000_000_000,
  feeBps: 100,
};

/** One side of a trade: what the wallet spends or receives (fees included) and gets. */
export interface CurveFill {
  /** Buy: SOL the wallet spent, fee included. Sell: SOL it received, fee deducted. */
  solAmount: number;
  tokens: number;
  /** Average price of this fill in SOL per token, fee included. */
  priceSol: number;
  /** True when this buy takes the last real token: the curve completes and migrates. */
  completes: boolean;
}

export interface CurveSnapshot {
  vSol: number;
  vTokens: number;
  realSol: number;
  realTokens: number;
  complete: boolean;
  priceSol: number;
  marketCapSol: number;
}

export class BondingCurve {
  vSol: number;
  vTokens: number;
  realSol = 0;
  realTokens: number;
  complete = false;

  constructor(private readonly params: CurveParams = pumpCurveParams) {
    this.vSol = params.initialVirtualSol;
    this.vTokens = params.initialVirtualTokens;
    this.realTokens = params.initialRealTokens;
  }

  /** Spot price in SOL per token. */
  priceSol(): number {
    return this.vSol / this.vTokens;
  }

  marketCapSol(): number {
    return (this.vSol * this.params.totalSupply) / this.vTokens;
  }

  snapshot(): CurveSnapshot {
    return {
      vSol: this.vSol,
      vTokens: this.vTokens,
      realSol: this.realSol,
      realTokens: this.realTokens,
      complete: this.complete,
      priceSol: this.priceSol(),
      marketCapSol: this.marketCapSol(),
    };
  }

  /** What `grossSol` (fee included) buys now; undefined on a completed curve or a zero amount. */
  quoteBuy(grossSol: number): CurveFill | undefined {
    if (this.complete || !(grossSol > 0)) return undefined;
    const feeFactor = 1 + this.params.feeBps / 10_000;
    let net = grossSol / feeFactor;
    let tokens = (this.vTokens * net) / (this.vSol + net);
    let completes = false;
    if (tokens >= this.realTokens) {
      // The program sells at most the remaining real tokens and charges only for those.
      tokens = this.realTokens;
      net = (this.vSol * tokens) / (this.vTokens - tokens);
      completes = true;
    }
    if (!(tokens > 0)) return undefined;
    const solAmount = completes ? net * feeFactor : grossSol;
    return { solAmount, tokens, priceSol: solAmount / tokens, completes };
  }

  /** What selling `tokens` returns now, fee deducted; undefined when impossible. */
  quoteSell(tokens: number): CurveFill | undefined {
    if (this.complete || !(tokens > 0)) return undefined;
    // Nobody can sell more than the curve has sold.
    if (tokens > this.params.initialRealTokens - this.realTokens + 1e-6) return undefined;
    const gross = (this.vSol * tokens) / (this.vTokens + tokens);
    const solAmount = gross * (1 - this.params.feeBps / 10_000);
    return { solAmount, tokens, priceSol: solAmount / tokens, completes: false };
  }

  buy(grossSol: number): CurveFill | undefined {
    const fill = this.quoteBuy(grossSol);
    if (!fill) return undefined;
    const net = fill.solAmount / (1 + this.params.feeBps / 10_000);
    this.vSol += net;
    this.realSol += net;
    this.vTokens -= fill.tokens;
    this.realTokens = fill.completes ? 0 : this.realTokens - fill.tokens;
    if (fill.completes) this.complete = true;
    return fill;
  }

  sell(tokens: number): CurveFill | undefined {
    const fill = this.quoteSell(tokens);
    if (!fill) return undefined;
    const gross = fill.solAmount / (1 - this.params.feeBps / 10_000);
    this.vSol -= gross;
    this.realSol = Math.max(0, this.realSol - gross);
    this.vTokens += tokens;
    this.realTokens = Math.min(this.params.initialRealTokens, this.realTokens + tokens);
    return fill;
  }
}
