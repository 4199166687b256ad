import { Keypair, type PublicKey } from '@solana/web3.js';
import { afterEach } from 'vitest';
import { BlockhashCache } from '../../electron/core/live/blockhash-cache.js';
import { LiveTrader, type LiveTraderOptions } from '../../electron/core/live/live-trader.js';
import { SolanaRpc } from '../../electron/core/live/solana-rpc.js';
import type { VenueRouter } from '../../electron/core/live/venue.js';
import { ManualClock } from '../../electron/core/time/clock.js';
import { defaultExecution, type Execution } from '../../shared/settings.js';
import { FakeSolanaRpc, type FakeSolanaRpcOptions } from './fake-solana-rpc.js';
import { countingFetch, driveUntilDone } from './fake-solana-rpc-driver.js';
import { keypairSigner, routerOf, TestVenue, useTestVenue } from './test-venue.js';

export interface LiveEnv {
  clock: ManualClock;
  server: FakeSolanaRpc;
  rpc: SolanaRpc;
  signer: ReturnType<typeof keypairSigner>;
  venue: TestVenue;
  trader: LiveTrader;
  execution: Execution;
  /** A fresh mint the fake node knows (test venue effects on). */
  newMint(): PublicKey;
  /** Runs `work` on the ManualClock until it is done (see driveUntilDone). */
  drive<T>(work: Promise<T>): Promise<T>;
  /** Open RPC calls of this env's client. */
  inFlight(): number;
  /** A second trader on the same node and wallet (another instance after a restart). */
  newTrader(overrides?: Partial<LiveTraderOptions>): LiveTrader;
}

/**
 * A live trader on the test venue against a fresh fake node, on a ManualClock that moves
 * the chain one block per 400 ms; blockhashes live 30 blocks so expiry takes 12 s of fake
 * time. The wallet starts with 10 SOL. Every env is closed after its test.
 */
export interface LiveEnvOptions {
  node?: FakeSolanaRpcOptions;
  execution?: Partial<Execution>;
  /** A router, or one built on the env's client (e.g. the pump.fun router on rpc.connection()). Default: the test venue. */
  router?: VenueRouter | ((rpc: SolanaRpc) => VenueRouter);
  trader?: Partial<LiveTraderOptions>;
}

export function useLiveEnv(): (options?: LiveEnvOptions) => Promise<LiveEnv> {
  const servers: FakeSolanaRpc[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  return async (options = {}) => {
    const clock = new ManualClock();
    const server = await FakeSolanaRpc.start({ now: () => clock.now(), msPerBlock: 400, blockhashValidBlocks: 30, ...options.node });
    servers.push(server);
    const counting = countingFetch();
    const rpc = new SolanaRpc({ url: server.url, clock, fetch: counting.fetch, timeoutMs: 3_000 });
    const signer = keypairSigner();
    server.setBalance(signer.publicKey, 10_000_000_000n);
    const venue = new TestVenue();
    const execution: Execution = { ...defaultExecution, priorityFee: { ...defaultExecution.priorityFee, mode: 'fixed', microLamports: 10_000 }, ...options.execution };
    const router = typeof options.router === 'function' ? options.router(rpc) : (options.router ?? routerOf(venue));
    // A fresh blockhash for every trade (no cache): a deterministic test venue's retry is then a new transaction.
    const newTrader = (overrides: Partial<LiveTraderOptions> = {}) =>
      new LiveTrader({ rpc, router, signer, execution: () => execution, clock, blockhashes: new BlockhashCache(rpc, clock, 0), ...options.trader, ...overrides });
    return {
      clock,
      server,
      rpc,
      signer,
      venue,
      execution,
      trader: newTrader(),
      newTrader,
      inFlight: counting.inFlight,
      newMint: () => {
        const mint = Keypair.generate().publicKey;
        useTestVenue(server, mint);
        return mint;
      },
      drive: (work) => driveUntilDone(work, { clock, server, inFlight: counting.inFlight }),
    };
  };
}
