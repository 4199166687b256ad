import crypto from 'node:crypto';
import fs from 'node:fs';
import bs58 from 'bs58';
import type { PurchaseRecord } from '../../shared/domain.js';
import { seedPurchases } from '../support/intents-on-disk.js';

export function freshMint(): string {
  return bs58.encode(crypto.randomBytes(32));
}

function record(mint: string, at: number): PurchaseRecord {
  return {
    mint,
    symbol: 'BENCH',
    platform: 'pump.fun',
    module: 'sniper',
    signature: bs58.encode(crypto.randomBytes(64)),
    solSpent: 0.1,
    tokens: 3_500_000,
    at,
    instanceId: 'i-bench-seed',
    attemptId: `seed-${mint.slice(0, 8)}`,
  };
}

/** Writes `count` purchases into the ledger of `dataDir` (created if need be); returns their mints. */
export function seedLedgerHistory(dataDir: string, count: number, at = Date.now() - 2 * 86_400_000): string[] {
  fs.mkdirSync(dataDir, { recursive: true });
  const mints = Array.from({ length: count }, () => freshMint());
  seedPurchases(dataDir, mints.map((mint) => record(mint, at)));
  return mints;
}

/** The seed bot's layout: one file, mint -> record. */
export function seedSingleFileHistory(file: string, count: number): string[] {
  const purchases: Record<string, PurchaseRecord> = {};
  const mints: string[] = [];
  for (let i = 0; i < count; i++) {
    const mint = freshMint();
    mints.push(mint);
    purchases[mint] = record(mint, Date.now());
  }
  fs.writeFileSync(file, JSON.stringify(purchases, null, 2));
  return mints;
}
