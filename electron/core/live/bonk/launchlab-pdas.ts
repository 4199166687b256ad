import { PublicKey } from '@solana/web3.js';
import { LAUNCHLAB_PROGRAM_ID } from './launchlab-layout.js';

/**
 * LaunchLab's program-derived addresses, with the seeds its IDL gives (and Raydium's SDK
 * derives the same way; the tests compare). A derivation is hashing plus an on-curve check in
 * pure JS, ~0.2 ms and far more under load, and a buy names eight derived addresses: the ones
 * that never change for a program, a platform or a wallet are remembered (an address derived
 * from fixed seeds cannot go stale), the per-mint ones are derived per trade.
 */
const seed = (text: string): Buffer => Buffer.from(text, 'utf8');

function pda(seeds: (Buffer | Uint8Array)[], programId: PublicKey): PublicKey {
  return PublicKey.findProgramAddressSync(seeds, programId)[0];
}

/** Remembers derived addresses by their seeds; bounded, as a long-running process meets many keys. */
export class DerivedAddresses {
  private readonly known = new Map<string, PublicKey>();

  constructor(private readonly limit = 1_024) {}

  get(key: string, derive: () => PublicKey): PublicKey {
    const hit = this.known.get(key);
    if (hit) return hit;
    const address = derive();
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(key, address);
    return address;
  }
}

const remembered = new DerivedAddresses();

/** The pool of a base mint quoted in `quoteMint` (bonk.fun: WSOL). */
export function poolAddress(baseMint: PublicKey, quoteMint: PublicKey, programId = LAUNCHLAB_PROGRAM_ID): PublicKey {
  return pda([seed('pool'), baseMint.toBuffer(), quoteMint.toBuffer()], programId);
}

/** A pool's vault of one of its two mints. */
export function poolVaultAddress(pool: PublicKey, mint: PublicKey, programId = LAUNCHLAB_PROGRAM_ID): PublicKey {
  return pda([seed('pool_vault'), pool.toBuffer(), mint.toBuffer()], programId);
}

/** The authority over every pool's vaults (`authority` in buy/sell). */
export function vaultAuthorityAddress(programId = LAUNCHLAB_PROGRAM_ID): PublicKey {
  return remembered.get(`auth:${programId.toBase58()}`, () => pda([seed('vault_auth_seed')], programId));
}

/** Anchor's event-CPI authority (`event_authority` in buy/sell). */
export function eventAuthorityAddress(programId = LAUNCHLAB_PROGRAM_ID): PublicKey {
  return remembered.get(`event:${programId.toBase58()}`, () => pda([seed('__event_authority')], programId));
}

/** Where a platform's fees in `quoteMint` accrue since the creator-fee upgrade (a remaining account of buy/sell). */
export function platformFeeVaultAddress(platformConfig: PublicKey, quoteMint: PublicKey, programId = LAUNCHLAB_PROGRAM_ID): PublicKey {
  return remembered.get(`platform-fees:${programId.toBase58()}:${platformConfig.toBase58()}:${quoteMint.toBase58()}`, () =>
    pda([platformConfig.toBuffer(), quoteMint.toBuffer()], programId),
  );
}

/** Where a pool creator's fees in `quoteMint` accrue (a remaining account of buy/sell). */
export function creatorFeeVaultAddress(creator: PublicKey, quoteMint: PublicKey, programId = LAUNCHLAB_PROGRAM_ID): PublicKey {
  return pda([creator.toBuffer(), quoteMint.toBuffer()], programId);
}
