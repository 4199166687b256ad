import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../../electron/core/ledger/ledger.js';
import type { Intent } from '../../../../electron/core/ledger/intent.js';
import { openLedgerDb } from '../../../../electron/core/ledger/open-ledger.js';
import type { SellRequest } from '../../../../electron/core/ledger/positions-ledger.js';
import { defaultSettings } from '../../../../shared/settings.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';

const { killSwitch, limits, blocklist } = defaultSettings();

function open(dataDir: string, instanceId: string, now: () => number = Date.now): Ledger {
  return new Ledger(openLedgerDb(dataDir), { dataDir, instanceId, now, initialRules: { killSwitch, limits, blocklist } });
}

function intent(mint: string, instanceId: string, attemptId = `${instanceId}-${mint.slice(0, 6)}`): Intent {
  return { attemptId, mint, symbol: 'T', platform: 'pump.fun', module: 'sniper', solAmount: 0.1, instanceId, at: Date.now(), status: 'in-flight' };
}

const pass = () => undefined;

/** Claims and records a purchase of `mint` (0.1 SOL for 1 000 tokens by default); returns its position id. */
function buy(ledger: Ledger, mint: string, fill = { solSpent: 0.1, tokens: 1_000 }, attemptId?: string, override?: 'buy-again'): number {
  const claimed = intent(mint, ledger.instanceId, attemptId);
  expect(ledger.claim(claimed, override, pass)).toEqual({ ok: true });
  ledger.recordSuccess(claimed, { ...claimed, signature: `sig-${claimed.attemptId}`, ...fill, at: Date.now(), instanceId: ledger.instanceId });
  const ofMint = ledger.positions.openPositions().filter((p) => p.mint === mint);
  return Math.max(...ofMint.map((p) => p.id));
}

let sellCounter = 0;
function sellOf(positionId: number, extra: Partial<SellRequest> = {}): SellRequest {
  sellCounter += 1;
  return { sellId: `s-${sellCounter}`, positionId, reason: 'take-profit', fraction: 1, kind: 'exit', ...extra };
}

describe('PositionsLedger', () => {
  it('a purchase opens its position in the transaction that records it; a second record of the attempt opens none; buy again opens a second', () => {
    const ledger = open(tempDataDir(), 'i-a');
    const mint = randomMint();
    const id = buy(ledger, mint, { solSpent: 0.102, tokens: 2_000 });
    expect(ledger.positions.position(id)).toMatchObject({ mint, status: 'open', tokensBought: 2_000, tokensHeld: 2_000, costSol: 0.102, realizedSol: 0, module: 'sniper' });
    // A reconcile that learned the same attempt later records nothing twice.
    const again = intent(mint, 'i-a');
    ledger.recordSuccess(again, { ...again, signature: 'sig-x', solSpent: 0.102, tokens: 2_000, at: Date.now(), instanceId: 'i-a' });
    expect(ledger.positions.openPositions()).toHaveLength(1);
    buy(ledger, mint, { solSpent: 0.1, tokens: 900 }, 'i-a-second', 'buy-again');
    expect(ledger.positions.openPositions().map((p) => p.tokensBought).sort()).toEqual([2_000, 900].sort());
    ledger.close();
  });

  it('no purchase is recorded when its position cannot be opened (one transaction)', () => {
    const ledger = open(tempDataDir(), 'i-a');
    ledger.db.exec('DROP TABLE sells; DROP TABLE positions');
    const mint = randomMint();
    const claimed = intent(mint, 'i-a');
    ledger.claim(claimed, undefined, pass);
    expect(() => ledger.recordSuccess(claimed, { ...claimed, signature: 's', solSpent: 0.1, tokens: 1, at: Date.now(), instanceId: 'i-a' })).toThrow(/positions/);
    expect(ledger.db.prepare('SELECT count(*) FROM purchases').pluck().get()).toBe(0);
    expect(ledger.allIntents()).toHaveLength(1);
    ledger.close();
  });

  it('a purchase without a token amount is opened closed, its cost realized', () => {
    const ledger = open(tempDataDir(), 'i-a');
    const claimed = intent(randomMint(), 'i-a');
    ledger.claim(claimed, undefined, pass);
    ledger.recordSuccess(claimed, { ...claimed, signature: 's', solSpent: 0.1, tokens: 0, at: Date.now(), instanceId: 'i-a' });
    expect(ledger.positions.openPositions()).toHaveLength(0);
    expect(ledger.positions.closedSince(0, 10)).toEqual([expect.objectContaining({ status: 'closed', realizedSol: -0.1, tokensHeld: 0 })]);
    ledger.close();
  });

  it('a partial sell keeps the position open with the rest; the last one closes it; realized = received − cost of what was sold', () => {
    const ledger = open(tempDataDir(), 'i-a');
    const id = buy(ledger, randomMint(), { solSpent: 0.2, tokens: 1_000 });
    const half = ledger.positions.claimSell(sellOf(id, { kind: 'manual', reason: 'manual', fraction: 0.5 }));
    expect(half).toMatchObject({ ok: true, sell: { tokens: 500, status: 'in-flight', attempt: 1 } });
    if (!half.ok) return;
    const after = ledger.positions.settleSold(half.sell.sellId, { signature: 'x1', solReceived: 0.15, tokensSold: 500 });
    expect(after).toMatchObject({ status: 'open', tokensHeld: 500 });
    expect(after!.realizedSol).toBeCloseTo(0.15 - 0.1, 12);
    // Settling the same sell again changes nothing.
    expect(ledger.positions.settleSold(half.sell.sellId, { signature: 'x1', solReceived: 0.15, tokensSold: 500 })).toBeUndefined();
    const rest = ledger.positions.claimSell(sellOf(id, { reason: 'stop-loss' }));
    expect(rest).toMatchObject({ ok: true, sell: { tokens: 500 } });
    if (!rest.ok) return;
    const closed = ledger.positions.settleSold(rest.sell.sellId, { signature: 'x2', solReceived: 0.05, tokensSold: 500 });
    expect(closed).toMatchObject({ status: 'closed', tokensHeld: 0, closeReason: 'stop-loss' });
    expect(closed!.realizedSol).toBeCloseTo(0.15 + 0.05 - 0.2, 12);
    expect(ledger.positions.claimSell(sellOf(id))).toMatchObject({ ok: false, code: 'closed' });
    ledger.close();
  });

  it('one sell of a position at a time: in the air, unknown (until reconciled), a pending retry holds an exit but not a person', () => {
    let now = 1_000_000;
    const ledger = open(tempDataDir(), 'i-a', () => now);
    const id = buy(ledger, randomMint());
    const first = ledger.positions.claimSell(sellOf(id));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(ledger.positions.claimSell(sellOf(id))).toMatchObject({ ok: false, code: 'in-the-air' });
    expect(ledger.positions.claimSell(sellOf(id, { kind: 'manual', reason: 'manual' }))).toMatchObject({ ok: false, code: 'in-the-air' });
    expect(ledger.positions.markSellUnknown(first.sell.sellId, 'timeout', 'sig-1')).toBe(true);
    expect(ledger.positions.claimSell(sellOf(id, { kind: 'manual', reason: 'manual' }))).toMatchObject({ ok: false, code: 'in-the-air', message: expect.stringMatching(/unknown outcome/) });
    // Reconciled: it did not land. A failed sell waits for its retry.
    expect(ledger.positions.settleFailed(first.sell.sellId, 'not landed', now + 2_000)).toBe(true);
    expect(ledger.positions.position(id)?.sell).toMatchObject({ status: 'failed', attempt: 1, nextTryAt: now + 2_000, detail: 'not landed' });
    expect(ledger.positions.claimSell(sellOf(id))).toMatchObject({ ok: false, code: 'retry-pending' });
    expect(ledger.positions.dueRetries(now)).toEqual([]);
    now += 2_000;
    expect(ledger.positions.dueRetries(now).map((s) => s.sellId)).toEqual([first.sell.sellId]);
    const retry = ledger.positions.claimSell(sellOf(id, { kind: 'retry', retryOf: first.sell.sellId }));
    expect(retry).toMatchObject({ ok: true, sell: { attempt: 2, reason: 'take-profit' } });
    if (!retry.ok) return;
    // A second retry of the same failed sell (another instance, late) is refused.
    ledger.positions.settleFailed(retry.sell.sellId, 'again', now + 4_000);
    expect(ledger.positions.claimSell(sellOf(id, { kind: 'retry', retryOf: first.sell.sellId }))).toMatchObject({ ok: false, code: 'superseded' });
    // A person's sell replaces the pending retry.
    const manual = ledger.positions.claimSell(sellOf(id, { kind: 'manual', reason: 'manual' }));
    expect(manual).toMatchObject({ ok: true, sell: { attempt: 1, reason: 'manual' } });
    expect(ledger.positions.dueRetries(now + 10_000)).toEqual([]);
    ledger.close();
  });

  it('a retry sells what the failed sell was to sell, never more: a failed 25 % stays 25 % (held now caps it)', () => {
    let now = 1_000_000;
    const ledger = open(tempDataDir(), 'i-a', () => now);
    const id = buy(ledger, randomMint());
    const first = ledger.positions.claimSell(sellOf(id, { kind: 'manual', reason: 'manual', fraction: 0.25 }));
    expect(first).toMatchObject({ ok: true, sell: { tokens: 250 } });
    if (!first.ok) return;
    ledger.positions.settleFailed(first.sell.sellId, 'slippage', now + 2_000);
    now += 2_000;
    // The sell coordinator retries with fraction 1: the failed sell's amount decides.
    const retry = ledger.positions.claimSell(sellOf(id, { kind: 'retry', reason: 'manual', fraction: 1, retryOf: first.sell.sellId }));
    expect(retry).toMatchObject({ ok: true, sell: { tokens: 250, attempt: 2 } });
  });

  it("the fence is recorded only while the sell is this instance's own and in flight", () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a'), open(dataDir, 'i-b')];
    const id = buy(a, randomMint());
    const claim = a.positions.claimSell(sellOf(id));
    if (!claim.ok) throw new Error('claim refused');
    const fence = { signature: 'sig-f', blockhash: 'bh', lastValidBlockHeight: 10, signedBytes: Buffer.from('tx').toString('base64') };
    expect(b.positions.recordSellFence(claim.sell.sellId, fence)).toBe(false);
    expect(a.positions.recordSellFence(claim.sell.sellId, fence)).toBe(true);
    expect(a.positions.sell(claim.sell.sellId)?.fence).toEqual(fence);
    // i-a is dead (never registered, no lock): i-b takes its open sell over, and i-a can no longer fence it.
    const adopted = b.positions.adoptOrphanSells(new Set(), (owner) => owner === 'i-a');
    expect(adopted).toEqual([expect.objectContaining({ sellId: claim.sell.sellId, status: 'unknown', instanceId: 'i-b', adoptedFrom: 'i-a', fence })]);
    expect(a.positions.recordSellFence(claim.sell.sellId, fence)).toBe(false);
    expect(a.positions.settleFailed(claim.sell.sellId, 'late', Date.now())).toBe(false);
    a.close();
    b.close();
  });

  it("own in-flight sells that nothing here runs become unknown; a live instance's are left alone", () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a'), open(dataDir, 'i-b')];
    const p1 = buy(a, randomMint());
    const p2 = buy(b, randomMint());
    const mine = a.positions.claimSell(sellOf(p1));
    const theirs = b.positions.claimSell(sellOf(p2));
    if (!mine.ok || !theirs.ok) throw new Error('claim refused');
    expect(a.positions.adoptOrphanSells(new Set([mine.sell.sellId]), () => false)).toEqual([]);
    expect(a.positions.adoptOrphanSells(new Set(), () => false).map((s) => s.sellId)).toEqual([mine.sell.sellId]);
    expect(b.positions.sell(theirs.sell.sellId)?.status).toBe('in-flight');
    a.close();
    b.close();
  });

  it('two ledgers on one file: of two claims of one position, one wins; the other sees it from the file, not from memory', () => {
    const dataDir = tempDataDir();
    const [a, b] = [open(dataDir, 'i-a'), open(dataDir, 'i-b')];
    const id = buy(a, randomMint());
    const results = [a.positions.claimSell(sellOf(id)), b.positions.claimSell(sellOf(id)), b.positions.claimSell(sellOf(id, { kind: 'manual', reason: 'manual' }))];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // Even a writer that skips the checks cannot put a second open sell of the position in.
    expect(() =>
      b.db.prepare("INSERT INTO sells (sell_id, position_id, mint, reason, tokens, instance_id, at, status) VALUES ('rogue', ?, 'm', 'manual', 1, 'i-b', 0, 'in-flight')").run(id),
    ).toThrow(/UNIQUE/);
    a.close();
    b.close();
  });

  it('prices are persisted forward only, and the peak never goes down', () => {
    const ledger = open(tempDataDir(), 'i-a');
    const id = buy(ledger, randomMint());
    ledger.positions.recordPrices([{ positionId: id, lastPriceSol: 2e-4, lastPriceAt: 20, peakPriceSol: 3e-4 }]);
    ledger.positions.recordPrices([{ positionId: id, lastPriceSol: 9e-4, lastPriceAt: 10, peakPriceSol: 9e-4 }]); // older: ignored
    ledger.positions.recordPrices([{ positionId: id, lastPriceSol: 1e-4, lastPriceAt: 30, peakPriceSol: 1e-4 }]);
    expect(ledger.positions.position(id)).toMatchObject({ lastPriceSol: 1e-4, lastPriceAt: 30, peakPriceSol: 3e-4 });
    ledger.close();
  });
});
