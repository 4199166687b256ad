import { NATIVE_MINT } from '@solana/spl-token';
import { Connection } from '@solana/web3.js';
import { quoteBuyExactIn, quoteSellExactIn, type FeeRates } from '../../electron/core/live/bonk/launchlab-curve.js';
import { INSTRUCTION_DISCRIMINATORS } from '../../electron/core/live/bonk/launchlab-instructions.js';
import { LAUNCHLAB_PROGRAM_ID } from '../../electron/core/live/bonk/launchlab-layout.js';
import { LaunchLabVenue } from '../../electron/core/live/bonk/launchlab-venue.js';
import { PumpVenueRouter } from '../../electron/core/live/pump/pump-router.js';
import type { VenueRouter } from '../../electron/core/live/venue.js';
import type { FakeSolanaRpc, SentTransaction } from './fake-solana-rpc.js';
import { countingFetch, driveUntilDone } from './fake-solana-rpc-driver.js';
import { bonkPoolWorld, serveBonkPool, type BonkPoolOptions, type BonkPoolWorld } from './launchlab-accounts.js';
import type { LiveEnv } from './live-trader-env.js';

/** bonkPoolWorld's default fees: LaunchLab's 0.25 % protocol fee and bonk.fun's 1 % platform fee. */
export const WORLD_FEES: FeeRates = { protocol: 2_500n, platform: 10_000n, creator: 0n };

/**
 * What a landed LaunchLab buy_exact_in / sell_exact_in does to the wallet, for the fake node's
 * `landEffects`: the tokens the pool's curve pays for the buy (the SOL side is the wrap's
 * System transfer, which the node applies itself), or the SOL the curve pays for the sell (the
 * unwrap is a token-program close the node does not model, so it is given as solDelta). The
 * pool's reserves are those of `world` as served; the node does not move them.
 */
export function launchLabEffects(world: BonkPoolWorld, fees: FeeRates = WORLD_FEES) {
  return (sent: SentTransaction): { solDelta?: bigint; tokenDelta?: bigint } | undefined => {
    const keys = sent.transaction.message.staticAccountKeys;
    for (const ix of sent.transaction.message.compiledInstructions) {
      if (!keys[ix.programIdIndex]?.equals(LAUNCHLAB_PROGRAM_ID)) continue;
      const data = Buffer.from(ix.data);
      const amount = data.readBigUInt64LE(8);
      const discriminator = data.subarray(0, 8);
      if (discriminator.equals(Buffer.from(INSTRUCTION_DISCRIMINATORS.buyExactIn))) {
        return { tokenDelta: quoteBuyExactIn(world.fields, fees, amount).tokensOut };
      }
      if (discriminator.equals(Buffer.from(INSTRUCTION_DISCRIMINATORS.sellExactIn))) {
        return { solDelta: quoteSellExactIn(world.fields, fees, amount).lamportsOut, tokenDelta: -amount };
      }
    }
    return undefined;
  };
}

/** Serves nothing by itself: makes the node apply LaunchLab trades of `world` when they land. */
export function useLaunchLab(server: FakeSolanaRpc, world: BonkPoolWorld, fees: FeeRates = WORLD_FEES): void {
  if (!world.fields.quoteMint.equals(NATIVE_MINT)) throw new Error('only SOL-quoted pools are modelled');
  server.landEffects = launchLabEffects(world, fees);
}

/**
 * A router for a live env that exists before the node does: the env is made with
 * `late.router`, and `bonkOnLiveEnv` sets what it delegates to once the node's URL is known.
 */
export function lateRouter(): { router: VenueRouter; set(router: VenueRouter): void } {
  let target: VenueRouter | undefined;
  const current = () => {
    if (!target) throw new Error('the router was used before bonkOnLiveEnv set it');
    return target;
  };
  return {
    router: { forBuy: (platform, mint) => current().forBuy(platform, mint), forSell: (platform, mint) => current().forSell(platform, mint) },
    set: (router) => {
      target = router;
    },
  };
}

/**
 * bonk.fun on a live env: the pump router (the app's) with the LaunchLab venue on a web3.js
 * Connection to the env's node, a pool served and applied when trades land, and a drive that
 * also waits for the venue's reads (their fetch is counted) before moving the fake clock.
 */
export function bonkOnLiveEnv(env: LiveEnv, late: ReturnType<typeof lateRouter>, options: BonkPoolOptions = {}) {
  const reads = countingFetch();
  const connection = new Connection(env.server.url, { commitment: 'confirmed', disableRetryOnRateLimit: true, fetch: reads.fetch as never });
  late.set(new PumpVenueRouter({ connection, bonk: new LaunchLabVenue({ connection }) }));
  const world = bonkPoolWorld(options);
  serveBonkPool(env.server, world);
  useLaunchLab(env.server, world);
  const drive = <T>(work: Promise<T>) => driveUntilDone(work, { clock: env.clock, server: env.server, inFlight: () => env.inFlight() + reads.inFlight() });
  return { world, drive };
}
