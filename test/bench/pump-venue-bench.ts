import { TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey, type AccountInfo } from '@solana/web3.js';
import BN from 'bn.js';
import { performance } from 'node:perf_hooks';
import { pumpSdk } from '../../electron/core/feeds/pump-sdk.js';
import { PumpCurveVenue } from '../../electron/core/live/pump/pump-curve-venue.js';
import { defaultBondingCurve, defaultGlobal, encodeBondingCurve, pumpCoinAccounts, pumpProgramAccounts, type FakeAccount } from '../support/pump-accounts.js';
import { report, summarize } from './bench-report.js';

/** A Connection stand-in answering from memory: the venue's own cost, with the chain state cached. */
function cachedReads(accounts: FakeAccount[]) {
  const byKey = new Map<string, AccountInfo<Buffer>>(
    accounts.map((a) => [a.pubkey.toBase58(), { data: a.data, owner: a.owner, lamports: a.lamports, executable: false }]),
  );
  return {
    add: (more: FakeAccount[]) => more.forEach((a) => byKey.set(a.pubkey.toBase58(), { data: a.data, owner: a.owner, lamports: a.lamports, executable: false })),
    getMultipleAccountsInfo: async (keys: PublicKey[]) => keys.map((k) => byKey.get(k.toBase58()) ?? null),
  };
}

/**
 * - `pump-plan-buy`: PumpCurveVenue.planBuy of a Token-2022 coin with every account already in
 *   memory (no RPC): decoding, the quote, the SDK's builder and reading the bounds back. `freshMint`
 *   is a new mint each time (a sniper's case), `sameMint` one mint again and again.
 *   Address derivations are remembered (program-address-memo.ts), as in the app.
 * - `pump-sdk-build`: the SDK's buyInstructions alone for a mint never seen, and one PDA derivation
 *   not remembered (findProgramAddressSync: a SHA-256 and an ed25519 on-curve check per bump tried,
 *   in JavaScript) for scale.
 */
export async function runPumpVenueBench(quick: boolean): Promise<void> {
  const n = quick ? 100 : 2_000;
  const warm = quick ? 20 : 200;
  const user = Keypair.generate().publicKey;
  const reads = cachedReads(pumpProgramAccounts());
  const venue = new PumpCurveVenue(reads);
  const request = (mint: PublicKey) => ({ mint, user, solLamports: 100_000_000n, slippagePct: 1 });

  const mints = Array.from({ length: n + warm }, () => Keypair.generate().publicKey);
  // Each coin its own creator, as on chain: the creator vault is derived afresh for every coin.
  for (const mint of mints) {
    reads.add(pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_2022_PROGRAM_ID, curve: defaultBondingCurve({ creator: Keypair.generate().publicKey }) }));
  }
  const fresh: number[] = [];
  for (const [i, mint] of mints.entries()) {
    const t = performance.now();
    await venue.planBuy(request(mint));
    if (i >= warm) fresh.push(performance.now() - t);
  }
  const same: number[] = [];
  for (let i = 0; i < n + warm; i += 1) {
    const t = performance.now();
    await venue.planBuy(request(mints[0]!));
    if (i >= warm) same.push(performance.now() - t);
  }
  report('pump-plan-buy', { freshMint: summarize(fresh), sameMint: summarize(same) });

  const global = defaultGlobal();
  const curve = defaultBondingCurve();
  const curveInfo = { data: encodeBondingCurve(curve), owner: pumpSdk.PUMP_PROGRAM_ID, lamports: 1, executable: false };
  const build: number[] = [];
  const derive: number[] = [];
  // Mints never seen: the SDK's per-coin derivations and the one PDA are computed, not remembered.
  const unseen = Array.from({ length: n + warm }, () => Keypair.generate().publicKey);
  for (const [i, mint] of unseen.entries()) {
    const other = Keypair.generate().publicKey;
    let t = performance.now();
    await pumpSdk.PUMP_SDK.buyInstructions({
      global,
      bondingCurveAccountInfo: curveInfo,
      bondingCurve: curve,
      associatedUserAccountInfo: null,
      mint,
      user,
      amount: new BN(1_000_000),
      solAmount: new BN(100_000_000),
      slippage: 1,
      tokenProgram: TOKEN_2022_PROGRAM_ID,
    });
    const buildMs = performance.now() - t;
    t = performance.now();
    PublicKey.findProgramAddressSync([Buffer.from('bonding-curve'), other.toBuffer()], pumpSdk.PUMP_PROGRAM_ID);
    const deriveMs = performance.now() - t;
    if (i < warm) continue;
    build.push(buildMs);
    derive.push(deriveMs);
  }
  report('pump-sdk-build', { buyInstructions: summarize(build), onePda: summarize(derive) });
}
