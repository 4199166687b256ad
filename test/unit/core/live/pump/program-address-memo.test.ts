import { Keypair, PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { pumpSdk } from '../../../../../electron/core/feeds/pump-sdk.js';
import {
  memoizeProgramAddresses,
  memoizedDerivation,
  rememberedProgramAddresses,
} from '../../../../../electron/core/live/pump/program-address-memo.js';

/** The derivation by definition: the highest bump whose address is off the curve. */
function bruteForce(seeds: Buffer[], programId: PublicKey): [PublicKey, number] {
  for (let bump = 255; bump >= 0; bump -= 1) {
    try {
      return [PublicKey.createProgramAddressSync([...seeds, Buffer.from([bump])], programId), bump];
    } catch {
      // on the curve: the next bump
    }
  }
  throw new Error('no bump');
}

describe('program address memo', () => {
  it('remembers: the same inputs derive once, different inputs (even [a, bc] vs [ab, c]) derive apart', () => {
    const calls: string[] = [];
    const fake = (seeds: Array<Buffer | Uint8Array>, program: PublicKey): [PublicKey, number] => {
      calls.push(seeds.map((s) => Buffer.from(s).toString()).join('/'));
      return [program, calls.length];
    };
    const memo = memoizedDerivation(fake, 3);
    const program = Keypair.generate().publicKey;
    expect(memo([Buffer.from('a'), Buffer.from('bc')], program)).toEqual([program, 1]);
    expect(memo([Buffer.from('a'), Buffer.from('bc')], program)).toEqual([program, 1]);
    expect(memo([Buffer.from('ab'), Buffer.from('c')], program)[1]).toBe(2);
    expect(memo([Buffer.from('a'), Buffer.from('bc')], Keypair.generate().publicKey)[1]).toBe(3);
    expect(calls).toEqual(['a/bc', 'ab/c', 'a/bc']);
    // Bounded: a fourth distinct input pushes the oldest out, which is derived again.
    memo([Buffer.from('d')], program);
    expect(memo.size()).toBe(3);
    memo([Buffer.from('a'), Buffer.from('bc')], program);
    expect(calls).toHaveLength(5);
  });

  it("web3.js's findProgramAddressSync, once memoized, gives exactly the derivation by definition, first time and remembered", () => {
    memoizeProgramAddresses();
    memoizeProgramAddresses();
    for (let i = 0; i < 20; i += 1) {
      const seeds = [Buffer.from('bonding-curve'), Keypair.generate().publicKey.toBuffer()];
      const expected = bruteForce(seeds, pumpSdk.PUMP_PROGRAM_ID);
      for (let pass = 0; pass < 2; pass += 1) {
        const [address, bump] = PublicKey.findProgramAddressSync(seeds, pumpSdk.PUMP_PROGRAM_ID);
        expect(address.equals(expected[0])).toBe(true);
        expect(bump).toBe(expected[1]);
      }
    }
    expect(rememberedProgramAddresses()).toBeGreaterThanOrEqual(20);
    // A seed over 32 bytes is still refused, and nothing is remembered for it.
    expect(() => PublicKey.findProgramAddressSync([Buffer.alloc(33)], pumpSdk.PUMP_PROGRAM_ID)).toThrow(/Max seed length/);
  });
});
