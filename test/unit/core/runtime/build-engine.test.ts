import { Keypair } from '@solana/web3.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRuntime, type Runtime } from '../../../../electron/core/runtime/build-engine.js';
import type { CollectedAlert } from '../../../../electron/core/runtime/feed-alerts.js';
import { defaultRunOptions, type RunOptions } from '../../../../electron/core/runtime/run-options.js';
import { Rng } from '../../../../electron/core/time/rng.js';
import { signal, tempDataDir } from '../../../support/engine-fixture.js';
import { json, LocalHttpServer } from '../../../support/feeds/local-http-server.js';
import { LocalWsServer } from '../../../support/feeds/local-ws-server.js';
import { waitFor } from '../../../support/feeds/wait-for.js';

const address = () => Keypair.generate().publicKey.toBase58();
const running: Runtime[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.engine.stop();
  for (const close of closers.splice(0)) await close();
});

function run(patch: Partial<RunOptions>): RunOptions {
  const options = defaultRunOptions(tempDataDir('rt'));
  options.paper = { faultSeed: 1, failRate: 0, unknownRate: 0, latencyMs: { min: 0, max: 0 } };
  return { ...options, ...patch };
}

async function start(options: RunOptions, alerts: CollectedAlert[] = []): Promise<Runtime> {
  const runtime = buildRuntime(options, { rng: new Rng(1), onAlert: (a) => alerts.push(a), reconcileIntervalMs: 3_600_000 });
  running.push(runtime);
  await runtime.engine.start();
  return runtime;
}

describe('buildRuntime', () => {
  it('sim: whale-copy watches the simulator\'s whales when settings list none, in memory only', async () => {
    const runtime = await start(run({ modules: ['whale-copy'] }));
    const whales = runtime.main.simulator!.whaleWallets();
    expect(whales.length).toBeGreaterThan(0);
    expect(runtime.whaleCopy.watchedAddresses()).toEqual(whales);
    expect(runtime.notes.join('\n')).toMatch(/watches the simulator's \d+ whales \(in memory for this run only/);
    const saved = await runtime.engine.port.handlers['settings.get']({} as never);
    expect(saved.modules['whale-copy'].filters).toEqual({});
  });

  it('pumpportal: watched wallets are subscribed, and the "API key required" refusal reaches the alerts', async () => {
    const server = await LocalWsServer.start();
    closers.push(() => server.close());
    const wallet = address();
    const options = run({ feed: { kind: 'pumpportal', url: server.url }, modules: ['whale-copy'] });
    const alerts: CollectedAlert[] = [];
    const runtime = buildRuntime(options, { rng: new Rng(1), onAlert: (a) => alerts.push(a), reconcileIntervalMs: 3_600_000 });
    running.push(runtime);
    await runtime.engine.port.handlers['module.update']({ module: 'whale-copy', patch: { filters: { wallets: [{ address: wallet }] } } });
    await runtime.engine.start();
    await waitFor(() => server.received.some((m) => m.text.includes('subscribeAccountTrade')), 'account subscription');
    expect(server.messagesOf(0)).toContainEqual({ method: 'subscribeAccountTrade', keys: [wallet] });

    // A wallet added live is subscribed on the open socket at once.
    const second = address();
    await runtime.engine.port.handlers['module.update']({ module: 'whale-copy', patch: { filters: { wallets: [{ address: wallet }, { address: second }] } } });
    await waitFor(() => server.messagesOf(0).some((m) => JSON.stringify(m).includes(second)), 'second wallet');
    expect(server.messagesOf(0)).toContainEqual({ method: 'subscribeAccountTrade', keys: [second] });

    server.latest.send(JSON.stringify({ message: 'To subscribe to token trades and account trades you need a funded API key.' }));
    await waitFor(() => alerts.length > 0, 'alert');
    expect(alerts[0]).toMatchObject({ level: 'error', source: 'pumpportal' });
    expect(alerts[0]!.message).toMatch(/API key/);
    expect(runtime.alerts.all()).toHaveLength(1);
  });

  it('off the simulator the paper trader quotes from the live curve book: unknown mint => "no market"', async () => {
    const server = await LocalWsServer.start();
    closers.push(() => server.close());
    // Modules off, so the only buys are these hand-made ones.
    const runtime = await start(run({ feed: { kind: 'pumpportal', url: server.url }, modules: [] }));
    const manual = (mint: string) => signal(mint, 'sniper', { module: 'manual' });
    await waitFor(() => server.sockets.length > 0, 'connection');
    const outcome = await runtime.engine.coordinator.requestBuy(manual(address()));
    expect(outcome).toMatchObject({ outcome: 'failed', detail: 'no market for this mint' });

    const mint = address();
    server.latest.send(JSON.stringify({
      signature: '5'.repeat(88), mint, traderPublicKey: address(), txType: 'create', initialBuy: 1, solAmount: 1,
      bondingCurveKey: address(), vTokensInBondingCurve: 1_038_387_096, vSolInBondingCurve: 31, marketCapSol: 29.85, pool: 'pump',
    }));
    await waitFor(() => runtime.main.curveBook!.size === 1, 'curve seen');
    expect(await runtime.engine.coordinator.requestBuy(manual(mint))).toMatchObject({ outcome: 'bought' });
  });

  it('PumpPortal bonk.fun launches are sniped on paper at the LaunchLab curve price; a create naming USDC is not', async () => {
    const server = await LocalWsServer.start();
    closers.push(() => server.close());
    const runtime = await start(run({ feed: { kind: 'pumpportal', url: server.url }, modules: ['sniper'] }));
    await waitFor(() => server.received.length >= 2, 'subscriptions');
    const bonk = address();
    // Real frame shapes: pool amounts, no virtual reserves, no bonding curve key; the USDC one without metadata.
    server.latest.send(JSON.stringify({
      signature: '7'.repeat(88), mint: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', traderPublicKey: address(), txType: 'create',
      initialBuy: 0, solAmount: 0, solInPool: 0, tokensInPool: 1_073_025_605.596382, marketCapSol: 27.96, pool: 'bonk',
    }));
    server.latest.send(JSON.stringify({
      signature: '4'.repeat(88), mint: bonk, traderPublicKey: address(), txType: 'create', initialBuy: 34_019_512.64,
      solAmount: 0.99, newTokenBalance: 34_019_512.64, solInPool: 0.9801, tokensInPool: 1_039_006_092.96, marketCapSol: 29.82,
      name: 'Bonk Coin', symbol: 'BC', uri: 'https://ipfs.io/ipfs/QmBonk', pool: 'bonk',
    }));
    await waitFor(() => runtime.engine.status().purchases === 1, 'the snipe', 5_000);
    const { records } = await runtime.engine.port.handlers['history.list']({ search: '', limit: 10, offset: 0 });
    expect(records.map((r) => [r.mint, r.platform])).toEqual([[bonk, 'bonk.fun']]);
    const vSol = 30.000852951 + 0.9801;
    const vTokens = (30.000852951 * 1_073_025_605.596382) / vSol;
    const net = records[0]!.solSpent / 1.01;
    expect(records[0]!.tokens).toBeCloseTo((vTokens * net) / (vSol + net), 0);
    const status = runtime.engine.status().feeds.find((f) => f.name === 'pumpportal');
    expect(status).toMatchObject({ skipped: { count: 1, reasons: { 'create naming the quote mint USDC': 1 } }, dropped: 0 });
  });

  it('trending pollers run beside the main feed, at the overridden base URLs', async () => {
    const http = await LocalHttpServer.start();
    closers.push(() => http.close());
    http.route('/coins', (_req, res) => json(res, 200, [{ mint: address(), symbol: 'HOT', usd_market_cap: 50_000 }]));
    http.route('/token-boosts', (_req, res) => json(res, 200, []));
    const options = run({ trending: { sources: ['dexscreener', 'pumpfun'], dexscreenerUrl: http.url, pumpfunUrl: http.url }, modules: [] });
    const runtime = await start(options);
    expect(runtime.pollers.map((p) => p.name)).toEqual(['dexscreener', 'pump.fun']);
    await waitFor(() => runtime.engine.status().feeds.some((f) => f.name === 'pump.fun' && f.received === 1), 'pump.fun trending event');
    expect(http.count('/token-boosts/top/v1')).toBeGreaterThan(0);
  });

  it('a trending token is bought on paper at the price the poller saw, not refused as "no market"', async () => {
    const http = await LocalHttpServer.start();
    closers.push(() => http.close());
    const hot = address();
    http.route('/token-boosts/top/v1', (_req, res) => json(res, 200, [{ chainId: 'solana', tokenAddress: hot }]));
    http.route('/token-boosts/latest/v1', (_req, res) => json(res, 200, []));
    http.route('/tokens/v1/solana/', (_req, res) => json(res, 200, [{
      chainId: 'solana', dexId: 'pumpswap', baseToken: { address: hot, symbol: 'HOT' },
      quoteToken: { address: 'So11111111111111111111111111111111111111112', symbol: 'SOL' },
      priceNative: '0.0000004285', liquidity: { usd: 60_000, base: 200_000_000, quote: 85.7 }, marketCap: 90_000,
    }]));
    const server = await LocalWsServer.start();
    closers.push(() => server.close());
    // The trending module on: it buys the token as it enters the list, on the paper trader.
    const options = run({ feed: { kind: 'pumpportal', url: server.url }, trending: { sources: ['dexscreener'], dexscreenerUrl: http.url }, modules: ['trending'] });
    const runtime = await start(options);
    await waitFor(() => runtime.engine.status().purchases === 1, 'the trending buy', 5_000);
    const history = await runtime.engine.port.handlers['history.list']({ search: hot, limit: 10, offset: 0 });
    expect(history.records).toHaveLength(1);
    expect(history.records[0]).toMatchObject({ mint: hot, module: 'trending' });
    // Filled on the pool DexScreener showed (85.7 SOL / 200M tokens), the module's SOL amount after the 1% fee.
    const sol = history.records[0]!.solSpent;
    const net = sol / 1.01;
    expect(history.records[0]!.tokens).toBeCloseTo((200_000_000 * net) / (85.7 + net), 0);
  });
});
