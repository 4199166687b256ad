import { createRequire } from 'node:module';
import { PublicKey } from '@solana/web3.js';

/**
 * Remembers program-derived addresses. A derivation is a SHA-256 plus a pure-JavaScript
 * ed25519 on-curve check per bump tried (~0.2 ms each on this machine, far more under load),
 * and a pump.fun buy derives about thirteen: four are constants that anchor's account resolver
 * derives again on every build (Global, the event authority, the global volume accumulator,
 * the fee config), and the curve and the wallet's token account are derived by the venue's read
 * and again by the SDK. They were ~80 % of planning a buy. The SDKs offer no way to pass them
 * in, so web3.js's `PublicKey.findProgramAddressSync` is wrapped, once per process: a pure
 * function, keyed by the exact program id and seed bytes, in a bounded map (oldest out first).
 */
const DEFAULT_LIMIT = 4_096;

type Derive = (seeds: Array<Buffer | Uint8Array>, programId: PublicKey) => [PublicKey, number];
interface Memoized {
  __launchdeskMemo?: { size(): number };
}

const require = createRequire(import.meta.url);

/** The exact bytes of a derivation's inputs: each seed length-prefixed (seeds [a, bc] and [ab, c] differ), then the program. */
function keyOf(seeds: Array<Buffer | Uint8Array>, programId: PublicKey): string {
  let key = '';
  for (const seed of seeds) key += `${seed.length}:${Buffer.from(seed.buffer, seed.byteOffset, seed.length).toString('latin1')}|`;
  return key + Buffer.from(programId.toBytes()).toString('latin1');
}

/** `derive` remembered: the same inputs give the same address and bump, computed once while in the last `limit` distinct inputs. */
export function memoizedDerivation(derive: Derive, limit: number): Derive & { size(): number } {
  const cache = new Map<string, [PublicKey, number]>();
  const memo = (seeds: Array<Buffer | Uint8Array>, programId: PublicKey): [PublicKey, number] => {
    const key = keyOf(seeds, programId);
    const known = cache.get(key);
    if (known) return [known[0], known[1]];
    const derived = derive(seeds, programId);
    cache.set(key, derived);
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return [derived[0], derived[1]];
  };
  return Object.assign(memo, { size: () => cache.size });
}

function memoize(target: typeof PublicKey, limit: number): void {
  const holder = target as unknown as Memoized & { findProgramAddressSync: Derive };
  if (holder.__launchdeskMemo) return;
  const memo = memoizedDerivation(holder.findProgramAddressSync.bind(target), limit);
  holder.__launchdeskMemo = memo;
  holder.findProgramAddressSync = memo;
}

/**
 * Wraps `findProgramAddressSync` of every copy of web3.js's PublicKey this process loaded (the
 * SDKs' CommonJS copy and ours, when they differ). Idempotent.
 */
export function memoizeProgramAddresses(limit: number = DEFAULT_LIMIT): void {
  const cjs = (require('@solana/web3.js') as typeof import('@solana/web3.js')).PublicKey;
  memoize(PublicKey, limit);
  if (cjs !== PublicKey) memoize(cjs, limit);
}

/** How many derivations are remembered (for tests). */
export function rememberedProgramAddresses(): number {
  return (PublicKey as unknown as Memoized).__launchdeskMemo?.size() ?? 0;
}
