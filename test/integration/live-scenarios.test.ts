import type { PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import type { LiveTrader } from '../../electron/core/live/live-trader.js';
import type { BuyOrder, SendGate, Trader } from '../../electron/core/traders/trader.js';
import { auditLinesOf } from '../support/audit-lines.js';
import { playDead, readHistory, signal, tempDataDir, useTestEngines, type TestEngine } from '../support/engine-fixture.js';
import { actions } from '../support/fake-solana-rpc.js';
import { intentsOnDisk } from '../support/intents-on-disk.js';
import { useLiveEnv, type LiveEnv } from '../support/live-trader-env.js';

/**
 * The RPC scenarios, each through the real PurchaseCoordinator and Reconciler with
 * a real ledger in a temp data dir, the live trader on the test venue, and the scripted
 * fake node. Each ends in the right outcome, and the coordinator records, allows a retry or
 * holds the mint; an unknown buy is never a second transaction (distinct signatures = 1).
 * Blockhashes live 30 blocks (12 s of fake time); the trader gives up confirming after 5 s,
 * so a buy whose RPC stays silent ends unknown before its blockhash expires.
 */
const engineFor = useTestEngines();
const liveEnv = useLiveEnv();

async function setup(options: { deadlineMs?: number } = {}) {
  const env = await liveEnv({ trader: { confirm: { deadlineMs: options.deadlineMs ?? 5_000 } } });
  const te = await engineFor({ clock: env.clock, trader: env.trader, instanceId: 'i-live' });
  const mint = env.newMint();
  const buy = () => env.drive(te.engine.coordinator.requestBuy(signal(mint.toBase58())));
  const reconcile = () => env.drive(te.engine.reconciler.reconcileNow());
  return { env, te, mint, m: mint.toBase58(), buy, reconcile };
}

function reconciled(te: TestEngine, mint: string) {
  return auditLinesOf(te.dataDir, te.engine.instanceId)
    .filter((l) => l.mint === mint && l.outcome.startsWith('reconciled'))
    .map((l) => ({ outcome: l.outcome, detail: l.detail }));
}

/** Makes the test's script apply only to the first transaction of `mint` sent; later ones (a retry) take the default. */
function firstSignatureOnly(env: LiveEnv, mint: PublicKey, script: (nth: number) => ReturnType<typeof actions.land> | undefined) {
  let first: string | undefined;
  env.server.script = (sent) => {
    if (!sent.mints.includes(mint.toBase58())) return undefined;
    first ??= sent.signature;
    return sent.signature === first ? script(sent.nth) : undefined;
  };
}

describe('live buys against the scripted node, through the coordinator and the reconciler', () => {
  it('success: bought, recorded with the fill from the chain, never bought again', async () => {
    const { env, te, m, mint, buy } = await setup();
    const update = await buy();
    expect(update).toMatchObject({ outcome: 'bought', signature: expect.any(String) });
    expect(readHistory(te.dataDir)[m]).toMatchObject([{ signature: update.signature, solSpent: 0.100007, tokens: 3_000 }]);
    expect((await buy()).reason?.code).toBe('already-bought');
    expect(env.server.distinctSignatures(mint)).toBe(1);
    expect(intentsOnDisk(te.dataDir)).toEqual({});
  });

  it('landed with meta.err 6002: failed with the error named, nothing recorded, a retry allowed (and bought)', async () => {
    const { env, te, m, mint, buy } = await setup();
    firstSignatureOnly(env, mint, (nth) => (nth === 0 ? actions.landWithError({ InstructionError: [2, { Custom: 6002 }] }) : undefined));
    const update = await buy();
    expect(update).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('custom program error 6002 (TooMuchSolRequired') });
    expect(readHistory(te.dataDir)[m]).toBeUndefined();
    expect((await buy()).outcome).toBe('bought');
    expect(env.server.distinctSignatures(mint)).toBe(2);
  });

  it('preflight refusal: failed, never sent again, a retry allowed', async () => {
    const { env, m, mint, buy, te } = await setup();
    firstSignatureOnly(env, mint, () => actions.preflightRefusal({ InstructionError: [2, { Custom: 6005 }] }, ['Program log: BondingCurveComplete']));
    expect(await buy()).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('preflight') });
    expect(env.server.sendsOf(mint)).toBe(1);
    expect(intentsOnDisk(te.dataDir)[m]).toBeUndefined();
    // A block later (a new blockhash, so a new transaction: the test venue is deterministic).
    await env.drive(new Promise<void>((resolve) => env.clock.setTimeout(resolve, 400)));
    expect((await buy()).outcome).toBe('bought');
  });

  it('insufficient funds: failed, said plainly', async () => {
    const { env, mint, buy } = await setup();
    firstSignatureOnly(env, mint, () => actions.insufficientFunds());
    expect(await buy()).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('insufficient funds: the wallet does not hold enough SOL') });
    expect(env.server.distinctSignatures(mint)).toBe(1);
  });

  it('"already processed": bought', async () => {
    const { env, te, m, mint, buy } = await setup();
    firstSignatureOnly(env, mint, (nth) => (nth === 0 ? actions.alreadyProcessed() : undefined));
    expect((await buy()).outcome).toBe('bought');
    expect(readHistory(te.dataDir)[m]).toHaveLength(1);
    expect(env.server.distinctSignatures(mint)).toBe(1);
  });

  it('timeout then landed: unknown, the mint held; the reconcile re-sends the same bytes and records it once it lands', async () => {
    const { env, te, m, mint, buy, reconcile } = await setup();
    // The send hangs; the node sees nothing of it for 20 blocks (8 s), past the trader's 5 s.
    firstSignatureOnly(env, mint, (nth) => (nth === 0 ? actions.hang({ afterBlocks: 20 }) : actions.dropped()));
    expect(await buy()).toMatchObject({ outcome: 'unknown' });
    expect((await buy()).reason?.code).toBe('unknown-outcome');
    expect(await reconcile()).toEqual({ resolved: 0, pending: 1 });
    await env.drive(new Promise<void>((resolve) => env.clock.setTimeout(resolve, 4_000)));
    expect(await reconcile()).toEqual({ resolved: 1, pending: 0 });
    expect(reconciled(te, m)).toEqual([{ outcome: 'reconciled-bought', detail: 'the buy landed' }]);
    expect(readHistory(te.dataDir)[m]).toMatchObject([{ solSpent: 0.100007, tokens: 3_000 }]);
    expect(env.server.distinctSignatures(mint)).toBe(1);
    expect((await buy()).reason?.code).toBe('already-bought');
  });

  it('timeout then expired: unknown and held until the blockhash expired, then not bought, then a retry buys', async () => {
    const { env, te, m, mint, buy, reconcile } = await setup();
    firstSignatureOnly(env, mint, (nth) => (nth === 0 ? actions.hang() : actions.dropped()));
    expect((await buy()).outcome).toBe('unknown');
    expect(await reconcile()).toEqual({ resolved: 0, pending: 1 });
    expect((await buy()).reason?.code).toBe('unknown-outcome');
    expect(env.server.distinctSignatures(mint)).toBe(1);
    await env.drive(new Promise<void>((resolve) => env.clock.setTimeout(resolve, 10_000)));
    expect(await reconcile()).toEqual({ resolved: 1, pending: 0 });
    expect(reconciled(te, m)).toEqual([{ outcome: 'reconciled-not-bought', detail: expect.stringContaining('expired') }]);
    expect(env.server.distinctSignatures(mint)).toBe(1);
    expect((await buy()).outcome).toBe('bought');
    expect(env.server.distinctSignatures(mint)).toBe(2);
  });

  it('429 storm: unknown, held, one signature; when the storm ends the reconcile re-sends and it lands', async () => {
    const { env, te, m, mint, buy, reconcile } = await setup();
    // The storm starts at the first send (the blockhash was read): every call after it is refused too.
    env.server.script = (sent) => {
      if (sent.nth === 0) env.server.fail({ kind: 'http', status: 429 }, 1_000_000);
      return actions.http(429);
    };
    expect(await buy()).toMatchObject({ outcome: 'unknown', detail: expect.stringContaining('429') });
    expect((await buy()).reason?.code).toBe('unknown-outcome');
    expect(env.server.distinctSignatures(mint)).toBe(1);
    expect(await reconcile()).toEqual({ resolved: 0, pending: 1 });
    env.server.clearFaults();
    env.server.script = () => undefined;
    expect(await reconcile()).toEqual({ resolved: 0, pending: 1 });
    env.server.advanceBlocks(1);
    expect(await reconcile()).toEqual({ resolved: 1, pending: 0 });
    expect(readHistory(te.dataDir)[m]).toHaveLength(1);
    expect(env.server.distinctSignatures(mint)).toBe(1);
  });

  it('reset mid-send: the node had forwarded it, the status finds it: bought', async () => {
    const { env, te, m, mint, buy } = await setup();
    firstSignatureOnly(env, mint, (nth) => (nth === 0 ? actions.reset({ afterBlocks: 2 }) : actions.dropped()));
    expect((await buy()).outcome).toBe('bought');
    expect(readHistory(te.dataDir)[m]).toHaveLength(1);
    expect(env.server.distinctSignatures(mint)).toBe(1);
  });

  it('reset mid-send and every call after: unknown, held, one signature', async () => {
    const { env, mint, buy } = await setup();
    env.server.script = (sent) => {
      if (sent.nth === 0) env.server.fail({ kind: 'reset' }, 1_000_000);
      return actions.reset({ afterBlocks: 2 });
    };
    expect((await buy()).outcome).toBe('unknown');
    expect((await buy()).reason?.code).toBe('unknown-outcome');
    expect(env.server.distinctSignatures(mint)).toBe(1);
  });

  it('RPC down at start with intents pending: held while down; settled from the chain once it is back', async () => {
    const dataDir = tempDataDir();
    const env = await liveEnv({ trader: { confirm: { deadlineMs: 5_000 } } });
    const first = await engineFor({ dataDir, clock: env.clock, trader: env.trader, instanceId: 'i-first' });
    const [landing, lost] = [env.newMint(), env.newMint()];
    env.server.script = (sent) => {
      if (sent.nth > 0) return actions.dropped();
      return sent.mints.includes(landing.toBase58()) ? actions.hang({ afterBlocks: 20 }) : actions.hang();
    };
    expect((await env.drive(first.engine.coordinator.requestBuy(signal(landing.toBase58())))).outcome).toBe('unknown');
    expect((await env.drive(first.engine.coordinator.requestBuy(signal(lost.toBase58())))).outcome).toBe('unknown');
    await first.stop();

    await env.server.down();
    const second = await engineFor({ dataDir, clock: env.clock, trader: env.newTrader(), instanceId: 'i-second' });
    expect(await env.drive(second.engine.reconciler.reconcileNow())).toEqual({ resolved: 0, pending: 2 });
    for (const mint of [landing, lost]) expect((await env.drive(second.engine.coordinator.requestBuy(signal(mint.toBase58())))).reason?.code).toBe('unknown-outcome');

    // The node comes back when the first buy has landed and the second's blockhash expired.
    await env.drive(new Promise<void>((resolve) => env.clock.setTimeout(resolve, 15_000)));
    await env.server.up();
    env.server.script = () => actions.dropped();
    expect(await env.drive(second.engine.reconciler.reconcileNow())).toEqual({ resolved: 2, pending: 0 });
    const lines = auditLinesOf(dataDir, 'i-second').filter((l) => l.outcome.startsWith('reconciled'));
    expect(Object.fromEntries(lines.map((l) => [l.mint, l.outcome]))).toEqual({ [landing.toBase58()]: 'reconciled-bought', [lost.toBase58()]: 'reconciled-not-bought' });
    expect(Object.keys(readHistory(dataDir))).toEqual([landing.toBase58()]);
    expect(env.server.distinctSignatures(landing)).toBe(1);
    expect(env.server.distinctSignatures(lost)).toBe(1);
  });

  it('crash between landing and recording: the next instance finds the landed buy by its fence and records it reconciled-bought', async () => {
    const dataDir = tempDataDir();
    const env = await liveEnv();
    let answered: (kind: string) => void = () => undefined;
    const traderAnswered = new Promise<string>((resolve) => (answered = resolve));
    let endOfProcess: (error: Error) => void = () => undefined;
    // The process dies after the trader's answer and before the coordinator records it.
    const dying: Trader = {
      mode: 'live',
      fencesBeforeSend: true,
      buy: async (order: BuyOrder, gate?: SendGate) => {
        const result = await env.trader.buy(order, gate);
        answered(result.kind);
        // Never answers while the test runs: the process is gone (released at the end so the fixture can stop it).
        return new Promise((_resolve, reject) => (endOfProcess = reject));
      },
      // The coordinator reserves what the trader says a buy can cost; the live trader refuses a plan above it.
      maxCostSol: (solAmount) => env.trader.maxCostSol(solAmount),
      reconcile: (query) => env.trader.reconcile(query),
      sell: (order, gate) => env.trader.sell(order, gate),
      reconcileSell: (query) => env.trader.reconcileSell(query),
    };
    const first = await engineFor({ dataDir, clock: env.clock, trader: dying, instanceId: 'i-crash' });
    const mint = env.newMint();
    void first.engine.coordinator.requestBuy(signal(mint.toBase58()));
    expect(await env.drive(traderAnswered)).toBe('success');
    expect(intentsOnDisk(dataDir)[mint.toBase58()]).toMatchObject({ status: 'in-flight', fence: { signature: expect.any(String) } });
    expect(readHistory(dataDir)[mint.toBase58()]).toBeUndefined();
    playDead(first.engine);

    const restarted: LiveTrader = env.newTrader();
    const second = await engineFor({ dataDir, clock: env.clock, trader: restarted, instanceId: 'i-after' });
    // Its start-up pass or this one adopts the dead instance's intent and settles it.
    await env.drive(second.engine.reconciler.reconcileNow());
    expect(intentsOnDisk(dataDir)).toEqual({});
    expect(auditLinesOf(dataDir, 'i-after').filter((l) => l.mint === mint.toBase58()).map((l) => l.outcome)).toEqual(['reconciled-bought']);
    expect(readHistory(dataDir)[mint.toBase58()]).toMatchObject([{ solSpent: 0.100007, tokens: 3_000 }]);
    expect((await env.drive(second.engine.coordinator.requestBuy(signal(mint.toBase58())))).reason?.code).toBe('already-bought');
    expect(env.server.distinctSignatures(mint)).toBe(1);
    endOfProcess(new Error('the process was killed'));
  });
});
