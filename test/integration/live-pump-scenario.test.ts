import { TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, VersionedTransaction } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { pumpSdk } from '../../electron/core/feeds/pump-sdk.js';
import { PumpVenueRouter } from '../../electron/core/live/pump/pump-router.js';
import { readHistory, signal, useTestEngines } from '../support/engine-fixture.js';
import { actions } from '../support/fake-solana-rpc.js';
import { useLiveEnv } from '../support/live-trader-env.js';
import { pumpCoinAccounts, pumpProgramAccounts, serveAccounts } from '../support/pump-accounts.js';

/**
 * The live trader with the real pump.fun venue (the SDK's builders, through the router on the
 * client's Connection) against the scripted node: what is signed carries pump.fun's buy, and a
 * landed TooMuchSolRequired is named by the pump.fun program's own error table.
 */
const engineFor = useTestEngines();
const liveEnv = useLiveEnv();

async function setup() {
  const env = await liveEnv({ router: (rpc) => new PumpVenueRouter({ connection: rpc.connection() }), trader: { confirm: { deadlineMs: 5_000 } } });
  const te = await engineFor({ clock: env.clock, trader: env.trader, instanceId: 'i-pump' });
  const mint = Keypair.generate().publicKey;
  // A create_v2 coin: its mint is a Token-2022 account.
  env.server.addMint(mint, { decimals: 6, programId: TOKEN_2022_PROGRAM_ID });
  serveAccounts(env.server, [...pumpProgramAccounts(), ...pumpCoinAccounts({ mint, user: env.signer.publicKey, tokenProgram: TOKEN_2022_PROGRAM_ID })]);
  return { env, te, mint };
}

describe('a live pump.fun buy through the coordinator, on the scripted node', () => {
  it('signs pump.fun buy instructions (Token-2022), lands, and records the fill read from the meta', async () => {
    const { env, te, mint } = await setup();
    env.server.script = (sent) => (sent.nth === 0 ? actions.land({ solDelta: -100_000_000n, tokenDelta: 3_500_000_000_000n }) : undefined);
    const update = await env.drive(te.engine.coordinator.requestBuy(signal(mint.toBase58())));
    expect(update).toMatchObject({ outcome: 'bought' });
    const sendCall = env.server.calls.find((c) => c.method === 'sendTransaction')!;
    const tx = VersionedTransaction.deserialize(Buffer.from(sendCall.params[0] as string, 'base64'));
    const programs = tx.message.compiledInstructions.map((ix) => tx.message.staticAccountKeys[ix.programIdIndex]!.toBase58());
    expect(programs).toContain(pumpSdk.PUMP_PROGRAM_ID.toBase58());
    expect(programs.slice(0, 2)).toEqual(['ComputeBudget111111111111111111111111111111', 'ComputeBudget111111111111111111111111111111']);
    expect(tx.message.staticAccountKeys.map((k) => k.toBase58())).toContain(TOKEN_2022_PROGRAM_ID.toBase58());
    // 0.1 SOL + 5 000 signature + 2 000 priority; 3.5 M tokens of 6 decimals.
    expect(readHistory(te.dataDir)[mint.toBase58()]).toMatchObject([{ solSpent: 0.100007, tokens: 3_500_000 }]);
    expect(env.server.distinctSignatures(mint)).toBe(1);
  });

  it('landed with 6002 on the pump.fun instruction: failed, named TooMuchSolRequired by the venue', async () => {
    const { env, te, mint } = await setup();
    env.server.script = (sent) => {
      const keys = sent.transaction.message.staticAccountKeys;
      const index = sent.transaction.message.compiledInstructions.findIndex((ix) => keys[ix.programIdIndex]!.equals(pumpSdk.PUMP_PROGRAM_ID));
      return sent.nth === 0 ? actions.landWithError({ InstructionError: [index, { Custom: 6002 }] }) : undefined;
    };
    const update = await env.drive(te.engine.coordinator.requestBuy(signal(mint.toBase58())));
    expect(update).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('TooMuchSolRequired') });
    expect(readHistory(te.dataDir)[mint.toBase58()]).toBeUndefined();
  });
});
