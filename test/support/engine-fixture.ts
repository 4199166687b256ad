import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bs58 from 'bs58';
import { afterEach } from 'vitest';
import type { AttemptUpdate, BuySignalInput, ModuleId, PurchaseRecord } from '../../shared/domain.js';
import { dataDirPaths } from '../../electron/core/data-dir-paths.js';
import { purchasesOnDisk } from './intents-on-disk.js';
import { moduleIds } from '../../shared/domain.js';
import { createEngine, type Engine, type EngineOptions } from '../../electron/core/engine.js';
import { ScriptedTrader } from './scripted-trader.js';

export function tempDataDir(label = 'ld'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export function randomMint(): string {
  return bs58.encode(crypto.randomBytes(32));
}

export function signal(mint: string, module: ModuleId = 'sniper', extra: Partial<BuySignalInput> = {}): BuySignalInput {
  return { module, mint, platform: 'pump.fun', symbol: 'TEST', solAmount: 0.1, reason: `test signal from ${module}`, ...extra };
}

export interface TestEngine {
  engine: Engine;
  trader: ScriptedTrader;
  dataDir: string;
  updates: AttemptUpdate[];
  stop(): Promise<void>;
}

/** An engine on a temp data dir with every module on and generous limits, and a scripted trader. */
export async function startTestEngine(options: Partial<EngineOptions> & { dataDir?: string } = {}): Promise<TestEngine> {
  const dataDir = options.dataDir ?? tempDataDir();
  const trader = (options.trader as ScriptedTrader | undefined) ?? new ScriptedTrader();
  const engine = createEngine({ reconcileIntervalMs: 3_600_000, ...options, dataDir, trader });
  const updates: AttemptUpdate[] = [];
  engine.port.subscribe(({ name, payload }) => {
    if (name === 'attempt') updates.push(payload as AttemptUpdate);
  });
  await engine.start();
  // Settings cannot change without a usable ledger (the tests of that case need none).
  if (engine.ledger) {
    for (const module of moduleIds) {
      await engine.port.handlers['module.update']({ module, patch: { enabled: true, dailyBudgetSol: 0 } });
    }
    await engine.port.handlers['limits.update']({ maxSolPerBuy: 10, dailySpendCapSol: 0, maxConcurrentBuys: 100, maxSolPerHour: 0, maxOpenPositions: 0 });
  }
  return { engine, trader, dataDir, updates, stop: () => engine.stop() };
}

/** The purchase history in the ledger, by mint (empty when there is no ledger yet). */
export function readHistory(dataDir: string): Record<string, PurchaseRecord[]> {
  if (!fs.existsSync(dataDirPaths(dataDir).ledger)) return {};
  return purchasesOnDisk(dataDir);
}

/** Plays a crash of the engine's process: its kernel lock is let go, its intents stay. */
export function playDead(engine: Engine): void {
  engine.instanceLock?.release(false);
}

/** Engines started by a test file, each stopped after its test. */
export function useTestEngines(): (options?: Parameters<typeof startTestEngine>[0]) => Promise<TestEngine> {
  const engines: TestEngine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop().catch(() => undefined);
  });
  return async (options = {}) => {
    const e = await startTestEngine(options);
    engines.push(e);
    return e;
  };
}
