import { TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey, type AccountInfo } from '@solana/web3.js';
import { performance } from 'node:perf_hooks';
import { LaunchLabVenue } from '../../electron/core/live/bonk/launchlab-venue.js';
import { bonkPoolWorld, type EncodedAccount } from '../support/launchlab-accounts.js';
import { report, summarize } from './bench-report.js';

/** A Connection stand-in answering from memory: the venue's own cost, with the chain state cached. */
function cachedReads() {
  const byKey = new Map<string, AccountInfo<Buffer>>();
  return {
    add: (accounts: Map<string, EncodedAccount>) => {
      for (const [key, a] of accounts) byKey.set(key, { data: a.data, owner: a.owner, lamports: a.lamports ?? 1, executable: false });
    },
    getMultipleAccountsInfo: async (keys: PublicKey[]) => keys.map((k) => byKey.get(k.toBase58()) ?? null),
  };
}

/**
 * `launchlab-plan-buy`: LaunchLabVenue.planBuy of a Token-2022 bonk.fun coin with every account
 * in memory (no RPC): the pool's PDA, decoding and checks, the curve quote and the six
 * instructions (token account, WSOL wrap, buy_exact_in, close). `freshMint` is a new mint and
 * creator each time (a sniper's case: three derivations no cache can save), `sameMint` one mint
 * again and again.
 */
export async function runLaunchLabVenueBench(quick: boolean): Promise<void> {
  const n = quick ? 100 : 2_000;
  const warm = quick ? 20 : 200;
  const user = Keypair.generate().publicKey;
  const reads = cachedReads();
  const venue = new LaunchLabVenue({ connection: reads });
  const worlds = Array.from({ length: n + warm }, () => bonkPoolWorld({ tokenProgram: TOKEN_2022_PROGRAM_ID }));
  for (const world of worlds) reads.add(world.accounts);
  const request = (mint: PublicKey) => ({ mint, user, solLamports: 100_000_000n, slippagePct: 1 });

  const fresh: number[] = [];
  for (const [i, world] of worlds.entries()) {
    const t = performance.now();
    await venue.planBuy(request(world.mint));
    if (i >= warm) fresh.push(performance.now() - t);
  }
  const same: number[] = [];
  for (let i = 0; i < n + warm; i += 1) {
    const t = performance.now();
    await venue.planBuy(request(worlds[0]!.mint));
    if (i >= warm) same.push(performance.now() - t);
  }
  report('launchlab-plan-buy', { freshMint: summarize(fresh), sameMint: summarize(same) });
}
