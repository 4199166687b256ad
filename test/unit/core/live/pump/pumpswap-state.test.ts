import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import BN from 'bn.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pumpSdk } from '../../../../../electron/core/feeds/pump-sdk.js';
import { pumpSwapSdk } from '../../../../../electron/core/live/pump/pump-swap-sdk.js';
import { NoPumpSwapPoolError, readSwapState } from '../../../../../electron/core/live/pump/pumpswap-state.js';
import { canonicalPool, migratedCoinAccounts } from '../../../../support/pump-accounts.js';
import { startPumpChain, type PumpChain } from './pump-chain.js';

/** Every field as plain comparable values (keys as base58, BN as decimal strings, buffers as base64). */
function plain(value: unknown): unknown {
  if (value instanceof PublicKey) return value.toBase58();
  if (BN.isBN(value)) return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

let chain: PumpChain;
let sdk: InstanceType<typeof pumpSwapSdk.OnlinePumpAmmSdk>;
const user = Keypair.generate().publicKey;
beforeEach(async () => {
  chain = await startPumpChain();
  sdk = new pumpSwapSdk.OnlinePumpAmmSdk(chain.connection);
});
afterEach(() => chain.close());

describe('readSwapState', () => {
  for (const [label, tokenProgram, userTokens] of [
    ['Token-2022 coin, wallet holding it', TOKEN_2022_PROGRAM_ID, 5n],
    ['SPL coin, wallet without a token account', TOKEN_PROGRAM_ID, undefined],
  ] as const) {
    it(`${label}: the same state as the SDK's swapSolanaState, in one request instead of three`, async () => {
      const mint = Keypair.generate().publicKey;
      chain.set(migratedCoinAccounts({ mint, user, tokenProgram, ...(userTokens === undefined ? {} : { userTokens }) }));
      const before = chain.calls.length;
      const ours = await readSwapState(chain.connection, sdk, mint, user, 2_000);
      expect(chain.calls.slice(before)).toEqual(['getMultipleAccounts']);
      const theirs = await sdk.swapSolanaState(pumpSdk.canonicalPumpPoolPda(mint), user);
      expect(plain(ours)).toEqual(plain(theirs));
    });
  }

  it('a pool that names other vaults than its associated accounts is read the SDK’s way', async () => {
    const mint = Keypair.generate().publicKey;
    const odd = Keypair.generate().publicKey;
    // The fixture puts the base vault where the pool says it is.
    chain.set(migratedCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID, pool: canonicalPool(mint, TOKEN_PROGRAM_ID, { poolBaseTokenAccount: odd }) }));
    const before = chain.calls.length;
    const state = await readSwapState(chain.connection, sdk, mint, user, 2_000);
    expect(state.pool.poolBaseTokenAccount.equals(odd)).toBe(true);
    expect(chain.calls.slice(before).filter((m) => m === 'getMultipleAccounts').length).toBe(4);
  });

  it('no pool: NoPumpSwapPoolError', async () => {
    await expect(readSwapState(chain.connection, sdk, Keypair.generate().publicKey, user, 2_000)).rejects.toBeInstanceOf(NoPumpSwapPoolError);
  });
});
