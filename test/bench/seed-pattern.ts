import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Mutex } from 'async-mutex';
import { report, summarize } from './bench-report.js';
import { freshMint, seedSingleFileHistory } from './history-fixture.js';

/**
 * A faithful re-implementation of the original Python bot's coordination: an asyncio
 * lock, in-memory bought/buying sets, and one purchased_tokens_history.json that is re-read
 * under a file lock on every check and rewritten whole on every purchase. The seed takes an
 * fcntl shared lock to read; Node has no fcntl, so an atomic mkdir lock stands in (what
 * proper-lockfile, which the app no longer uses, did underneath; it is the cheaper part: the
 * cost that grows is reading and parsing the whole file each time).
 */
async function lockFile(file: string): Promise<() => Promise<void>> {
  const dir = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(dir);
      return async () => fs.rmdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 4));
    }
  }
}

class SeedPatternCoordinator {
  private readonly buyLock = new Mutex();
  private readonly bought: Set<string>;
  private readonly buying = new Set<string>();
  reachedTraderAt = 0;

  constructor(private readonly historyFile: string) {
    this.bought = new Set(Object.keys(this.readHistory()));
  }

  private readHistory(): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(this.historyFile, 'utf8')) as Record<string, unknown>;
  }

  private async isInPurchaseHistory(mint: string): Promise<boolean> {
    const release = await lockFile(this.historyFile);
    try {
      return mint in this.readHistory();
    } finally {
      await release();
    }
  }

  private async addToPurchaseHistory(mint: string): Promise<void> {
    const release = await lockFile(this.historyFile);
    try {
      const history = this.readHistory();
      history[mint] = { mint, symbol: 'BENCH', at: Date.now() };
      fs.writeFileSync(this.historyFile, JSON.stringify(history, null, 2));
    } finally {
      await release();
    }
  }

  /** The seed's _on_*: check, double-check under the lock, buy, record on success. */
  async handle(mint: string): Promise<'bought' | 'blocked'> {
    if (this.bought.has(mint) || this.buying.has(mint)) return 'blocked';
    if (await this.isInPurchaseHistory(mint)) return 'blocked';
    const claimed = await this.buyLock.runExclusive(async () => {
      if (this.bought.has(mint) || this.buying.has(mint) || (await this.isInPurchaseHistory(mint))) return false;
      this.buying.add(mint);
      return true;
    });
    if (!claimed) return 'blocked';
    try {
      this.reachedTraderAt = performance.now();
      this.bought.add(mint);
      await this.addToPurchaseHistory(mint);
      return 'bought';
    } finally {
      this.buying.delete(mint);
    }
  }
}

export async function runSeedPatternBench(sizes: number[], claims: number): Promise<void> {
  for (const size of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-seed-${size}-`));
    const file = path.join(dir, 'purchased_tokens_history.json');
    const bought = seedSingleFileHistory(file, size);
    const seed = new SeedPatternCoordinator(file);
    // Fewer samples where one costs a large fraction of a second.
    const n = Math.max(20, Math.min(claims, Math.round((claims * 1_000) / size)));
    const samples: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      if ((await seed.handle(freshMint())) !== 'bought') throw new Error('seed pattern refused a fresh mint');
      samples.push(seed.reachedTraderAt - t0);
    }
    loop.disable();
    report('seed-pattern-fresh-claim-to-trader', { history: size, ...summarize(samples) });
    report('seed-pattern-event-loop-stall-while-recording', { history: size, purchasesRecorded: n, maxStallMs: Math.round(loop.max / 1e4) / 100 });
    const rejections: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const t0 = performance.now();
      await seed.handle(bought[i % bought.length]!);
      rejections.push(performance.now() - t0);
    }
    report('seed-pattern-already-bought-rejection', { history: size, ...summarize(rejections) });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
