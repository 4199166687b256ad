import { PublicKey } from '@solana/web3.js';
import { LAUNCHLAB_PROGRAM_ID } from './launchlab-layout.js';

/**
 * LaunchLab's program-derived addresses, with the seeds its IDL gives (and Raydium's SDK
 * derives the same way; the tests compare). Derivation is a few hash rounds each: the venue
 * derives per trade, nothing is cached that could go stale across program upgrades.
 */
const seed = (text: string): Buffer => Buffer.from(text, 'utf8');

function pda(seeds: (Buffer | Uint8Array)[], programId: PublicKey): PublicKey {
  return PublicKey.findProgramAddressSync(seeds, programId)[0];
}

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
  return pda([seed('vault_auth_seed')], programId);
}

/** Anchor's event-CPI authority (`event_authority` in buy/sell). */
export function eventAuthorityAddress(programId = LAUNCHLAB_PROGRAM_ID): PublicKey {
  return pda([seed('__event_authority')], programId);
}

/** Where a platform's fees in `quoteMint` accrue since the creator-fee upgrade (a remaining account of buy/sell). */
export function platformFeeVaultAddress(platformConfig: PublicKey, quoteMint: PublicKey, programId = LAUNCHLAB_PROGRAM_ID): PublicKey {
  return pda([platformConfig.toBuffer(), quoteMint.toBuffer()], programId);
}

/** Where a pool creator's fees in `quoteMint` accrue (a remaining account of buy/sell). */
export function creatorFeeVaultAddress(creator: PublicKey, quoteMint: PublicKey, programId = LAUNCHLAB_PROGRAM_ID): PublicKey {
  return pda([creator.toBuffer(), quoteMint.toBuffer()], programId);
}
