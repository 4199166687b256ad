import bs58 from 'bs58';
import type { Platform } from '../../../shared/domain.js';
import { Rng } from '../time/rng.js';

/** Who and what launch k is. A pure function of (seed, k): no other stream can shift it. */
export interface LaunchIdentity {
  k: number;
  mint: string;
  creator: string;
  platform: Platform;
  name: string;
  symbol: string;
}

const adjectives = [
  'Turbo', 'Based', 'Giga', 'Tiny', 'Sleepy', 'Angry', 'Cosmic', 'Golden', 'Silly', 'Hyper',
  'Lucky', 'Frozen', 'Rich', 'Baby', 'Dark', 'Happy', 'Wild', 'Mega', 'Retro', 'Chill',
  'Laser', 'Pixel', 'Royal', 'Soggy', 'Neon', 'Quantum', 'Lazy', 'Spicy', 'Magic', 'Sad',
];
const nouns = [
  'Frog', 'Cat', 'Dog', 'Penguin', 'Hamster', 'Whale', 'Goblin', 'Wizard', 'Banana', 'Rocket',
  'Moon', 'Otter', 'Duck', 'Bonk', 'Pepe', 'Shiba', 'Monkey', 'Bear', 'Bull', 'Toad',
  'Panda', 'Koala', 'Robot', 'Pizza', 'Taco', 'Ghost', 'Dragon', 'Llama', 'Sloth', 'Chad',
];

/** A base58 address from 32 bytes of `rng`. */
export function walletFromRng(rng: Rng): string {
  return bs58.encode(rng.bytes(32));
}

export function launchIdentity(seed: number, k: number, bonkShare = 0.2): LaunchIdentity {
  const rng = new Rng(seed).fork(`launch/${k}`);
  const mintBytes = rng.bytes(32);
  // A 32-bit seeded stream only has 2^32 possible byte strings, so at scale two launches
  // could draw the same mint and the coordinator would call the second "already bought".
  // Stamping k into the low bytes makes every mint of a run unique by construction.
  new DataView(mintBytes.buffer).setUint32(28, k >>> 0);
  const mint = bs58.encode(mintBytes);
  const creator = walletFromRng(rng);
  const platform: Platform = rng.chance(bonkShare) ? 'bonk.fun' : 'pump.fun';
  const adjective = rng.pick(adjectives);
  const noun = rng.pick(nouns);
  const symbol = rng.chance(0.5) ? noun.toUpperCase() : `${adjective[0]}${noun}`.toUpperCase().slice(0, 6);
  return { k, mint, creator, platform, name: `${adjective} ${noun}`, symbol };
}

/** Wallets that stay the same for a seed: the whales, a pool of everyday traders. */
export function seededWallets(seed: number, label: string, count: number): string[] {
  const rng = new Rng(seed).fork(label);
  return Array.from({ length: count }, () => walletFromRng(rng));
}
