import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../../../../electron/core/time/clock.js';
import { PAPER_BLOCK_MS, PAPER_BLOCKHASH_VALID_BLOCKS, PaperLedger, readAllFills } from '../../../../electron/core/traders/paper-ledger.js';
import { PaperTrader, type PaperTraderOptions } from '../../../../electron/core/traders/paper-trader.js';
import type { BuyOrder, BuyResult, Fence } from '../../../../electron/core/traders/trader.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';

function order(i: number, mint = randomMint()): BuyOrder {
  return { attemptId: `att-${i}`, mint, platform: 'pump.fun', symbol: 'T', solAmount: 0.1 };
}

/** Zero latency without a trip through the timer queue, so 2000 buys take milliseconds. */
const instantClock: Clock = { now: () => 1_700_000_000_000, setTimeout: (fn) => queueMicrotask(fn), clearTimeout: () => undefined };

function paper(options: Partial<PaperTraderOptions> = {}, dataDir = tempDataDir()) {
  const ledger = new PaperLedger(dataDir, 'i-paper');
  const trader = new PaperTrader({ ledger, instanceId: 'i-paper', clock: instantClock, ...options });
  return { trader, ledger, ledgerDir: path.join(dataDir, 'paper-ledger') };
}

async function run(trader: PaperTrader, n: number): Promise<BuyResult[]> {
  const out: BuyResult[] = [];
  for (let i = 0; i < n; i++) out.push(await trader.buy(order(i, `mint-${i}`)));
  return out;
}

describe('PaperTrader', () => {
  it('the same fault seed gives the same outcomes and signatures; another seed does not', async () => {
    const faults = { failRate: 0.3, unknownRate: 0.3 };
    const a = await run(paper({ ...faults, faultSeed: 42 }).trader, 60);
    const b = await run(paper({ ...faults, faultSeed: 42 }).trader, 60);
    const c = await run(paper({ ...faults, faultSeed: 43 }).trader, 60);
    expect(a).toEqual(b);
    expect(a.map((r) => r.kind)).not.toEqual(c.map((r) => r.kind));
    expect(new Set(a.map((r) => r.kind))).toEqual(new Set(['success', 'failure', 'unknown']));
  });

  it('honours the fail and unknown rates over 2000 buys, and about half the unknowns land', async () => {
    const { trader, ledger } = paper({ failRate: 0.2, unknownRate: 0.1, unknownLandedRate: 0.5, faultSeed: 7 });
    const results = await run(trader, 2_000);
    const share = (kind: BuyResult['kind']) => results.filter((r) => r.kind === kind).length / results.length;
    expect(share('failure')).toBeGreaterThan(0.17);
    expect(share('failure')).toBeLessThan(0.23);
    expect(share('unknown')).toBeGreaterThan(0.08);
    expect(share('unknown')).toBeLessThan(0.12);
    const unknownIds = results.flatMap((r, i) => (r.kind === 'unknown' ? [`att-${i}`] : []));
    const landed = unknownIds.filter((id) => ledger.findFill(id) !== undefined).length / unknownIds.length;
    expect(landed).toBeGreaterThan(0.35);
    expect(landed).toBeLessThan(0.65);
    ledger.close();
  });

  it('reconcile finds an unknown buy that landed, with its signature, and says not-landed for one that did not', async () => {
    const { trader, ledger } = paper({ unknownRate: 1, unknownLandedRate: 0.5, faultSeed: 3 });
    const results: { id: string; mint: string; result: BuyResult }[] = [];
    for (let i = 0; i < 20; i++) {
      const o = order(i);
      results.push({ id: o.attemptId, mint: o.mint, result: await trader.buy(o) });
    }
    const verdicts = await Promise.all(
      results.map(async ({ id, mint, result }) => ({ result, answer: await trader.reconcile({ attemptId: id, mint, solAmount: 0.1, at: 0 }) })),
    );
    const landed = verdicts.filter((v) => v.answer.kind === 'landed');
    expect(landed.length).toBeGreaterThan(0);
    expect(verdicts.filter((v) => v.answer.kind === 'not-landed').length).toBeGreaterThan(0);
    expect(verdicts.every((v) => v.answer.kind !== 'still-unknown')).toBe(true);
    for (const { result, answer } of landed) {
      expect(result.kind).toBe('unknown');
      expect(answer).toMatchObject({ signature: (result as { signature: string }).signature, solSpent: 0.1 });
    }
    ledger.close();
  });

  it('a reconcile by another instance on the same data dir finds the fill too', async () => {
    const dataDir = tempDataDir();
    const { trader, ledger } = paper({ unknownRate: 1, unknownLandedRate: 1 }, dataDir);
    const o = order(1);
    expect((await trader.buy(o)).kind).toBe('unknown');
    ledger.close();
    const other = new PaperTrader({ ledger: new PaperLedger(dataDir, 'i-other'), instanceId: 'i-other' });
    expect((await other.reconcile({ attemptId: o.attemptId, mint: o.mint, solAmount: 0.1, at: 0 })).kind).toBe('landed');
  });

  it('a successful fill is in the ledger file before success is returned; a failure leaves none', async () => {
    const { trader, ledger, ledgerDir } = paper({ failRate: 0.5, faultSeed: 11 });
    let sawSuccess = false;
    let sawFailure = false;
    for (let i = 0; i < 20; i++) {
      const o = order(i);
      const result = await trader.buy(o);
      // Read from disk right away, as a reconcile after a crash at this instant would.
      const onDisk = readAllFills(ledgerDir).filter((f) => f.attemptId === o.attemptId);
      if (result.kind === 'success') {
        sawSuccess = true;
        expect(onDisk).toEqual([expect.objectContaining({ mint: o.mint, signature: result.signature, tokens: result.tokens })]);
      } else {
        sawFailure = true;
        expect(onDisk).toEqual([]);
      }
    }
    expect([sawSuccess, sawFailure]).toEqual([true, true]);
    ledger.close();
  });

  it('waits its latency on the clock it is given', async () => {
    const clock = new ManualClock();
    const { trader, ledger } = paper({ clock, latencyMs: { min: 100, max: 100 } });
    let done = false;
    const buying = trader.buy(order(1)).then((r) => {
      done = true;
      return r;
    });
    await Promise.resolve();
    clock.advance(99);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    expect((await buying).kind).toBe('success');
    ledger.close();
  });

  it('fails definitely when there is no market for the mint', async () => {
    const { trader, ledger, ledgerDir } = paper({ quote: () => undefined });
    expect(await trader.buy(order(1))).toEqual({ kind: 'failure', error: 'no market for this mint' });
    expect(readAllFills(ledgerDir)).toEqual([]);
    ledger.close();
  });
});

/** Moves the manual clock in steps until the promise settles (bounded). */
async function onClock<T>(clock: ManualClock, promise: Promise<T>, stepMs = 1): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!done) clock.advance(stepMs);
  }
  return promise;
}

describe('PaperTrader: the fence and the paper chain', () => {
  it('hands the fence to the gate before sending, and sends nothing when the gate refuses', async () => {
    const { trader, ledger, ledgerDir } = paper();
    const fences: Fence[] = [];
    const refused = await trader.buy(order(1), (fence) => {
      fences.push(fence);
      return false;
    });
    expect(refused.kind).toBe('not-sent');
    expect(readAllFills(ledgerDir)).toEqual([]);
    expect(fences).toHaveLength(1);
    expect(fences[0]!.lastValidBlockHeight).toBe(ledger.height() + PAPER_BLOCKHASH_VALID_BLOCKS);
    expect(fences[0]!.blockhash).toBe(`paper-bh-${ledger.height()}`);
    const sent = await trader.buy(order(2), () => true);
    expect(sent.kind).toBe('success');
    expect(readAllFills(ledgerDir).map((f) => f.signature)).toEqual([(sent as { signature: string }).signature]);
    ledger.close();
  });

  it('a transaction sent after its last valid block height is refused by the chain: a definite failure, nothing lands', async () => {
    const clock = new ManualClock();
    const dataDir = tempDataDir();
    const ledger = new PaperLedger(dataDir, 'i-paper', clock);
    const trader = new PaperTrader({ ledger, instanceId: 'i-paper', clock, latencyMs: { min: 61_000, max: 61_000 } });
    // Frozen past the blockhash's validity between signing and sending.
    const result = await onClock(clock, trader.buy(order(1), () => true), 61_000);
    expect(result).toMatchObject({ kind: 'failure', error: expect.stringContaining('block height exceeded') });
    expect(readAllFills(path.join(dataDir, 'paper-ledger'))).toEqual([]);
    ledger.close();
  });

  it('a fenced buy is still unknown until it can no longer land; then not landed, and a late landing is refused', async () => {
    const clock = new ManualClock();
    const dataDir = tempDataDir();
    const ledger = new PaperLedger(dataDir, 'i-paper', clock);
    const trader = new PaperTrader({ ledger, instanceId: 'i-paper', clock });
    let fence: Fence | undefined;
    const refused = await trader.buy(order(1), (f) => {
      fence = f;
      return false; // recorded, then not sent by us: as if frozen right before the send
    });
    expect(refused.kind).toBe('not-sent');
    const query = { attemptId: 'att-1', mint: 'm', solAmount: 0.1, at: 0, fence: fence! };
    expect((await trader.reconcile(query)).kind).toBe('still-unknown');
    clock.advance((PAPER_BLOCKHASH_VALID_BLOCKS + 1) * PAPER_BLOCK_MS);
    expect(await trader.reconcile(query)).toMatchObject({ kind: 'not-landed', detail: expect.stringContaining('expired') });
    // The frozen sender wakes up: the chain has it as expired, whatever the sender's own clock says.
    expect(ledger.land({ attemptId: 'att-1', mint: 'm', signature: fence!.signature, solSpent: 0.1, tokens: 1, at: 0 }, Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(readAllFills(path.join(dataDir, 'paper-ledger'))).toEqual([]);
    ledger.close();
  });

  it('a fenced buy that landed is found by a reconcile, also past its expiry', async () => {
    const clock = new ManualClock();
    const ledger = new PaperLedger(tempDataDir(), 'i-paper', clock);
    const trader = new PaperTrader({ ledger, instanceId: 'i-paper', clock, unknownRate: 1, unknownLandedRate: 1 });
    let fence: Fence | undefined;
    const result = await onClock(clock, trader.buy(order(1), (f) => ((fence = f), true)));
    expect(result.kind).toBe('unknown');
    clock.advance((PAPER_BLOCKHASH_VALID_BLOCKS + 1) * PAPER_BLOCK_MS);
    expect(await trader.reconcile({ attemptId: 'att-1', mint: 'm', solAmount: 0.1, at: 0, fence: fence! })).toMatchObject({
      kind: 'landed',
      signature: fence!.signature,
    });
    ledger.close();
  });
});

describe('PaperTrader: several instances on one paper chain', () => {
  it('two instances with the same fault seed sign different transactions, and both land', async () => {
    const dataDir = tempDataDir();
    const a = new PaperTrader({ ledger: new PaperLedger(dataDir, 'i-a'), instanceId: 'i-a', clock: instantClock, faultSeed: 1 });
    const b = new PaperTrader({ ledger: new PaperLedger(dataDir, 'i-b'), instanceId: 'i-b', clock: instantClock, faultSeed: 1 });
    const ra = await a.buy({ ...order(1), attemptId: 'i-a-1' }, () => true);
    const rb = await b.buy({ ...order(2), attemptId: 'i-b-1' }, () => true);
    expect([ra.kind, rb.kind]).toEqual(['success', 'success']);
    const fills = readAllFills(path.join(dataDir, 'paper-ledger'));
    expect(new Set(fills.map((f) => f.signature)).size).toBe(2);
  });
});

describe('readAllFills', () => {
  it('a chain file another process has just created, without its table yet, holds no fill', () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(path.join(dataDir, 'paper-ledger'));
    new Database(path.join(dataDir, 'paper-ledger', 'chain.sqlite')).close();
    expect(readAllFills(path.join(dataDir, 'paper-ledger'))).toEqual([]);
  });
});
