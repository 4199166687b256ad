import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EngineStatus } from '../../shared/contract.js';
import type { AttemptUpdate } from '../../shared/domain.js';
import { defaultSettings } from '../../shared/settings.js';
import { EventHub } from '../../electron/core/engine/event-hub.js';
import { createLiveEvents, type EngineCommandHandlers } from '../../electron/core/engine/live-events.js';
import { systemClock } from '../../electron/core/time/clock.js';
import { startWsHost } from '../../electron/host/ws-host.js';
import { chromiumArgs, chromiumExecutable } from '../e2e/support/browser.js';
import { startServeHost } from '../e2e/support/serve-host.js';
import { percentile, report } from './bench-report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDir = path.join(root, 'dist-renderer');
const mints = [
  '6p6xgHyF7AeE6TZkSmFsko444wqoP15icUSqi2jfGiPN',
  'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
  'Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB',
  'So11111111111111111111111111111111111111112',
];

/**
 * The console in Chromium. Two figures:
 * - `console-first-row`: a real `serve` started with its defaults on a fresh data dir, the
 *   page opened as soon as it prints its URL: time from the spawn to the first feed row.
 * - `console-stream`: an engine stand-in (the real event hub, sequencer, snapshot and
 *   WebSocket host; attempts made up at a fixed rate, since the simulator alone tops out
 *   near 1,000 attempts/s on this machine) streams `rate` attempts/s for `seconds` while the
 *   page keeps 50k rows: attempts delivered and lost, frame times, page heap, DOM rows.
 */
export async function runConsoleBench(quick: boolean): Promise<void> {
  const executablePath = chromiumExecutable();
  if (!executablePath) return report('console', { skipped: 'no Chromium found (set LAUNCHDESK_CHROMIUM)' });
  if (!existsSync(path.join(rendererDir, 'index.html'))) return report('console', { skipped: 'dist-renderer/ missing: run npm run build:renderer' });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    await firstRowBench(browser);
    await streamBench(browser, { rate: 2_000, seconds: quick ? 5 : 30 });
  } finally {
    await browser.close();
  }
}

const attemptRows = (page: Page) => page.locator('[role=row][data-attempt-id]');

async function firstRowBench(browser: Browser): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'launchdesk-console-bench-'));
  const page = await browser.newPage();
  const started = performance.now();
  const serve = await startServeHost(dataDir);
  try {
    const urlAfterMs = performance.now() - started;
    await page.goto(serve.consoleUrl);
    await attemptRows(page).first().waitFor({ timeout: 30_000 });
    report('console-first-row', {
      serveToFirstRowMs: Math.round(performance.now() - started),
      serveToUrlMs: Math.round(urlAfterMs),
      targetMs: 2_000,
      loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
    });
  } finally {
    await page.close();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function engineStandIn(instanceId: string) {
  const hub = new EventHub();
  const settings = defaultSettings();
  let emitted = 0;
  const status = (): EngineStatus => ({
    instanceId,
    dataDir: '(bench)',
    startedAt: Date.now(),
    mode: 'paper',
    killSwitch: false,
    storeHealthy: true,
    purchases: 0,
    inFlight: 0,
    unknown: 0,
    pendingApprovals: 0,
    counts: { attempts: emitted },
    feeds: [{ name: 'bench', connected: true, received: emitted, dropped: 0 }],
  });
  const live = createLiveEvents({ hub, clock: systemClock, instanceId, status, settings: () => settings, blocked: { unknownBuys: () => [], overridableSignals: () => [] } });
  const refuse = () => {
    throw new Error('not part of the console bench');
  };
  const handlers: EngineCommandHandlers = {
    'status.get': status,
    'settings.get': () => settings,
    'killSwitch.set': refuse,
    'module.update': refuse,
    'limits.update': refuse,
    'blocklist.add': refuse,
    'blocklist.remove': refuse,
    'attempts.recent': ({ limit }) => hub.recentAttempts(limit),
    'blocked.list': () => [],
    'blocked.approveOnce': refuse,
    'blocked.dismiss': refuse,
    'blocked.buyAgain': refuse,
    'blocked.markReconciled': refuse,
    'history.list': () => ({ total: 0, records: [] }),
    'history.totals': () => [],
  };
  const attempt = (n: number): AttemptUpdate => ({
    attemptId: `bench-${n}`,
    stage: 'done',
    at: Date.now(),
    mint: mints[n % mints.length]!,
    symbol: `B${n % 1000}`,
    platform: n % 2 ? 'pump.fun' : 'bonk.fun',
    module: n % 3 ? 'sniper' : 'volume',
    solAmount: 0.05,
    signalReason: `bench signal ${n}: a made-up launch with its numbers`,
    outcome: n % 5 ? 'blocked' : 'bought',
    ...(n % 5 ? { reason: { code: 'already-bought' as const }, reasonText: 'Already bought: this token is in the purchase history.' } : { signature: `sig${n}` }),
    latencyMs: 3,
  });
  return {
    port: { handlers: live.withSession(handlers), subscribe: live.subscribe },
    live,
    emit(count: number) {
      for (let i = 0; i < count; i++) hub.emit('attempt', attempt(emitted++));
    },
    get emitted() {
      return emitted;
    },
  };
}

// Page-side scripts as text: this file is type-checked without the DOM library.

/** The feed's "attempts" counters, summed: every attempt the page applied since it loaded. */
const pageAttempts = (page: Page): Promise<number> =>
  page.evaluate(`[...document.querySelectorAll('[aria-label="Module counters"] dt')]
    .filter((dt) => dt.textContent === 'attempts')
    .reduce((sum, dt) => sum + Number((dt.nextElementSibling?.textContent ?? '0').replace(/\\D/g, '')), 0)`);

const startFrameLog = `(() => {
  window.benchFrames = [];
  window.benchMeasuring = true;
  let last = performance.now();
  const tick = (t) => {
    window.benchFrames.push(t - last);
    last = t;
    if (window.benchMeasuring) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const stopFrameLog = `(() => {
  window.benchMeasuring = false;
  return window.benchFrames;
})()`;

async function streamBench(browser: Browser, { rate, seconds }: { rate: number; seconds: number }): Promise<void> {
  const engine = engineStandIn('bench-instance');
  engine.live.start();
  const host = await startWsHost({ engine: engine.port, rendererDir });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(host.consoleUrl);
    await page.getByText('engine connected').waitFor({ timeout: 20_000 });
    // Frame times, measured in the page while the stream runs.
    await page.evaluate(startFrameLog);
    const tickMs = 10;
    const start = performance.now();
    // Emits whatever the clock says is due, so a late timer does not lower the rate.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const elapsed = performance.now() - start;
        const due = Math.min(rate * seconds, Math.floor((elapsed / 1000) * rate)) - engine.emitted;
        if (due > 0) engine.emit(due);
        if (engine.emitted >= rate * seconds) {
          clearInterval(timer);
          resolve();
        }
      }, tickMs);
    });
    const emitSeconds = (performance.now() - start) / 1000;
    // Bounded wait for the page to catch up.
    const deadline = performance.now() + 30_000;
    let applied = await pageAttempts(page);
    while (applied < engine.emitted && performance.now() < deadline) {
      await page.waitForTimeout(200);
      applied = await pageAttempts(page);
    }
    const caughtUpSeconds = (performance.now() - start) / 1000;
    const frames = (await page.evaluate(stopFrameLog)) as number[];
    const cdp = await page.context().newCDPSession(page);
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const sorted = frames.slice(1).sort((a, b) => a - b);
    const rowCount = Number(await page.getByRole('table', { name: 'Purchase attempts' }).getAttribute('aria-rowcount')) - 1;
    const resynced = await page.getByText(/Resynced|Out of sync/).count();
    report('console-stream', {
      targetRatePerS: rate,
      emitted: engine.emitted,
      emitRatePerS: Math.round(engine.emitted / emitSeconds),
      applied,
      lost: engine.emitted - applied,
      deliveredRatePerS: Math.round(applied / caughtUpSeconds),
      rowsKept: rowCount,
      domRows: await attemptRows(page).count(),
      resyncs: resynced,
      frames: sorted.length,
      frameP50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
      frameP95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
      frameMaxMs: Math.round((sorted[sorted.length - 1] ?? NaN) * 10) / 10,
      heapMB: Math.round(heap.usedSize / 1e5) / 10,
      targets: { lost: 0, frameP95Ms: 20, heapMB: 300 },
      // Frame times depend on what else the machine runs; the 1-minute load says how busy it was.
      loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
    });
  } finally {
    await page.close();
    engine.live.stop();
    await host.close();
  }
}
