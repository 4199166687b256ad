import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import { describe, expect, it } from 'vitest';
import { quoteBuyExactIn, quoteSellExactIn } from '../../electron/core/live/bonk/launchlab-curve.js';
import type { Position } from '../../shared/positions.js';
import { auditLinesOf } from '../support/audit-lines.js';
import { readHistory, signal, useTestEngines } from '../support/engine-fixture.js';
import { actions } from '../support/fake-solana-rpc.js';
import { intentsOnDisk } from '../support/intents-on-disk.js';
import { bonkOnLiveEnv, lateRouter, WORLD_FEES } from '../support/launchlab-chain.js';
import { encodeTokenAccount, type BonkPoolOptions } from '../support/launchlab-accounts.js';
import { useLiveEnv, type LiveEnv } from '../support/live-trader-env.js';

/**
 * bonk.fun buys through the real PurchaseCoordinator, Reconciler and ledger, with the live
 * trader on the app's router and the LaunchLab venue, against the scripted node serving a
 * bonk.fun pool: the same state machine and records as pump.fun's scenarios.
 */
const engineFor = useTestEngines();
const liveEnv = useLiveEnv();

async function setup(options: BonkPoolOptions = {}) {
  const late = lateRouter();
  const env = await liveEnv({ router: late.router, trader: { confirm: { deadlineMs: 5_000 } } });
  const { world, drive } = bonkOnLiveEnv(env, late, options);
  const te = await engineFor({ clock: env.clock, trader: env.trader, instanceId: 'i-bonk' });
  const m = world.mint.toBase58();
  const buy = () => drive(te.engine.coordinator.requestBuy(signal(m, 'sniper', { platform: 'bonk.fun' })));
  const reconcile = () => drive(te.engine.reconciler.reconcileNow());
  const tokens = Number(quoteBuyExactIn(world.fields, WORLD_FEES, 100_000_000n).tokensOut) / 1e6;
  return { env, te, world, m, buy, reconcile, drive, tokens };
}

describe('live bonk.fun buys through the coordinator, the reconciler and the ledger', () => {
  it('success: bought on LaunchLab, recorded with the fill from the chain, never bought again', async () => {
    const { env, te, world, m, buy, tokens } = await setup();
    const update = await buy();
    expect(update).toMatchObject({ outcome: 'bought', signature: expect.any(String) });
    expect(readHistory(te.dataDir)[m]).toMatchObject([{ signature: update.signature, solSpent: 0.100007, tokens }]);
    expect((await buy()).reason?.code).toBe('already-bought');
    expect(env.server.distinctSignatures(world.mint)).toBe(1);
    expect(intentsOnDisk(te.dataDir)).toEqual({});
  });

  it('landed with LaunchLab 6006 PoolMigrated: failed with the error named, nothing recorded', async () => {
    const { env, te, world, m, buy } = await setup();
    env.server.script = (sent) => (sent.nth === 0 ? actions.landWithError({ InstructionError: [6, { Custom: 6006 }] }) : undefined);
    const update = await buy();
    expect(update).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('custom program error 6006 (PoolMigrated') });
    expect(readHistory(te.dataDir)[m]).toBeUndefined();
    expect(env.server.distinctSignatures(world.mint)).toBe(1);
  });

  it('timeout then landed: unknown and held; the reconcile re-sends the same bytes and records reconciled-bought', async () => {
    const { env, te, world, m, buy, reconcile, drive, tokens } = await setup();
    env.server.script = (sent) => (sent.nth === 0 ? actions.hang({ afterBlocks: 20 }) : actions.dropped());
    expect(await buy()).toMatchObject({ outcome: 'unknown' });
    expect((await buy()).reason?.code).toBe('unknown-outcome');
    expect(await reconcile()).toEqual({ resolved: 0, pending: 1 });
    await drive(new Promise<void>((resolve) => env.clock.setTimeout(resolve, 4_000)));
    expect(await reconcile()).toEqual({ resolved: 1, pending: 0 });
    const lines = auditLinesOf(te.dataDir, te.engine.instanceId).filter((l) => l.mint === m && l.outcome.startsWith('reconciled'));
    expect(lines.map((l) => l.outcome)).toEqual(['reconciled-bought']);
    expect(readHistory(te.dataDir)[m]).toMatchObject([{ solSpent: 0.100007, tokens }]);
    expect(env.server.distinctSignatures(world.mint)).toBe(1);
  });

  it('a migrated bonk.fun pool: failed before anything is signed, the venue’s sentence recorded, nothing sent', async () => {
    const { env, buy } = await setup({ status: 2 });
    expect(await buy()).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('migrated to Raydium: not sellable here yet') });
    expect(env.server.callsOf('sendTransaction')).toBe(0);
  });
});

/** Resolves once `condition` holds, looked at every 100 ms of the env's clock (driven by the drive). */
function onClock(env: LiveEnv, condition: () => Promise<boolean>): Promise<void> {
  return new Promise((resolve, reject) => {
    const look = () => {
      condition().then((held) => (held ? resolve() : env.clock.setTimeout(look, 100)), reject);
    };
    look();
  });
}

describe('a live bonk.fun position sold through the sell coordinator', () => {
  it('sell all: sold on LaunchLab, the position closed with the SOL the chain shows', async () => {
    const { env, te, world, m, buy, drive, tokens } = await setup({ realBase: 100_000_000_000_000n, realQuote: 3_200_000_000n });
    expect((await buy()).outcome).toBe('bought');
    const list = async () => (await te.engine.port.handlers['positions.list']({ includeClosed: true, limit: 10 })).positions as Position[];
    const position = () => list().then((all) => all.find((p) => p.mint === m)!);
    const opened = await position();
    expect(opened).toMatchObject({ status: 'open', tokensHeld: tokens });

    // The fake node keeps token balances apart from account data; the venue reads the wallet's
    // token account before a sell (as on a real node, where the buy created it), so it is served.
    const held = env.server.tokenBalanceOf(env.signer.publicKey, world.mint);
    const holding = getAssociatedTokenAddressSync(world.mint, env.signer.publicKey, false, world.accounts.get(m)!.owner);
    env.server.setAccount(holding, encodeTokenAccount(world.mint, env.signer.publicKey, held));

    te.engine.port.handlers['positions.sell']({ positionId: opened.id, percent: 100 });
    await drive(onClock(env, async () => (await position()).status === 'closed'));
    const closed = await position();
    const received = Number(quoteSellExactIn(world.fields, WORLD_FEES, held).lamportsOut - 7_000n) / 1e9;
    expect(closed).toMatchObject({ status: 'closed', tokensHeld: 0 });
    expect(closed.realizedSol).toBeCloseTo(received - 0.100007, 9);
    expect(env.server.tokenBalanceOf(env.signer.publicKey, world.mint)).toBe(0n);
    expect(env.server.distinctSignatures(world.mint)).toBe(2);
  });
});
