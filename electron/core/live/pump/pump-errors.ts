import { createRequire } from 'node:module';
import type { LangErrorCode as LangErrorCodeType } from '@coral-xyz/anchor';
import { pumpSdk } from '../../feeds/pump-sdk.js';
import { pumpSwapSdk } from './pump-swap-sdk.js';

const require = createRequire(import.meta.url);
const { LangErrorCode, LangErrorMessage } = require('@coral-xyz/anchor') as {
  LangErrorCode: typeof LangErrorCodeType;
  LangErrorMessage: ReadonlyMap<number, string>;
};

/**
 * Names for the custom error codes of the pump.fun bonding-curve program and of PumpSwap, read
 * from the IDLs the SDKs ship (so a program upgrade that adds codes is named as soon as the SDK
 * is), with a sentence a trader can act on for the codes a buy or a sell actually meets.
 */
interface IdlError {
  code: number;
  name: string;
  msg?: string;
}

function namesOf(errors: readonly IdlError[] | undefined): ReadonlyMap<number, IdlError> {
  return new Map((errors ?? []).map((error) => [error.code, error]));
}

export const pumpErrors: ReadonlyMap<number, IdlError> = namesOf(pumpSdk.pumpIdl.errors as IdlError[] | undefined);
/**
 * PumpSwap's codes: pump-swap-sdk's IDL, and the newer copy pump-sdk 2.0.0 ships (it knows
 * 6074–6077, pump-swap-sdk 1.20.0 does not); the newer copy wins where both name a code.
 */
export const pumpSwapErrors: ReadonlyMap<number, IdlError> = new Map([
  ...namesOf(pumpSwapSdk.pumpAmmJson.errors as IdlError[] | undefined),
  ...namesOf(pumpSdk.getPumpAmmProgram(null as never).rawIdl.errors as IdlError[] | undefined),
]);

/**
 * The codes a trader meets, with the name the IDL must give them: a sentence is attached only
 * while the shipped IDL still names the code so (an SDK upgrade that renumbers falls back to
 * the IDL's own name and message instead of a wrong sentence; the tests check every pair).
 */
type Sentences = Readonly<Record<number, readonly [name: string, sentence: string]>>;

export const curveSentences: Sentences = {
  6002: ['TooMuchSolRequired', 'the price moved past your slippage: the buy would have cost more SOL than its maximum'],
  6003: ['TooLittleSolReceived', 'the price moved past your slippage: the sell would have paid less SOL than its minimum'],
  6005: ['BondingCurveComplete', 'the bonding curve is complete: the coin has migrated and trades on PumpSwap'],
  6020: ['BuyZeroAmount', 'the buy asked for zero tokens'],
  6021: ['NotEnoughTokensToBuy', 'the curve has fewer tokens left than the buy asked for'],
  6022: ['SellZeroAmount', 'the sell offered zero tokens'],
  6023: ['NotEnoughTokensToSell', 'the wallet holds fewer tokens than the sell offered'],
  6040: ['BuyNotEnoughSolToCoverRent', 'the wallet has too little SOL to pay the rent of the new token account'],
  6041: ['BuyNotEnoughSolToCoverFees', 'the wallet has too little SOL to pay the trade and its fees'],
  6042: ['BuySlippageBelowMinTokensOut', 'the price moved past your slippage: the buy would have received fewer tokens than its minimum'],
  6081: ['BondingCurveAlreadyMigrated', 'the bonding curve has already migrated: the coin trades on PumpSwap'],
};

export const pumpSwapSentences: Sentences = {
  6004: ['ExceededSlippage', 'the price moved past your slippage on PumpSwap'],
  6021: ['DisabledSell', 'PumpSwap has disabled sells'],
  6039: ['BuyNotEnoughQuoteTokensToCoverFees', 'the wallet has too little SOL to pay the trade and its fees'],
  6040: ['BuySlippageBelowMinBaseAmountOut', 'the price moved past your slippage: the buy would have received fewer tokens than its minimum'],
  6063: ['InsufficientRealQuoteReserves', 'the pool holds less SOL than the sell would pay out'],
};

const anchorNames: ReadonlyMap<number, string> = new Map(
  Object.entries(LangErrorCode)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, code]) => [code, name]),
);

/**
 * Anchor's framework codes (100–5999): an account the program was given is not what it
 * expects, the classic sign of a program upgrade the SDK does not know yet (e.g. 2006
 * ConstraintSeeds on creator_vault, 3012 AccountNotInitialized).
 */
function describeAnchor(code: number, program: string): string | undefined {
  if (code < 100 || code >= 6000) return undefined;
  const name = anchorNames.get(code);
  if (!name) return undefined;
  const message = LangErrorMessage.get(code);
  return `Anchor ${name}${message ? `: ${message}` : ''} (an account ${program} was given is not what it expects: the program may have been upgraded past this SDK)`;
}

function describe(known: ReadonlyMap<number, IdlError>, sentences: Sentences, code: number) {
  const error = known.get(code);
  if (!error) return undefined;
  const entry = sentences[code];
  const sentence = entry && entry[0] === error.name ? entry[1] : error.msg;
  return sentence ? `${error.name}: ${sentence}` : error.name;
}

/** 6002 → "TooMuchSolRequired: the price moved past your slippage: …"; Anchor's codes too; undefined for a code neither has. */
export function describePumpError(code: number): string | undefined {
  return describe(pumpErrors, curveSentences, code) ?? describeAnchor(code, 'pump.fun');
}

export function describePumpSwapError(code: number): string | undefined {
  return describe(pumpSwapErrors, pumpSwapSentences, code) ?? describeAnchor(code, 'PumpSwap');
}

/** The sentence a buy of a migrated coin is refused with, before anything is built. */
export const bondingCurveCompleteRefusal = (mint: string): string =>
  `${describePumpError(6005) ?? 'BondingCurveComplete'} (${mint}); buys are made on the bonding curve only`;
