import { chromium, type Browser, type Page } from '@playwright/test';
import bs58 from 'bs58';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startWsHost } from '../../electron/host/ws-host.js';
import { moduleIds, type ModuleId } from '../../shared/domain.js';
import { chromiumArgs, chromiumExecutable } from '../e2e/support/browser.js';
import { startServeHost } from '../e2e/support/serve-host.js';
import { percentile, report } from './bench-report.js';
import { InstantTrader, startBenchEngine } from './bench-engine.js';

/**
 * The console in Chromium. Two figures:
 * - `console-first-row`: a real `serve` spawned with its defaults on a fresh data dir, the
 *   page opened as soon as it prints its URL: time from the spawn to the first feed row.
 * - `console-stream`: a real engine and the real WebSocket host in this process, the built
 *   console in the browser; attempts streamed at 2,000/s into a page that already keeps 50k
 *   rows. The attempts are real coordinator decisions (`requestBuy`, what every module
 *   calls): 1 in 100 a fresh mint bought by an instant trader (a real claim and record in
 *   the ledger), the rest repeat signals for mints already bought, refused on the fast
 *   path. That mix is what lets one process make 2,000 attempts a second (the simulator
 *   alone makes about 1,000); it is said in the figures.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDir = path.join(root, 'dist-renderer');

interface StreamFigures {
  attempts: number;
  attemptsPerSec: number;
}

function ensureRenderer(): void {
  if (existsSync(path.join(rendererDir, 'index.html'))) return;
  const built = spawnSync('npm', ['run', 'build:renderer'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build:renderer failed');
}

async function launchBrowser(): Promise<Browser> {
  // Heap figures need precise numbers; the rest are the e2e tests' switches.
  return chromium.launch({ executablePath: chromiumExecutable(), args: [...chromiumArgs, '--enable-precise-memory-info'] });
}

const newMint = (): string => bs58.encode(randomBytes(32));

/**
 * Calls requestBuy `rate` times a second for `seconds` (or until `until` holds), one fresh
 * mint per `freshEvery` calls and otherwise a mint from `bought`. Paced on the clock, not by
 * sleeping a fixed step: a late tick sends what is due.
 */
async function stream(
  engine: Awaited<ReturnType<typeof startBenchEngine>>,
  bought: string[],
  options: { rate: number; freshEvery: number; seconds?: number; until?: () => boolean },
): Promise<StreamFigures> {
  const start = performance.now();
  let sent = 0;
  const pending: Promise<unknown>[] = [];
  for (;;) {
    const elapsed = (performance.now() - start) / 1_000;
    if (options.seconds !== undefined && elapsed >= options.seconds) break;
    if (options.until?.()) break;
    const due = Math.floor(elapsed * options.rate) - sent;
    for (let i = 0; i < due; i++, sent++) {
      const fresh = sent % options.freshEvery === 0;
      const mint = fresh ? newMint() : bought[sent % bought.length]!;
      const module: ModuleId = moduleIds[sent % moduleIds.length]!;
      pending.push(engine.coordinator.requestBuy({ module, mint, platform: 'pump.fun', symbol: `B${sent % 10_000}`, solAmount: 0.01, reason: 'console bench' }));
      if (fresh) bought.push(mint);
    }
    if (pending.length > 10_000) await Promise.all(pending.splice(0));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - start) / 1_000;
  return { attempts: sent, attemptsPerSec: Math.round(sent / seconds) };
}

/** What the console itself counted: the sum of the "attempts" counters, and the feed's row count. */
async function consoleCounts(page: Page): Promise<{ attempts: number; rows: number }> {
  const rows = Number(await page.getByRole('table', { name: 'Purchase attempts' }).getAttribute('aria-rowcount')) - 1;
  const attempts = await page.getByRole('region', { name: 'Module counters' }).evaluate((region) => {
    type El = { textContent: string | null; querySelectorAll(s: string): ArrayLike<El> };
    let sum = 0;
    for (const pair of Array.from((region as unknown as El).querySelectorAll('dl > div'))) {
      const [dt, dd] = Array.from(pair.querySelectorAll('dt, dd'));
      if (dt?.textContent === 'attempts') sum += Number((dd?.textContent ?? '').replace(/[^\d]/g, ''));
    }
    return sum;
  });
  return { attempts, rows };
}

/**
 * Frame deltas from requestAnimationFrame, recorded only while `on` is set. A string, not a
 * function: tsx would wrap a function's inner functions in a `__name` helper the page lacks.
 */
const frameProbe = `(() => {
  const frames = (globalThis.__frames = { on: false, deltas: [] });
  let last = 0;
  const tick = (t) => {
    if (frames.on && last > 0) frames.deltas.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
type FrameWindow = { __frames: { on: boolean; deltas: number[] } };

/** The sorted frame deltas recorded while `during` runs. */
async function framesDuring(page: Page, during: () => Promise<unknown>): Promise<number[]> {
  await page.evaluate(() => {
    const f = (globalThis as unknown as FrameWindow).__frames;
    f.deltas = [];
    f.on = true;
  });
  await during();
  const deltas = await page.evaluate(() => {
    const f = (globalThis as unknown as FrameWindow).__frames;
    f.on = false;
    return f.deltas;
  });
  return deltas.sort((a, b) => a - b);
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`console bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** 2,000 attempts/s into a console already holding 50k rows: delivery, loss, frames, heap. */
async function streamBench(browser: Browser, quick: boolean): Promise<void> {
  const rate = 2_000;
  const retained = quick ? 5_000 : 50_000;
  const measureSeconds = quick ? 3 : 20;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'launchdesk-console-bench-'));
  const engine = await startBenchEngine(dataDir, new InstantTrader());
  const host = await startWsHost({ engine: engine.port, rendererDir });
  const engineAttempts = new Set<string>();
  const unsubscribe = engine.port.subscribe((event) => {
    if (event.name === 'attempt') engineAttempts.add(event.payload.attemptId);
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    // Frames reaching the page's socket, counted outside the page so counting costs it nothing.
    let framesIn = 0;
    page.on('websocket', (ws) => ws.on('framereceived', () => (framesIn += 1)));
    await page.addInitScript({ content: frameProbe });
    await page.goto(host.consoleUrl);
    await page.getByRole('table', { name: 'Purchase attempts' }).waitFor();

    // Mints to refuse: bought for real first.
    const bought: string[] = [];
    await stream(engine, bought, { rate: 1_000, freshEvery: 1, seconds: 0.2 });
    await stream(engine, bought, { rate, freshEvery: 100, until: () => engineAttempts.size >= retained });
    await waitFor(`${retained} rows in the feed`, async () => (await consoleCounts(page)).rows >= retained, 60_000);

    const cdp = await page.context().newCDPSession(page);
    // The same page idle, as a baseline: on a loaded machine frames are late without us.
    const idle = await framesDuring(page, () => new Promise((resolve) => setTimeout(resolve, 2_000)));
    const atStart = await consoleCounts(page);
    const framesBefore = framesIn;
    let measured: StreamFigures | undefined;
    const sorted = await framesDuring(page, async () => {
      measured = await stream(engine, bought, { rate, freshEvery: 100, seconds: measureSeconds });
    });
    // Delivered: what the console had applied by the end of the window, over the window.
    const atEnd = await consoleCounts(page);
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };

    // No loss: once the stream is over, the console counted every attempt the engine made.
    const total = engineAttempts.size;
    let settled = true;
    await waitFor('the console to count every attempt', async () => (await consoleCounts(page)).attempts >= total, 30_000).catch(() => (settled = false));
    const final = await consoleCounts(page);
    const resync = (await page.getByRole('status', { name: 'Engine status' }).textContent()) ?? '';
    report('console-stream', {
      mix: `1 in 100 a fresh mint bought by an instant trader, the rest refused as already bought`,
      rowsKept: final.rows,
      domRows: await page.locator('[role=row][data-attempt-id]').count(),
      windowSeconds: measureSeconds,
      offeredRatePerS: measured!.attemptsPerSec,
      deliveredRatePerS: Math.round((atEnd.attempts - atStart.attempts) / measureSeconds),
      emitted: total,
      applied: final.attempts,
      lost: total - final.attempts,
      settled,
      resyncs: /Resynced|Out of sync/.test(resync) ? resync.trim() : null,
      socketFramesDuringWindow: framesIn - framesBefore,
      frames: sorted.length,
      frameP50Ms: round(percentile(sorted, 50)),
      frameP95Ms: round(percentile(sorted, 95)),
      frameMaxMs: round(sorted[sorted.length - 1] ?? NaN),
      idleFrameP95Ms: round(percentile(idle, 95)),
      heapMB: round(heap.usedSize / 1e6),
      targets: { lost: 0, frameP95Ms: 20, heapMB: 300 },
      quick,
      // Frame times depend on what else the machine runs; the 1-minute load says how busy it was.
      loadAverage1m: round(os.loadavg()[0]!),
    });
  } finally {
    unsubscribe();
    await page.close();
    await host.close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

/** `serve` spawned to the first row in the feed, default simulator, browser already running. */
async function firstRowBench(browser: Browser, runs: number): Promise<void> {
  const samples: { consoleUrlMs: number; firstRowMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'launchdesk-first-row-'));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = performance.now();
    const host = await startServeHost(dataDir);
    const consoleUrlMs = performance.now() - t0;
    try {
      await page.goto(host.consoleUrl);
      await page.locator('[role=row][data-attempt-id]').first().waitFor({ timeout: 30_000 });
      samples.push({ consoleUrlMs: Math.round(consoleUrlMs), firstRowMs: Math.round(performance.now() - t0) });
    } finally {
      await page.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const firstRows = samples.map((s) => s.firstRowMs).sort((a, b) => a - b);
  report('console-first-row', {
    how: 'spawn of `serve` (node + tsx, default simulator and settings) to the first attempt row in Chromium',
    runs,
    serveToUrlMs: samples.map((s) => s.consoleUrlMs),
    serveToFirstRowMs: samples.map((s) => s.firstRowMs),
    serveToFirstRowP50Ms: percentile(firstRows, 50),
    targetMs: 2_000,
    loadAverage1m: round(os.loadavg()[0]!),
  });
}

export async function runConsoleBench(quick: boolean): Promise<void> {
  if (!chromiumExecutable()) return report('console', { skipped: 'no Chromium found (apt-get install chromium, or set LAUNCHDESK_CHROMIUM)' });
  ensureRenderer();
  const browser = await launchBrowser();
  try {
    await firstRowBench(browser, quick ? 1 : 3);
    await streamBench(browser, quick);
  } finally {
    await browser.close();
  }
}
