import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_SHARDS, HistoryStore, shardOf } from '../../../../electron/core/store/history-store.js';
import { confStoreFactory } from '../../../../electron/core/store/json-file-store.js';
import { UnreadableStoreError } from '../../../../electron/core/store/unreadable-store.js';
import type { PurchaseRecord } from '../../../../shared/domain.js';
import { CountingStoreFactory } from '../../../support/counting-store-factory.js';
import { randomMint, signal, startTestEngine, tempDataDir, type TestEngine } from '../../../support/engine-fixture.js';

function record(mint: string, extra: Partial<PurchaseRecord> = {}): PurchaseRecord {
  return { mint, symbol: 'T', platform: 'pump.fun', module: 'sniper', signature: `sig-${mint}`, solSpent: 0.1, tokens: 10, at: 1_700_000_000_000, instanceId: 'i-test', ...extra };
}

/** FNV-1a written out again, so a change to the shard function cannot pass unnoticed. */
function referenceShard(mint: string): string {
  let hash = 0x811c9dc5;
  for (const ch of mint) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `purchase-history-${(hash % 256).toString(16).padStart(2, '0')}`;
}

function mintInShard(shard: string, not: string[] = []): string {
  for (;;) {
    const mint = randomMint();
    if (shardOf(mint) === shard && !not.includes(mint)) return mint;
  }
}

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop().catch(() => undefined);
});

describe('shard naming', () => {
  it('is fixed: every instance and every version must agree where a mint lives', () => {
    expect(HISTORY_SHARDS).toBe(256);
    expect(shardOf('So11111111111111111111111111111111111111112')).toBe('purchase-history-57');
    expect(shardOf('11111111111111111111111111111111')).toBe('purchase-history-a5');
    expect(shardOf('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v')).toBe('purchase-history-9c');
    const mints = Array.from({ length: 25_600 }, randomMint);
    for (const mint of mints.slice(0, 500)) expect(shardOf(mint)).toBe(referenceShard(mint));
    const perShard = new Map<string, number>();
    for (const mint of mints) perShard.set(shardOf(mint), (perShard.get(shardOf(mint)) ?? 0) + 1);
    expect(perShard.size).toBe(256);
    expect(Math.max(...perShard.values())).toBeLessThan(200); // ~100 each: no shard grows alone
  });

  it('writes a record to the file named by its shard', () => {
    const dataDir = tempDataDir();
    const store = new HistoryStore(dataDir, confStoreFactory);
    store.load();
    const mint = randomMint();
    store.append(record(mint));
    const file = path.join(dataDir, `${shardOf(mint)}.json`);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ purchases: { [mint]: [record(mint)] } });
  });
});

describe('loading', () => {
  it('reads every shard once and finds every purchase', () => {
    const dataDir = tempDataDir();
    const writer = new HistoryStore(dataDir, confStoreFactory);
    writer.load();
    const mints = Array.from({ length: 150 }, randomMint);
    for (const mint of mints) writer.append(record(mint));
    const shards = fs.readdirSync(dataDir).filter((n) => n.startsWith('purchase-history-'));
    expect(shards.length).toBeGreaterThan(40);

    const counting = new CountingStoreFactory(confStoreFactory);
    const reader = new HistoryStore(dataDir, counting.factory);
    reader.load();
    expect(reader.count()).toBe(150);
    for (const mint of mints) expect(reader.records(mint)).toEqual([record(mint)]);
    expect(reader.has(randomMint())).toBe(false);
    expect([...counting.reads.values()].reduce((a, b) => a + b, 0)).toBe(shards.length);
  });

  it('reads a legacy single purchase-history.json, and new purchases go to shards beside it', () => {
    const dataDir = tempDataDir();
    const [old1, old2] = [randomMint(), randomMint()];
    const legacy = { purchases: { [old1]: [record(old1)], [old2]: [record(old2), record(old2, { override: 'buy-again' })] } };
    fs.writeFileSync(path.join(dataDir, 'purchase-history.json'), JSON.stringify(legacy));
    const store = new HistoryStore(dataDir, confStoreFactory);
    store.load();
    expect(store.count()).toBe(3);
    expect(store.has(old1)).toBe(true);
    expect(store.records(old2)).toHaveLength(2);
    const fresh = randomMint();
    store.append(record(fresh));
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'purchase-history.json'), 'utf8'))).toEqual(legacy);
    const reread = new HistoryStore(dataDir, confStoreFactory);
    reread.load();
    expect([reread.has(old1), reread.has(fresh), reread.count()]).toEqual([true, true, 4]);
  });

  it('an engine on a legacy history refuses to buy its mints again', async () => {
    const dataDir = tempDataDir();
    const mint = randomMint();
    fs.writeFileSync(path.join(dataDir, 'purchase-history.json'), JSON.stringify({ purchases: { [mint]: [record(mint)] } }));
    const te = await startTestEngine({ dataDir });
    engines.push(te);
    expect((await te.engine.coordinator.requestBuy(signal(mint))).reason?.code).toBe('already-bought');
    expect(te.trader.orders).toEqual([]);
  });

  it('refuses a record filed under another mint, keeps a copy, leaves the file alone', () => {
    const dataDir = tempDataDir();
    const [key, other] = [randomMint(), randomMint()];
    const file = path.join(dataDir, `${shardOf(key)}.json`);
    const content = JSON.stringify({ purchases: { [key]: [record(other)] } });
    fs.writeFileSync(file, content);
    const store = new HistoryStore(dataDir, confStoreFactory, () => 42);
    let error: unknown;
    try {
      store.load();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnreadableStoreError);
    expect((error as UnreadableStoreError).reason).toContain('names another mint');
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    expect(fs.readFileSync((error as UnreadableStoreError).keptAt!, 'utf8')).toBe(content);
  });

  // Regression test: this once failed (history-store.ts filesHolding/reload).
  it('a purchase filed in the wrong shard still blocks the mint', async () => {
    const dataDir = tempDataDir();
    const mint = randomMint();
    const wrong = shardOf(mint) === 'purchase-history-00' ? 'purchase-history-01' : 'purchase-history-00';
    fs.writeFileSync(path.join(dataDir, `${wrong}.json`), JSON.stringify({ purchases: { [mint]: [record(mint)] } }));
    const te = await startTestEngine({ dataDir });
    engines.push(te);
    expect(te.engine.status().purchases).toBe(1);
    const result = await te.engine.coordinator.requestBuy(signal(mint));
    expect(result.outcome).toBe('blocked');
    expect(te.trader.orders).toEqual([]);
  });
});

describe('refresh across writers', () => {
  it('re-reads a shard only when another writer replaced it, and only that shard', () => {
    const dataDir = tempDataDir();
    const writer = new HistoryStore(dataDir, confStoreFactory);
    writer.load();
    const m1 = randomMint();
    const shard = shardOf(m1);
    writer.append(record(m1));

    const counting = new CountingStoreFactory(confStoreFactory);
    const reader = new HistoryStore(dataDir, counting.factory);
    reader.load();
    expect(counting.readsOf(shard)).toBe(1);
    for (let i = 0; i < 5; i++) reader.refreshShardOf(m1);
    expect(counting.readsOf(shard)).toBe(1);

    const m2 = mintInShard(shard, [m1]);
    writer.append(record(m2));
    expect(reader.has(m2)).toBe(false);
    reader.refreshShardOf(m2);
    expect(counting.readsOf(shard)).toBe(2);
    expect(reader.has(m2)).toBe(true);
    expect(reader.count()).toBe(2);

    const elsewhere = mintInShard(shard === 'purchase-history-00' ? 'purchase-history-01' : 'purchase-history-00');
    writer.append(record(elsewhere));
    reader.refreshShardOf(m1);
    expect(counting.readsOf(shard)).toBe(2);
    expect(counting.readsOf(shardOf(elsewhere))).toBe(0);
    reader.refreshShardOf(elsewhere);
    expect(counting.readsOf(shardOf(elsewhere))).toBe(1);
    expect(reader.has(elsewhere)).toBe(true);
  });

  it('two writers appending to one shard lose nothing', () => {
    const dataDir = tempDataDir();
    const [a, b] = [new HistoryStore(dataDir, confStoreFactory), new HistoryStore(dataDir, confStoreFactory)];
    a.load();
    b.load();
    const m1 = randomMint();
    const m2 = mintInShard(shardOf(m1), [m1]);
    a.append(record(m1));
    b.append(record(m2));
    a.append(record(m1, { override: 'buy-again', signature: 'sig-again' }));
    const file = JSON.parse(fs.readFileSync(path.join(dataDir, `${shardOf(m1)}.json`), 'utf8')) as { purchases: Record<string, unknown[]> };
    expect(Object.keys(file.purchases).sort()).toEqual([m1, m2].sort());
    expect(file.purchases[m1]).toHaveLength(2);
    expect(a.count()).toBe(3);
  });

  it('a bad record another writer adds to a known shard is refused on refresh', () => {
    const dataDir = tempDataDir();
    const store = new HistoryStore(dataDir, confStoreFactory);
    store.load();
    const mint = randomMint();
    store.append(record(mint));
    const file = path.join(dataDir, `${shardOf(mint)}.json`);
    const content = JSON.parse(fs.readFileSync(file, 'utf8')) as { purchases: Record<string, unknown[]> };
    content.purchases[mint]!.push({ mint, signature: 42 });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(content));
    fs.renameSync(`${file}.tmp`, file); // a new version, as every writer makes one
    expect(() => store.refreshShardOf(mint)).toThrow(UnreadableStoreError);
  });
});
