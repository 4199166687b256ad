import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidSignalError } from '../../../../electron/core/coordinator/purchase-coordinator.js';
import type { BlockReason } from '../../../../shared/block-reasons.js';
import type { AttemptUpdate, BuySignalInput } from '../../../../shared/domain.js';
import { auditLinesOf, auditLinesOfAttempt } from '../../../support/audit-lines.js';
import type { BalanceReading } from '../../../../electron/core/coordinator/wallet-balance.js';
import { failLedgerWrites, intentsOnDisk } from '../../../support/intents-on-disk.js';
import { ScriptedTrader } from '../../../support/scripted-trader.js';
import { randomMint, readHistory, signal, tempDataDir, type TestEngine, useTestEngines } from '../../../support/engine-fixture.js';
import { waitUntil } from '../../../support/wait-until.js';

const engineFor = useTestEngines();

/**
 * What every block must show: the code (and its details), the sentence the trader reads,
 * exactly one audit line saying 'blocked' for that reason, and no trader call for the attempt.
 */
async function expectBlocked(te: TestEngine, result: AttemptUpdate, reason: BlockReason, sentence: string): Promise<void> {
  // Block lines reach the audit file at the next turn of the event loop (AuditLog batches them).
  await new Promise((resolve) => setImmediate(resolve));
  expect(result.outcome).toBe('blocked');
  expect(result.reason).toEqual(reason);
  expect(result.reasonText).toBe(sentence);
  const lines = auditLinesOfAttempt(te.dataDir, te.engine.instanceId, result.attemptId);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ outcome: 'blocked', reason, mint: result.mint, module: result.module });
  expect(te.trader.orders.filter((o) => o.attemptId === result.attemptId)).toEqual([]);
  expect(te.updates.filter((u) => u.attemptId === result.attemptId && u.stage === 'done')).toHaveLength(1);
}

describe('exactly-once block reasons', () => {
  it('already-bought: a mint in the history is refused to every module', async () => {
    const te = await engineFor();
    const mint = randomMint();
    expect((await te.engine.coordinator.requestBuy(signal(mint))).outcome).toBe('bought');
    const again = await te.engine.coordinator.requestBuy(signal(mint, 'trending'));
    await expectBlocked(te, again, { code: 'already-bought' }, 'Already bought: this token is in the purchase history.');
    expect(te.trader.buysOf(mint)).toBe(1);
  });

  it('in-flight-here: a second signal while the first buy is open', async () => {
    const te = await engineFor();
    const mint = randomMint();
    te.trader.hold(mint);
    const first = te.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => te.trader.buysOf(mint) === 1, 'the first buy to reach the trader');
    const second = await te.engine.coordinator.requestBuy(signal(mint, 'volume'));
    await expectBlocked(te, second, { code: 'in-flight-here' }, 'A buy of this token is already in flight in this app.');
    te.trader.open(mint);
    expect((await first).outcome).toBe('bought');
    expect(te.trader.buysOf(mint)).toBe(1);
  });

  it('in-flight-elsewhere: another engine on the same data dir holds the claim', async () => {
    const dataDir = tempDataDir();
    const a = await engineFor({ dataDir });
    const b = await engineFor({ dataDir });
    const mint = randomMint();
    a.trader.hold(mint);
    const buying = a.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => a.trader.buysOf(mint) === 1, 'a to reach its trader');
    const meanwhile = await b.engine.coordinator.requestBuy(signal(mint, 'whale-copy'));
    await expectBlocked(
      b,
      meanwhile,
      { code: 'in-flight-elsewhere', instanceId: a.engine.instanceId },
      `A buy of this token is in flight in another instance (${a.engine.instanceId}).`,
    );
    a.trader.open(mint);
    expect((await buying).outcome).toBe('bought');
    expect(b.trader.orders).toEqual([]);
  });

  it('unknown-outcome: a buy that timed out blocks the mint until reconciled', async () => {
    const te = await engineFor();
    const mint = randomMint();
    te.trader.willReturn(mint, { kind: 'unknown', error: 'confirmation timed out', signature: 'sig-u' });
    const first = await te.engine.coordinator.requestBuy(signal(mint));
    expect(first.outcome).toBe('unknown');
    expect(auditLinesOfAttempt(te.dataDir, te.engine.instanceId, first.attemptId)).toMatchObject([
      { outcome: 'unknown', signature: 'sig-u', detail: 'confirmation timed out' },
    ]);
    const again = await te.engine.coordinator.requestBuy(signal(mint, 'sniper'));
    await expectBlocked(
      te,
      again,
      { code: 'unknown-outcome' },
      'An earlier buy of this token has an unknown outcome; it stays blocked until reconciled.',
    );
    expect(te.trader.buysOf(mint)).toBe(1);
  });
});

describe('rule block reasons', () => {
  it('module-off: a switched-off module cannot buy, another module still can', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['module.update']({ module: 'trending', patch: { enabled: false } });
    const mint = randomMint();
    const off = await te.engine.coordinator.requestBuy(signal(mint, 'trending'));
    await expectBlocked(te, off, { code: 'module-off' }, 'The module that sent this signal is switched off.');
    expect((await te.engine.coordinator.requestBuy(signal(mint, 'volume'))).outcome).toBe('bought');
  });

  it('kill-switch: stops modules, manual buys and "buy again" alike', async () => {
    const te = await engineFor();
    const bought = randomMint();
    await te.engine.coordinator.requestBuy(signal(bought));
    await te.engine.port.handlers['killSwitch.set']({ on: true });
    const sentence = 'The kill switch is on: all buying is stopped.';
    await expectBlocked(te, await te.engine.coordinator.requestBuy(signal(randomMint())), { code: 'kill-switch' }, sentence);
    const manual = await te.engine.coordinator.requestBuy({ ...signal(randomMint()), module: 'manual' });
    await expectBlocked(te, manual, { code: 'kill-switch' }, sentence);
    const again = await te.engine.port.handlers['blocked.buyAgain']({ mint: bought, platform: 'pump.fun', symbol: 'T', solAmount: 0.1 });
    await expectBlocked(te, again, { code: 'kill-switch' }, sentence);
    expect(te.trader.orders).toHaveLength(1);
  });

  it('blocklisted: by mint', async () => {
    const te = await engineFor();
    const mint = randomMint();
    await te.engine.port.handlers['blocklist.add']({ address: mint });
    const result = await te.engine.coordinator.requestBuy(signal(mint));
    await expectBlocked(te, result, { code: 'blocklisted' }, 'This token or its creator is on the blocklist.');
  });

  it('blocklisted: by creator, for any of its tokens', async () => {
    const te = await engineFor();
    const creator = randomMint();
    await te.engine.port.handlers['blocklist.add']({ address: creator });
    const result = await te.engine.coordinator.requestBuy(signal(randomMint(), 'whale-copy', { creator }));
    await expectBlocked(te, result, { code: 'blocklisted' }, 'This token or its creator is on the blocklist.');
    expect((await te.engine.coordinator.requestBuy(signal(randomMint(), 'whale-copy', { creator: randomMint() }))).outcome).toBe(
      'bought',
    );
  });
});

describe('limit-reached names the limit and the numbers', () => {
  const limitSentence = (limit: string, detail: string) => `Limit reached (${limit}): ${detail}.`;

  it('max-sol-per-buy', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['limits.update']({ maxSolPerBuy: 0.5 });
    const result = await te.engine.coordinator.requestBuy(signal(randomMint(), 'sniper', { solAmount: 0.75 }));
    const detail = '0.75 SOL asked, at most 0.5 SOL per buy';
    await expectBlocked(te, result, { code: 'limit-reached', limit: 'max-sol-per-buy', detail }, limitSentence('max-sol-per-buy', detail));
  });

  it('max-concurrent-buys', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['limits.update']({ maxConcurrentBuys: 2 });
    const [m1, m2] = [randomMint(), randomMint()];
    te.trader.hold(m1).hold(m2);
    const open = [te.engine.coordinator.requestBuy(signal(m1)), te.engine.coordinator.requestBuy(signal(m2))];
    await waitUntil(() => te.trader.orders.length === 2, 'two buys in flight');
    const result = await te.engine.coordinator.requestBuy(signal(randomMint()));
    const detail = '2 buys already in flight';
    await expectBlocked(te, result, { code: 'limit-reached', limit: 'max-concurrent-buys', detail }, limitSentence('max-concurrent-buys', detail));
    te.trader.open(m1);
    te.trader.open(m2);
    await Promise.all(open);
    expect((await te.engine.coordinator.requestBuy(signal(randomMint()))).outcome).toBe('bought');
  });

  it('module-daily-budget: per module; an unknown buy keeps its reservation, a failed one frees it', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['module.update']({ module: 'sniper', patch: { dailyBudgetSol: 0.25 } });
    const failing = randomMint();
    te.trader.willReturn(failing, { kind: 'failure', error: 'rejected' });
    expect((await te.engine.coordinator.requestBuy(signal(failing))).outcome).toBe('failed');
    const unknown = randomMint();
    te.trader.willReturn(unknown, { kind: 'unknown', error: 'timeout' });
    expect((await te.engine.coordinator.requestBuy(signal(unknown))).outcome).toBe('unknown');
    expect((await te.engine.coordinator.requestBuy(signal(randomMint()))).outcome).toBe('bought');
    const result = await te.engine.coordinator.requestBuy(signal(randomMint()));
    const detail = '0.2 SOL of 0.25 SOL spent in 24 h';
    await expectBlocked(te, result, { code: 'limit-reached', limit: 'module-daily-budget', detail }, limitSentence('module-daily-budget', detail));
    expect((await te.engine.coordinator.requestBuy(signal(randomMint(), 'trending'))).outcome).toBe('bought');
  });

  it('daily-spend-cap: all modules together', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['limits.update']({ dailySpendCapSol: 0.3 });
    await te.engine.coordinator.requestBuy(signal(randomMint(), 'sniper'));
    await te.engine.coordinator.requestBuy(signal(randomMint(), 'trending'));
    const result = await te.engine.coordinator.requestBuy(signal(randomMint(), 'volume', { solAmount: 0.15 }));
    const detail = '0.2 SOL of 0.3 SOL spent in 24 h';
    await expectBlocked(te, result, { code: 'limit-reached', limit: 'daily-spend-cap', detail }, limitSentence('daily-spend-cap', detail));
    expect((await te.engine.coordinator.requestBuy(signal(randomMint(), 'volume', { solAmount: 0.05 }))).outcome).toBe('bought');
  });

  // Regression test: this once failed (policy.ts checkLimits).
  it('a buy that exactly fills the daily cap or a module budget is allowed', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['limits.update']({ dailySpendCapSol: 0.3 });
    await te.engine.port.handlers['module.update']({ module: 'sniper', patch: { dailyBudgetSol: 0.3 } });
    await te.engine.coordinator.requestBuy(signal(randomMint(), 'sniper'));
    await te.engine.coordinator.requestBuy(signal(randomMint(), 'sniper'));
    const third = await te.engine.coordinator.requestBuy(signal(randomMint(), 'sniper'));
    expect(third.reason).toBeUndefined();
    expect(third.outcome).toBe('bought');
  });
});

describe('live limits: max cost, per hour, open positions, the SOL reserve', () => {
  const limitSentence = (limit: string, detail: string) => `Limit reached (${limit}): ${detail}.`;

  /** A trader that may spend 10% over the amount plus 0.005 SOL of fees, as a live one does. */
  function withMaxCost(trader: ScriptedTrader): ScriptedTrader {
    return Object.assign(trader, { maxCostSol: (sol: number) => sol * 1.1 + 0.005 });
  }

  it('the intent carries the max cost, and max-sol-per-buy compares it', async () => {
    const te = await engineFor({ trader: withMaxCost(new ScriptedTrader()) });
    await te.engine.port.handlers['limits.update']({ maxSolPerBuy: 0.115 });
    const mint = randomMint();
    te.trader.hold(mint);
    const buying = te.engine.coordinator.requestBuy(signal(mint));
    await waitUntil(() => te.trader.buysOf(mint) === 1, 'the buy to reach the trader');
    expect(intentsOnDisk(te.dataDir)[mint]?.maxCostSol).toBeCloseTo(0.115, 9);
    te.trader.open(mint);
    expect((await buying).outcome).toBe('bought');
    const over = await te.engine.coordinator.requestBuy(signal(randomMint(), 'sniper', { solAmount: 0.100000001 }));
    const detail = '0.115000001 SOL at most (0.100000001 SOL asked, plus slippage and fees), at most 0.115 SOL per buy';
    await expectBlocked(te, over, { code: 'limit-reached', limit: 'max-sol-per-buy', detail }, limitSentence('max-sol-per-buy', detail));
  });

  it('max-sol-per-hour: purchases and open buys of the last hour', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['limits.update']({ maxSolPerHour: 0.25 });
    await te.engine.coordinator.requestBuy(signal(randomMint()));
    await te.engine.coordinator.requestBuy(signal(randomMint(), 'trending'));
    const result = await te.engine.coordinator.requestBuy(signal(randomMint(), 'volume'));
    const detail = '0.2 SOL of 0.25 SOL spent in the last hour';
    await expectBlocked(te, result, { code: 'limit-reached', limit: 'max-sol-per-hour', detail }, limitSentence('max-sol-per-hour', detail));
    expect((await te.engine.coordinator.requestBuy(signal(randomMint(), 'volume', { solAmount: 0.05 }))).outcome).toBe('bought');
  });

  it('max-open-positions: buys in flight count as positions', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['limits.update']({ maxOpenPositions: 1 });
    const held = randomMint();
    te.trader.hold(held);
    const buying = te.engine.coordinator.requestBuy(signal(held));
    await waitUntil(() => te.trader.buysOf(held) === 1, 'the first buy to reach the trader');
    const result = await te.engine.coordinator.requestBuy(signal(randomMint()));
    const detail = '1 positions open or being bought, at most 1';
    await expectBlocked(te, result, { code: 'limit-reached', limit: 'max-open-positions', detail }, limitSentence('max-open-positions', detail));
    te.trader.open(held);
    await buying;
  });

  it('sol-reserve and balance-unknown: live buys wait for a fresh balance and never dig into the reserve', async () => {
    const wallet: { last?: BalanceReading } = {};
    const te = await engineFor({ trader: withMaxCost(new ScriptedTrader()), walletBalance: { reading: () => wallet.last, maxAgeMs: 60_000, now: Date.now } });
    await te.engine.port.handlers['limits.update']({ solReserveSol: 0.05 });
    const unread = await te.engine.coordinator.requestBuy(signal(randomMint()));
    const never = 'it has not been read from the RPC node yet';
    await expectBlocked(te, unread, { code: 'balance-unknown', detail: never }, `Live buying is refused until the wallet's balance is known: ${never}.`);
    wallet.last = { lamports: 300_000_000n, readAt: Date.now(), purchasesUpTo: te.engine.ledger!.newestPurchaseId() };
    // 0.3 − 0.115 = 0.185; then 0.185 − 0.115 = 0.07; a third would leave −0.045.
    expect((await te.engine.coordinator.requestBuy(signal(randomMint()))).outcome).toBe('bought');
    expect((await te.engine.coordinator.requestBuy(signal(randomMint()))).outcome).toBe('bought');
    const third = await te.engine.coordinator.requestBuy(signal(randomMint()));
    const detail = '0.3 SOL in the wallet, 0.2 SOL bought since it was read and 0.115 SOL for this buy would leave -0.015 SOL, below the 0.05 SOL reserve';
    await expectBlocked(te, third, { code: 'limit-reached', limit: 'sol-reserve', detail }, limitSentence('sol-reserve', detail));
  });
});

describe('overridable block reasons', () => {
  it('approval-required: listed as pending, approved once buys it once, a second approval is refused', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['module.update']({ module: 'whale-copy', patch: { requireApproval: true } });
    const mint = randomMint();
    const waiting = await te.engine.coordinator.requestBuy(signal(mint, 'whale-copy'));
    await expectBlocked(te, waiting, { code: 'approval-required' }, 'This module needs your approval before it buys.');
    const listed = await te.engine.port.handlers['blocked.list']({});
    expect(listed).toEqual([expect.objectContaining({ kind: 'pending-approval', mint, attemptId: waiting.attemptId, module: 'whale-copy' })]);

    const approved = await te.engine.port.handlers['blocked.approveOnce']({ attemptId: waiting.attemptId });
    expect(approved).toMatchObject({ outcome: 'bought', override: 'approved-once', mint });
    expect(auditLinesOfAttempt(te.dataDir, te.engine.instanceId, approved.attemptId)).toMatchObject([
      { outcome: 'bought', override: 'approved-once' },
    ]);
    expect(readHistory(te.dataDir)[mint]).toMatchObject([{ override: 'approved-once' }]);
    await expect(te.engine.port.handlers['blocked.approveOnce']({ attemptId: waiting.attemptId })).rejects.toThrow(/no longer waiting/);
    expect(await te.engine.port.handlers['blocked.list']({})).toEqual([]);
    expect(te.trader.buysOf(mint)).toBe(1);
  });

  it('filter-failed: names the first failing filter; approve once buys it', async () => {
    const te = await engineFor();
    const mint = randomMint();
    const filters = [
      { filter: 'min-liquidity', passed: true, detail: '12 SOL' },
      { filter: 'max-dev-share', passed: false, detail: 'dev holds 31%' },
      { filter: 'min-holders', passed: false, detail: '3 holders' },
    ];
    const result = await te.engine.coordinator.requestBuy(signal(mint, 'sniper', { filters }));
    const reason = { code: 'filter-failed', filter: 'max-dev-share', detail: 'dev holds 31%' } as const;
    await expectBlocked(te, result, reason, 'Filter "max-dev-share" failed: dev holds 31%.');
    const approved = await te.engine.port.handlers['blocked.approveOnce']({ attemptId: result.attemptId });
    expect(approved).toMatchObject({ outcome: 'bought', override: 'approved-once' });
    expect(te.trader.buysOf(mint)).toBe(1);
  });

  it('approve once never passes the kill switch, and blocks that are not overridable cannot be approved', async () => {
    const te = await engineFor();
    await te.engine.port.handlers['module.update']({ module: 'volume', patch: { requireApproval: true } });
    const waiting = await te.engine.coordinator.requestBuy(signal(randomMint(), 'volume'));
    await te.engine.port.handlers['killSwitch.set']({ on: true });
    const approved = await te.engine.port.handlers['blocked.approveOnce']({ attemptId: waiting.attemptId });
    expect(approved.reason).toEqual({ code: 'kill-switch' });
    const killed = await te.engine.coordinator.requestBuy(signal(randomMint()));
    await expect(te.engine.port.handlers['blocked.approveOnce']({ attemptId: killed.attemptId })).rejects.toThrow(/no longer waiting/);
    expect(te.trader.orders).toEqual([]);
    // The approval refused by the kill switch was not used up: it still waits, and buys once resumed.
    expect(te.engine.coordinator.pendingApprovals().map((a) => a.attemptId)).toEqual([waiting.attemptId]);
    await te.engine.port.handlers['killSwitch.set']({ on: false });
    expect((await te.engine.port.handlers['blocked.approveOnce']({ attemptId: waiting.attemptId })).outcome).toBe('bought');
    expect(te.engine.coordinator.pendingApprovals()).toEqual([]);
  });
});

describe('store-unavailable', () => {
  it('an unusable ledger refuses every buy and says why', async () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(path.join(dataDir, 'ledger.sqlite'), '{"purchases": {');
    const te = await engineFor({ dataDir });
    const result = await te.engine.coordinator.requestBuy(signal(randomMint()));
    expect(result.reason?.code).toBe('store-unavailable');
    const reason = result.reason as Extract<BlockReason, { code: 'store-unavailable' }>;
    expect(reason.detail).toContain('ledger.sqlite cannot be used');
    await expectBlocked(te, result, reason, `Buying is refused because the ledger cannot be used: ${reason.detail}.`);
  });

  it('a failed intent write at claim time refuses this buy and every later one', async () => {
    const te = await engineFor();
    const undo = failLedgerWrites(te.dataDir, 'intents', 'INSERT');
    const first = await te.engine.coordinator.requestBuy(signal(randomMint()));
    expect(first.reason?.code).toBe('store-unavailable');
    await expectBlocked(te, first, first.reason!, `Buying is refused because the ledger cannot be used: ${(first.reason as { detail: string }).detail}.`);
    expect((first.reason as { detail: string }).detail).toContain('disk I/O error');
    undo();
    const later = await te.engine.coordinator.requestBuy(signal(randomMint()));
    expect(later.reason?.code).toBe('store-unavailable');
    expect(te.engine.status().storeHealthy).toBe(false);
    expect(te.trader.orders).toEqual([]);
  });
});

describe('the signal boundary', () => {
  const valid = (): BuySignalInput => signal(randomMint());
  const tooLong = 'So11111111111111111111111111111111111111112' + '2';
  const cases: [string, BuySignalInput][] = [
    ['mint with characters outside base58 (0, O, I, l)', { ...valid(), mint: '0OIl' + randomMint().slice(4) }],
    ['mint decoding to 31 bytes', { ...valid(), mint: randomMint().slice(0, 31) }],
    ['empty mint', { ...valid(), mint: '' }],
    ['wrapped-SOL mint with one character too many', { ...valid(), mint: tooLong }],
    ['mint with surrounding spaces', { ...valid(), mint: ` ${randomMint()} ` }],
    ['unknown module name', { ...valid(), module: 'sniper2' as never }],
    ['module name in another case', { ...valid(), module: 'Sniper' as never }],
    ['NaN solAmount', { ...valid(), solAmount: Number.NaN }],
    ['negative solAmount', { ...valid(), solAmount: -0.1 }],
    ['zero solAmount', { ...valid(), solAmount: 0 }],
    ['huge solAmount', { ...valid(), solAmount: 1e9 }],
    ['infinite solAmount', { ...valid(), solAmount: Number.POSITIVE_INFINITY }],
    ['blocklist-evading creator that is not an address', { ...valid(), creator: 'not-an-address' }],
  ];

  it.each(cases)('%s: InvalidSignalError, nothing audited, no trader call', async (_label, input) => {
    const te = await engineFor();
    await expect(te.engine.coordinator.requestBuy(input)).rejects.toBeInstanceOf(InvalidSignalError);
    expect(te.trader.orders).toEqual([]);
    expect(auditLinesOf(te.dataDir, te.engine.instanceId)).toEqual([]);
    expect(readHistory(te.dataDir)).toEqual({});
  });

  it('the wrapped-SOL mint itself is a valid address and is bought', async () => {
    const te = await engineFor();
    const result = await te.engine.coordinator.requestBuy({ ...valid(), mint: 'So11111111111111111111111111111111111111112' });
    expect(result.outcome).toBe('bought');
  });
});
