import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PurchaseRecord } from '../../shared/domain.js';
import { openLedgerWithPreflight } from '../../electron/core/ledger/ledger-preflight.js';
import { report } from './bench-report.js';
import { freshMint } from './history-fixture.js';

/**
 * What the first start after an upgrade costs: an earlier version's data dir (256 JSON
 * shards, or the original bot's single file) imported into a new ledger; and what every
 * later start pays for the files still lying there (one stat each).
 */
function shardName(mint: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < mint.length; i++) hash = Math.imul(hash ^ mint.charCodeAt(i), 0x01000193);
  return `purchase-history-${((hash >>> 0) % 256).toString(16).padStart(2, '0')}.json`;
}

function writeShards(dir: string, count: number): void {
  const shards = new Map<string, Record<string, PurchaseRecord[]>>();
  for (let i = 0; i < count; i++) {
    const mint = freshMint();
    const record: PurchaseRecord = { mint, symbol: 'OLD', platform: 'pump.fun', module: 'sniper', signature: `sig${i}`, solSpent: 0.1, tokens: 1e6, at: 1_700_000_000_000 + i, instanceId: 'iold', attemptId: `old-${i}` };
    const name = shardName(mint);
    const shard = shards.get(name) ?? {};
    shard[mint] = [record];
    shards.set(name, shard);
  }
  for (const [name, purchases] of shards) fs.writeFileSync(path.join(dir, name), JSON.stringify({ purchases }));
}

function writeOriginalBotFile(dir: string, count: number): void {
  const purchased_tokens: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    purchased_tokens[freshMint()] = { symbol: 'BOT', bot_name: 'bot-sniper-0-pump', platform: 'pump_fun', price: 1e-8, amount: 1e7, timestamp: new Date(1_700_000_000_000 + i).toISOString().slice(0, -1) };
  }
  fs.writeFileSync(path.join(dir, 'purchased_tokens_history.json'), JSON.stringify({ purchased_tokens }, null, 2));
}

function timeOpen(dir: string): number {
  const t0 = performance.now();
  openLedgerWithPreflight(dir).close();
  return Math.round((performance.now() - t0) * 10) / 10;
}

export function runLegacyImportBench(sizes: number[]): void {
  for (const size of sizes) {
    for (const layout of ['json-shards', 'original-bot-file'] as const) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-import-${size}-`));
      if (layout === 'json-shards') writeShards(dir, size);
      else writeOriginalBotFile(dir, size);
      const firstStartMs = timeOpen(dir);
      const laterStartMs = timeOpen(dir);
      report('legacy-import', { history: size, layout, firstStartMs, laterStartMs });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
