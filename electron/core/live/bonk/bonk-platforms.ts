import { PublicKey } from '@solana/web3.js';

/**
 * LaunchLab hosts many launchpads; a pool belongs to bonk.fun when its PoolState names one
 * of bonk.fun's PlatformConfig accounts. bonk.fun has launched through more than one
 * platform config over time (a bot that hard-coded the first one stopped recognising new
 * coins), so the list is configurable: pass `bonkPlatformIds` to the venue (the runtime
 * reads it from LAUNCHDESK_BONK_PLATFORM_IDS, comma-separated base58, when set).
 *
 * Where each default comes from (public code and on-chain labels found through code search,
 * each seen in more than one unrelated project):
 * - FfYek5vE…N4g6W1: the "letsbonk.fun" platform config — the address the open-source
 *   LetsBonk trading bots and the letsbonk SDK constants pass as `platform_config`, and
 *   explorers label "LetsBonk 1".
 * - BuM6KDpW…V1BW4: the second bonk.fun platform config — labelled "LetsBonk 2" by
 *   explorers and counted with the first by public bonk.fun launch dashboards.
 * - 82NMHVCK…CtTzm: bonk.fun's "Bonkers" platform config — named so next to the letsbonk
 *   config in public bonk.fun launch tools, and queried with the two above by bonk.fun
 *   screeners that list the platform's launches and graduations.
 */
export const DEFAULT_BONK_PLATFORM_IDS: readonly string[] = [
  'FfYek5vEz23cMkWsdJwG2oa6EphsvXSHrGpdALN4g6W1',
  'BuM6KDpWiTcxvrpXywWFiw45R2RNH8WURdvqoTDV1BW4',
  '82NMHVCKwehXgbXMyzL41mvv3sdkypaMCtTxvJ4CtTzm',
];

/** The environment variable that replaces the default list. */
export const BONK_PLATFORM_IDS_ENV = 'LAUNCHDESK_BONK_PLATFORM_IDS';

/** Base58 platform ids to keys; a malformed id is an error naming it, never silently dropped. */
export function parseBonkPlatformIds(ids: readonly string[]): PublicKey[] {
  const keys = ids.map((raw) => raw.trim()).filter((id) => id.length > 0).map((id) => {
    try {
      return new PublicKey(id);
    } catch {
      throw new Error(`bonk.fun platform id "${id}" is not a base58 Solana address`);
    }
  });
  if (keys.length === 0) throw new Error('the bonk.fun platform id list is empty: no pool would be recognised');
  return keys;
}

/** The list from the environment when set (comma-separated), else the defaults. */
export function bonkPlatformIdsFromEnv(env: NodeJS.ProcessEnv = process.env): PublicKey[] {
  const raw = env[BONK_PLATFORM_IDS_ENV];
  return parseBonkPlatformIds(raw === undefined ? DEFAULT_BONK_PLATFORM_IDS : raw.split(','));
}
