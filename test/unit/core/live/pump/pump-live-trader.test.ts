import { TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import { ComputeBudgetProgram, Connection, Keypair, type PublicKey, type VersionedTransaction } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { pumpSdk } from '../../../../../electron/core/feeds/pump-sdk.js';
import { PumpVenueRouter } from '../../../../../electron/core/live/pump/pump-router.js';
import { pumpSwapSdk } from '../../../../../electron/core/live/pump/pump-swap-sdk.js';
import type { SellOrder } from '../../../../../electron/core/traders/trader.js';
import { actions, type SentTransaction } from '../../../../support/fake-solana-rpc.js';
import { useLiveEnv, type LiveEnv } from '../../../../support/live-trader-env.js';
import { migratedCoinAccounts, pumpCoinAccounts, pumpProgramAccounts, serveAccounts } from '../../../../support/pump-accounts.js';
import { big, instructionDecoder } from './pump-instruction-decoder.js';

/**
 * The live trader end to end on the pump.fun venues, against the fake JSON-RPC node: the
 * position's coin is a Token-2022 create_v2 coin held by the wallet; before migration its sell
 * goes to the bonding curve, after migration (curve complete, canonical pool live) to PumpSwap.
 */
const liveEnv = useLiveEnv();
const decodeAmm = instructionDecoder(pumpSwapSdk.pumpAmmJson, pumpSdk.PUMP_AMM_PROGRAM_ID);
const decodePump = instructionDecoder(pumpSdk.pumpIdl, pumpSdk.PUMP_PROGRAM_ID);
const HELD = 2_000_000_000n; // 2 000 tokens of 6 decimals

const sellOrder = (mint: PublicKey, tokens: number): SellOrder => ({
  sellId: `s-${mint.toBase58().slice(0, 6)}`,
  positionId: 'p1',
  mint: mint.toBase58(),
  platform: 'pump.fun',
  symbol: 'TEST',
  tokens,
  reason: 'take-profit',
});

interface Scene {
  env: LiveEnv;
  mint: PublicKey;
  sent: SentTransaction[];
  trader: ReturnType<LiveEnv['newTrader']>;
}

async function scene(migrated: boolean): Promise<Scene> {
  const env = await liveEnv();
  const mint = Keypair.generate().publicKey;
  const user = env.signer.publicKey;
  env.server.addMint(mint, { decimals: 6, programId: TOKEN_2022_PROGRAM_ID });
  env.server.setTokenBalance(user, mint, HELD);
  const coin = { mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, userTokens: HELD };
  serveAccounts(env.server, [...pumpProgramAccounts(), ...(migrated ? migratedCoinAccounts(coin) : pumpCoinAccounts(coin))]);
  const sent: SentTransaction[] = [];
  env.server.script = (transaction) => {
    sent.push(transaction);
    return undefined;
  };
  // What a sell does to the wallet when it lands: tokens out, SOL in (the node does not run programs).
  env.server.landEffects = () => ({ tokenDelta: -1_000_000_000n, solDelta: 400_000_000n });
  const connection = new Connection(env.server.url, { commitment: 'confirmed', wsEndpoint: env.server.wsUrl, disableRetryOnRateLimit: true });
  const trader = env.newTrader({ router: new PumpVenueRouter({ connection, readTimeoutMs: 2_000 }) });
  return { env, mint, sent, trader };
}

function programsOf(transaction: VersionedTransaction): string[] {
  const keys = transaction.message.staticAccountKeys;
  return transaction.message.compiledInstructions.map((ix) => keys[ix.programIdIndex]!.toBase58());
}

/** The instruction at `index` as a web3.js TransactionInstruction-like for the IDL decoder. */
function instructionAt(transaction: VersionedTransaction, index: number) {
  const keys = transaction.message.staticAccountKeys;
  const compiled = transaction.message.compiledInstructions[index]!;
  return {
    programId: keys[compiled.programIdIndex]!,
    data: Buffer.from(compiled.data),
    keys: compiled.accountKeyIndexes.map((i) => ({
      pubkey: keys[i]!,
      isSigner: transaction.message.isAccountSigner(i),
      isWritable: transaction.message.isAccountWritable(i),
    })),
  };
}

describe('LiveTrader on the pump.fun venues', () => {
  it('after migration the sell goes to PumpSwap: one signed transaction carrying the canonical pool sell, and the fill from the chain', async () => {
    const { env, mint, sent, trader } = await scene(true);
    const result = await env.drive(trader.sell!(sellOrder(mint, 1_000)));

    expect(result).toMatchObject({ kind: 'success', tokensSold: 1_000 });
    expect(env.server.distinctSignatures(mint)).toBe(1);
    const transaction = sent[0]!.transaction;
    const programs = programsOf(transaction);
    expect(programs).toContain(pumpSdk.PUMP_AMM_PROGRAM_ID.toBase58());
    expect(programs).not.toContain(pumpSdk.PUMP_PROGRAM_ID.toBase58());
    expect(programs[0]).toBe(ComputeBudgetProgram.programId.toBase58());
    const sell = decodeAmm(instructionAt(transaction, programs.indexOf(pumpSdk.PUMP_AMM_PROGRAM_ID.toBase58())) as never);
    expect(sell.name).toBe('sell');
    expect(big(sell.args.base_amount_in)).toBe(1_000_000_000n);
    expect(big(sell.args.min_quote_amount_out)).toBeGreaterThan(0n);
    expect(sell.accounts.pool!.pubkey.equals(pumpSdk.canonicalPumpPoolPda(mint))).toBe(true);
    expect(sell.accounts.base_token_program!.pubkey.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
    expect(sell.accounts.user!.pubkey.equals(env.signer.publicKey) && sell.accounts.user!.isSigner).toBe(true);
  });

  it('before migration the same sell goes to the bonding curve', async () => {
    const { env, mint, sent, trader } = await scene(false);
    const result = await env.drive(trader.sell!(sellOrder(mint, 1_000)));

    expect(result).toMatchObject({ kind: 'success', tokensSold: 1_000 });
    const programs = programsOf(sent[0]!.transaction);
    expect(programs).not.toContain(pumpSdk.PUMP_AMM_PROGRAM_ID.toBase58());
    const sell = decodePump(instructionAt(sent[0]!.transaction, programs.indexOf(pumpSdk.PUMP_PROGRAM_ID.toBase58())) as never);
    expect(sell.name).toBe('sell');
    expect(big(sell.args.amount)).toBe(1_000_000_000n);
  });

  it('a PumpSwap sell that lands with ExceededSlippage is a failure named by PumpSwap, and is not re-sent', async () => {
    const { env, mint, sent, trader } = await scene(true);
    env.server.script = (transaction) => {
      sent.push(transaction);
      const index = programsOf(transaction.transaction).indexOf(pumpSdk.PUMP_AMM_PROGRAM_ID.toBase58());
      return actions.landWithError({ InstructionError: [index, { Custom: 6004 }] });
    };
    const result = await env.drive(trader.sell!(sellOrder(mint, 1_000)));

    expect(result.kind).toBe('failure');
    expect(result.kind === 'failure' && result.error).toMatch(/ExceededSlippage: the price moved past your slippage on PumpSwap/);
    expect(env.server.distinctSignatures(mint)).toBe(1);
  });

  it('a buy of a Token-2022 coin on its curve: one signed transaction, the buy bounded by max_sol_cost = amount × (1 + slippage)', async () => {
    const { env, mint, sent, trader } = await scene(false);
    env.server.landEffects = () => ({ tokenDelta: 3_000_000_000n, solDelta: -100_000_000n });
    const result = await env.drive(
      trader.buy({ attemptId: 'a1', mint: mint.toBase58(), platform: 'pump.fun', symbol: 'TEST', solAmount: 0.1 }),
    );

    expect(result).toMatchObject({ kind: 'success', tokens: 3_000 });
    expect(env.server.distinctSignatures(mint)).toBe(1);
    const transaction = sent[0]!.transaction;
    const programs = programsOf(transaction);
    const buy = decodePump(instructionAt(transaction, programs.indexOf(pumpSdk.PUMP_PROGRAM_ID.toBase58())) as never);
    expect(buy.name).toBe('buy');
    const tenths = BigInt(Math.round(env.execution.slippagePct * 10));
    expect(big(buy.args.max_sol_cost)).toBe(100_000_000n + (100_000_000n * tenths) / 1_000n);
    expect(buy.accounts.token_program!.pubkey.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
  });

  it('a buy of a migrated coin is refused before anything is signed or sent', async () => {
    const { env, mint, sent, trader } = await scene(true);
    const result = await env.drive(
      trader.buy({ attemptId: 'a1', mint: mint.toBase58(), platform: 'pump.fun', symbol: 'TEST', solAmount: 0.1 }),
    );
    expect(result.kind).toBe('failure');
    expect(result.kind === 'failure' && result.error).toMatch(/BondingCurveComplete/);
    expect(sent).toHaveLength(0);
  });
});
