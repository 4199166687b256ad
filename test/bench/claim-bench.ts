import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../electron/core/engine.js';
import { report, summarize } from './bench-report.js';
import { InstantTrader, startBenchEngine } from './bench-engine.js';
import { freshMint, seedLedgerHistory } from './history-fixture.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const signal = (mint: string) => ({ module: 'sniper' as const, mint, platform: 'pump.fun' as const, solAmount: 0.1, reason: 'bench' });

/** Fresh mints, one after another: from requestBuy to the trader, i.e. every check and the cross-instance claim. */
async function freshClaims(engine: Engine, trader: InstantTrader, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const result = await engine.coordinator.requestBuy(signal(freshMint()));
    if (result.outcome !== 'bought') throw new Error(`bench buy was ${result.outcome}: ${result.reasonText ?? result.detail}`);
    samples.push(trader.reachedAt - t0);
    // Each signal arrives in an event-loop turn of its own (a feed message); without this
    // the whole run is one turn and the stall monitor below would see nothing.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return samples;
}

/** Mints already in the history: the whole call, decision, event and audit line included. */
async function rejections(engine: Engine, bought: string[], count: number): Promise<{ samples: number[]; perSec: number }> {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const result = await engine.coordinator.requestBuy(signal(bought[i % bought.length]!));
    samples.push(performance.now() - t0);
    if (result.reason?.code !== 'already-bought') throw new Error('expected a rejection');
    // Let the event loop turn, as it does between feed events, so the batched audit lines
    // are written (their cost counts in perSec, not in the latency of a decision).
    if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
  }
  return { samples, perSec: Math.round((count * 1000) / (performance.now() - started)) };
}

async function startContender(dataDir: string): Promise<{ stop: () => Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'contender.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ready = new Promise<void>((resolve) => child.stdout.on('data', () => out.includes('ready') && resolve()));
  await Promise.race([ready, exited.then(() => Promise.reject(new Error(`contender exited early: ${out}`)))]);
  return {
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      return out.split('\n').find((l) => l.startsWith('{')) ?? '{}';
    },
  };
}

export async function runClaimBench(sizes: number[], claims: number): Promise<void> {
  for (const size of sizes) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-claim-${size}-`));
    const bought = seedLedgerHistory(dataDir, size);
    const trader = new InstantTrader();
    const loadStart = performance.now();
    const engine = await startBenchEngine(dataDir, trader);
    const startMs = Math.round(performance.now() - loadStart);
    await freshClaims(engine, trader, 30); // warm-up

    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const alone = await freshClaims(engine, trader, claims);
    loop.disable();
    report('fresh-claim-to-trader', { history: size, contended: false, ...summarize(alone) });
    // Every fresh claim above also recorded its purchase: the longest stall of the event loop meanwhile.
    report('event-loop-stall-while-recording', { history: size, purchasesRecorded: claims, maxStallMs: Math.round(loop.max / 1e4) / 100 });

    const rejected = await rejections(engine, bought, 20_000);
    report('already-bought-rejection', { history: size, ...summarize(rejected.samples), perSec: rejected.perSec });

    const contender = await startContender(dataDir);
    const contended = await freshClaims(engine, trader, claims);
    const contenderFigures = JSON.parse(await contender.stop()) as Record<string, number>;
    report('fresh-claim-to-trader', { history: size, contended: true, ...summarize(contended), ...contenderFigures });

    await engine.stop();
    report('engine-start-with-history', { history: size, startMs });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
