import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, type AccountInfo, type PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { BlockhashCache } from '../../electron/core/live/blockhash-cache.js';
import { LiveTrader, type LiveRpc } from '../../electron/core/live/live-trader.js';
import { PumpVenueRouter } from '../../electron/core/live/pump/pump-router.js';
import { PumpCurveVenue } from '../../electron/core/live/pump/pump-curve-venue.js';
import type { ConfirmStats } from '../../electron/core/live/send-and-confirm.js';
import { SignatureSubscriptions } from '../../electron/core/live/signature-subscriptions.js';
import { SolanaRpc, SolanaRpcError } from '../../electron/core/live/solana-rpc.js';
import { systemClock } from '../../electron/core/time/clock.js';
import { defaultExecution } from '../../shared/settings.js';
import { FakeSolanaRpc } from '../support/fake-solana-rpc.js';
import { pumpCoinAccounts, pumpProgramAccounts } from '../support/pump-accounts.js';
import { keypairSigner, routerOf, TestVenue, useTestVenue } from '../support/test-venue.js';
import { startBenchEngine } from './bench-engine.js';
import { report, summarize } from './bench-report.js';

/**
 * - `live-signal-to-send`: a buy signal through the real coordinator (claim and fence written
 *   to the SQLite ledger) and the live trader, until the signed transaction is handed to the
 *   RPC; on the real pump.fun curve venue, and on the test venue (no quote or SDK build, so
 *   the coordinator's and the trader's own share shows). Curve state and blockhash are cached
 *   (the venue reads from memory; the blockhash cache is warm), the priority fee read answers
 *   at once: what is measured is our own work (claim, quote, SDK build, compile, sign, fence).
 * - `live-confirm`: buys against the scripted node on loopback with the wall clock (a block
 *   every 400 ms, landing in the next block): first send → verdict, and the RPC calls one buy
 *   makes, polling only and with the WebSocket signature subscription.
 */
export async function runLiveBench(quick: boolean): Promise<void> {
  await signalToSend(quick ? 200 : 2_000);
  await confirm(quick ? 5 : 30);
  await concurrentConfirms(quick ? 5 : 20);
}

/** `live-confirm-concurrent`: `n` buys sent at once, landing 3 blocks later: the RPC calls they cost together. */
async function concurrentConfirms(n: number): Promise<void> {
  const server = await FakeSolanaRpc.start({ now: () => Date.now(), msPerBlock: 400, settleEveryMs: 5 });
  server.script = (sent) => (sent.nth === 0 ? { kind: 'accept', land: { afterBlocks: 3 } } : undefined);
  const rpc = new SolanaRpc({ url: server.url });
  const signer = keypairSigner();
  server.setBalance(signer.publicKey, 1_000_000_000_000n);
  const trader = new LiveTrader({
    rpc,
    router: routerOf(new TestVenue()),
    signer,
    execution: () => ({ ...defaultExecution, priorityFee: { ...defaultExecution.priorityFee, mode: 'fixed' } }),
  });
  try {
    const mints = Array.from({ length: n }, () => Keypair.generate().publicKey);
    for (const mint of mints) useTestVenue(server, mint);
    const results = await Promise.all(mints.map((mint, i) => trader.buy({ attemptId: `c${i}`, mint: mint.toBase58(), platform: 'pump.fun', symbol: 'B', solAmount: 0.01 })));
    if (results.some((r) => r.kind !== 'success')) throw new Error('a concurrent buy did not land');
    const byMethod: Record<string, number> = {};
    for (const c of server.calls) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
    report('live-confirm-concurrent', { buys: n, landAfterBlocks: 3, rpcCalls: server.calls.length, perBuy: Math.round((server.calls.length / n) * 100) / 100, byMethod });
  } finally {
    await server.close();
  }
}

async function signalToSend(n: number): Promise<void> {
  for (const venue of ['pump-curve', 'test-venue'] as const) await signalToSendOn(venue, n);
}

async function signalToSendOn(venueName: 'pump-curve' | 'test-venue', n: number): Promise<void> {
  const signer = keypairSigner();
  const accounts = new Map<string, AccountInfo<Buffer>>();
  const put = (list: { pubkey: PublicKey; owner: PublicKey; lamports: number; data: Buffer; executable?: boolean }[]) => {
    for (const a of list) accounts.set(a.pubkey.toBase58(), { data: a.data, owner: a.owner, lamports: a.lamports, executable: a.executable ?? false, rentEpoch: 0 });
  };
  put(pumpProgramAccounts());
  const mints = Array.from({ length: n + 100 }, () => Keypair.generate().publicKey);
  for (const mint of mints) put(pumpCoinAccounts({ mint, user: signer.publicKey, tokenProgram: TOKEN_PROGRAM_ID }));
  const cachedState = { getMultipleAccountsInfo: async (keys: PublicKey[]) => keys.map((k) => accounts.get(k.toBase58()) ?? null) };

  let sentAt = 0;
  const blockhash = bs58.encode(Keypair.generate().publicKey.toBytes());
  const rpc = {
    getLatestBlockhash: async () => ({ blockhash, lastValidBlockHeight: 1_000_000 }),
    getRecentPrioritizationFees: async () => [1_000, 5_000, 20_000, 100_000],
    sendTransaction: async () => {
      sentAt = performance.now();
      // Ends the buy here: a preflight refusal is a failure, nothing more is asked.
      throw new SolanaRpcError('sendTransaction', { kind: 'json-rpc', code: -32002, message: 'bench: stop at the send' });
    },
  } as unknown as LiveRpc;
  const blockhashes = new BlockhashCache(rpc, systemClock, 3_600_000);
  await blockhashes.get();
  const trader = new LiveTrader({
    rpc,
    router: venueName === 'pump-curve' ? new PumpVenueRouter({ connection: cachedState as never, curve: new PumpCurveVenue(cachedState) }) : routerOf(new TestVenue()),
    signer,
    execution: () => defaultExecution,
    blockhashes,
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'launchdesk-live-bench-'));
  const engine = await startBenchEngine(dataDir, trader);
  await engine.port.handlers['limits.update']({ maxSolPerHour: 0, maxOpenPositions: 0, solReserveSol: 0 });
  try {
    // The trader alone first (its gate answers yes without the ledger), on mints of its own.
    const alone: number[] = [];
    for (let i = 0; i < 100 + Math.min(n, 500); i += 1) {
      const mint = Keypair.generate().publicKey;
      put(pumpCoinAccounts({ mint, user: signer.publicKey, tokenProgram: TOKEN_PROGRAM_ID }));
      const start = performance.now();
      const result = await trader.buy({ attemptId: `alone-${i}`, mint: mint.toBase58(), platform: 'pump.fun', symbol: 'B', solAmount: 0.1 }, () => true);
      if (result.kind !== 'failure') throw new Error(`unexpected ${JSON.stringify(result)}`);
      if (i >= 100) alone.push(sentAt - start);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const samples: number[] = [];
    for (let i = 0; i < mints.length; i += 1) {
      const start = performance.now();
      const update = await engine.coordinator.requestBuy({ module: 'sniper', mint: mints[i]!.toBase58(), platform: 'pump.fun', symbol: 'B', solAmount: 0.1, reason: 'bench' });
      if (update.outcome !== 'failed' || !update.detail?.includes('bench: stop at the send')) throw new Error(`unexpected ${JSON.stringify(update)}`);
      if (i >= 100) samples.push(sentAt - start);
      // Each buy in a turn of its own, as signals arrive.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const venue = venueName === 'pump-curve' ? 'pump-curve (SDK quote and build, curve state in memory)' : 'test venue (no quote: the coordinator and trader alone)';
    report('live-signal-to-send', { venue, throughCoordinator: summarize(samples), traderAlone: summarize(alone), targetP99Ms: 5 });
  } finally {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function confirm(n: number): Promise<void> {
  for (const mode of ['polling', 'websocket'] as const) {
    const server = await FakeSolanaRpc.start({ now: () => Date.now(), msPerBlock: 400, settleEveryMs: 5 });
    const rpc = new SolanaRpc({ url: server.url });
    const signer = keypairSigner();
    server.setBalance(signer.publicKey, 1_000_000_000_000n);
    const venue = new TestVenue();
    const subscriptions = mode === 'websocket' ? new SignatureSubscriptions({ wsUrl: server.wsUrl }) : undefined;
    const stats: ConfirmStats[] = [];
    const trader = new LiveTrader({
      rpc,
      router: routerOf(venue),
      signer,
      execution: () => ({ ...defaultExecution, priorityFee: { ...defaultExecution.priorityFee, mode: 'fixed' } }),
      ...(subscriptions ? { watch: subscriptions.watch } : {}),
      onConfirmed: (s) => stats.push(s),
    });
    const calls: number[] = [];
    try {
      for (let i = 0; i < n; i += 1) {
        const mint = Keypair.generate().publicKey;
        useTestVenue(server, mint);
        // Start at a random point of a block, as signals come: a buy right after a verdict would always start at a block's start.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 400)));
        const before = server.calls.length;
        const result = await trader.buy({ attemptId: `b${i}`, mint: mint.toBase58(), platform: 'pump.fun', symbol: 'B', solAmount: 0.01 });
        if (result.kind !== 'success') throw new Error(`unexpected ${JSON.stringify(result)}`);
        calls.push(server.calls.length - before);
      }
      const byMethod: Record<string, number> = {};
      for (const c of server.calls) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
      for (const k of Object.keys(byMethod)) byMethod[k] = Math.round((byMethod[k]! / n) * 100) / 100;
      report('live-confirm', {
        mode,
        blockMs: 400,
        pollIntervalMs: 400,
        sendToVerdict: summarize(stats.map((s) => s.elapsedMs)),
        rpcCallsPerBuy: { mean: Math.round((calls.reduce((a, b) => a + b, 0) / n) * 100) / 100, max: Math.max(...calls), byMethod },
      });
    } finally {
      subscriptions?.close();
      await server.close();
    }
  }
}
