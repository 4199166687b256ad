import { describe, expect, it } from 'vitest';
import type { Position } from '../../shared/positions.js';
import { signal, useTestEngines } from '../support/engine-fixture.js';
import { actions } from '../support/fake-solana-rpc.js';
import { useLiveEnv, type LiveEnv } from '../support/live-trader-env.js';

/**
 * Live sells of a position bought live, through the engine's sell coordinator and the real
 * ledger, on the scripted node: a sell that lands closes the position with the SOL read from
 * the chain; an unknown sell blocks the position, is never a second transaction, and is
 * settled from the chain; a sell that lands with an error is retried (a new transaction each
 * time, since the failed one can never land again) until one succeeds.
 */
const engineFor = useTestEngines();
const liveEnv = useLiveEnv();

async function boughtPosition() {
  const env = await liveEnv({ trader: { confirm: { deadlineMs: 5_000 } } });
  const te = await engineFor({ clock: env.clock, trader: env.trader, instanceId: 'i-sell' });
  const mint = env.newMint();
  expect((await env.drive(te.engine.coordinator.requestBuy(signal(mint.toBase58())))).outcome).toBe('bought');
  const list = async () => (await te.engine.port.handlers['positions.list']({ includeClosed: true, limit: 10 })).positions as Position[];
  const position = () => list().then((all) => all.find((p) => p.mint === mint.toBase58())!);
  const [bought] = await list();
  expect(bought).toMatchObject({ status: 'open', tokensHeld: 3_000 });
  return { env, te, mint, position, positionId: bought!.id };
}

/** Resolves once `condition` holds, looked at every 100 ms of the env's clock (driven by env.drive). */
function onClock(env: LiveEnv, condition: () => Promise<boolean>): Promise<void> {
  return new Promise((resolve, reject) => {
    const look = () => {
      condition().then((held) => (held ? resolve() : env.clock.setTimeout(look, 100)), reject);
    };
    look();
  });
}

describe('live sells of a live position, through the sell coordinator', () => {
  it('sell all: lands, the position is closed with the SOL the chain shows, the wallet holds none', async () => {
    const { env, te, mint, position, positionId } = await boughtPosition();
    te.engine.port.handlers['positions.sell']({ positionId, percent: 100 });
    await env.drive(onClock(env, async () => (await position()).status === 'closed'));
    const closed = await position();
    // 3 000 tokens → 10^8 lamports at the test venue's rate, less 7 000 in fees; cost was 0.100007.
    expect(closed).toMatchObject({ status: 'closed', tokensHeld: 0 });
    expect(closed.realizedSol).toBeCloseTo(0.099993 - 0.100007, 9);
    expect(env.server.tokenBalanceOf(env.signer.publicKey, mint)).toBe(0n);
    expect(env.server.distinctSignatures(mint)).toBe(2);
  });

  it('unknown sell: the position is held (no second sell), one signature, then settled from the chain', async () => {
    const { env, te, mint, position, positionId } = await boughtPosition();
    let sellSignature: string | undefined;
    env.server.script = (sent) => {
      sellSignature ??= sent.signature;
      if (sent.signature !== sellSignature) return undefined;
      // The send hangs and the node sees nothing of it for 20 blocks (8 s), past the trader's 5 s.
      return sent.nth === 0 ? actions.hang({ afterBlocks: 20 }) : actions.dropped();
    };
    te.engine.port.handlers['positions.sell']({ positionId, percent: 100 });
    await env.drive(onClock(env, async () => (await position()).sell?.status === 'unknown'));
    expect(() => te.engine.port.handlers['positions.sell']({ positionId, percent: 50 })).toThrow();
    expect(env.server.distinctSignatures(mint)).toBe(2);
    await env.drive(onClock(env, async () => (await position()).status === 'closed'));
    expect(await position()).toMatchObject({ status: 'closed', tokensHeld: 0 });
    expect(env.server.distinctSignatures(mint)).toBe(2);
  });

  it('a sell landing with TooLittleSolReceived twice: retried with a new transaction each time, the third closes it', async () => {
    const { env, te, mint, position, positionId } = await boughtPosition();
    let sells = 0;
    env.server.script = (sent) => {
      if (sent.nth > 0) return undefined;
      sells += 1;
      return sells <= 2 ? actions.landWithError({ InstructionError: [2, { Custom: 6003 }] }) : undefined;
    };
    te.engine.port.handlers['positions.sell']({ positionId, percent: 100 });
    await env.drive(onClock(env, async () => (await position()).sell?.status === 'retrying'));
    expect((await position()).sell?.lastError).toContain('6003 (TooLittleSolReceived');
    await env.drive(onClock(env, async () => (await position()).status === 'closed'));
    expect(sells).toBe(3);
    expect(env.server.distinctSignatures(mint)).toBe(4);
    expect(env.server.tokenBalanceOf(env.signer.publicKey, mint)).toBe(0n);
  });
});
