import { describe, expect, it } from 'vitest';
import {
  bondingCurveCompleteRefusal,
  curveSentences,
  describePumpError,
  describePumpSwapError,
  pumpErrors,
  pumpSwapErrors,
  pumpSwapSentences,
} from '../../../../../electron/core/live/pump/pump-errors.js';

describe('pump.fun error names', () => {
  it("the issue's codes are these names in the IDL shipped with @pump-fun/pump-sdk 2.0.0", () => {
    const issue: Record<number, string> = {
      6002: 'TooMuchSolRequired',
      6003: 'TooLittleSolReceived',
      6005: 'BondingCurveComplete',
      6023: 'NotEnoughTokensToSell',
      6040: 'BuyNotEnoughSolToCoverRent',
      6041: 'BuyNotEnoughSolToCoverFees',
      6042: 'BuySlippageBelowMinTokensOut',
      6081: 'BondingCurveAlreadyMigrated',
    };
    for (const [code, name] of Object.entries(issue)) {
      expect(pumpErrors.get(Number(code))?.name).toBe(name);
      expect(describePumpError(Number(code))).toMatch(new RegExp(`^${name}: \\S`));
    }
  });

  it('every sentence sits on the code the IDL names that way (curve and PumpSwap)', () => {
    for (const [code, [name]] of Object.entries(curveSentences)) expect(pumpErrors.get(Number(code))?.name).toBe(name);
    for (const [code, [name]] of Object.entries(pumpSwapSentences)) expect(pumpSwapErrors.get(Number(code))?.name).toBe(name);
  });

  it('names every custom code of both IDLs, and nothing else', () => {
    expect(pumpErrors.size).toBeGreaterThan(90);
    for (const [code, error] of pumpErrors) expect(describePumpError(code)).toMatch(new RegExp(`^${error.name}`));
    expect(pumpSwapErrors.size).toBeGreaterThan(70);
    for (const [code, error] of pumpSwapErrors) expect(describePumpSwapError(code)).toMatch(new RegExp(`^${error.name}`));
    expect(describePumpError(5999)).toBeUndefined();
    // Known only to the newer PumpSwap IDL bundled with pump-sdk 2.0.0.
    expect(describePumpSwapError(6077)).toMatch(/^CreatorFeeNotConfigurableForQuote: /);
    expect(describePumpSwapError(7000)).toBeUndefined();
    // A code without a sentence keeps the IDL's message.
    expect(describePumpError(6004)).toBe('MintDoesNotMatchBondingCurve: The mint does not match the bonding curve.');
    expect(describePumpError(6031)).toBe('StartTimeInThePast');
  });

  it("Anchor's framework codes are named as accounts the program did not expect", () => {
    expect(describePumpError(2006)).toMatch(/^Anchor ConstraintSeeds: A seeds constraint was violated \(an account pump.fun was given/);
    expect(describePumpSwapError(3012)).toMatch(/^Anchor AccountNotInitialized: .*PumpSwap/);
    expect(describePumpError(99)).toBeUndefined();
  });

  it('the refusal of a migrated buy carries BondingCurveComplete and the mint', () => {
    expect(bondingCurveCompleteRefusal('Mint111')).toMatch(/^BondingCurveComplete: .*\(Mint111\)/);
  });
});
