import { describe, expect, it } from 'vitest';
import {
  BONK_PLATFORM_IDS_ENV,
  DEFAULT_BONK_PLATFORM_IDS,
  bonkPlatformIdsFromEnv,
  parseBonkPlatformIds,
} from '../../../../../electron/core/live/bonk/bonk-platforms.js';
import { LAUNCHLAB_BONK_INITIAL } from '../../../../../electron/core/feeds/curve-params.js';
import { BONK_DEFAULT_CURVE } from '../../../../support/launchlab-accounts.js';

describe('bonk.fun platform ids', () => {
  it('defaults to the known bonk.fun platform configs', () => {
    expect(bonkPlatformIdsFromEnv({}).map((k) => k.toBase58())).toEqual([...DEFAULT_BONK_PLATFORM_IDS]);
    expect(DEFAULT_BONK_PLATFORM_IDS).toContain('FfYek5vEz23cMkWsdJwG2oa6EphsvXSHrGpdALN4g6W1');
  });

  it('the environment replaces the list (comma-separated, spaces allowed)', () => {
    const env = { [BONK_PLATFORM_IDS_ENV]: ' 4Bu96XjU84XjPDSpveTVf6LYGCkfW5FK7SNkREWcEfV4 , FfYek5vEz23cMkWsdJwG2oa6EphsvXSHrGpdALN4g6W1' };
    expect(bonkPlatformIdsFromEnv(env).map((k) => k.toBase58())).toEqual([
      '4Bu96XjU84XjPDSpveTVf6LYGCkfW5FK7SNkREWcEfV4',
      'FfYek5vEz23cMkWsdJwG2oa6EphsvXSHrGpdALN4g6W1',
    ]);
  });

  it('a malformed id is an error naming it, an empty list is refused', () => {
    expect(() => parseBonkPlatformIds(['FfYek5vEz23cMkWsdJwG2oa6EphsvXSHrGpdALN4g6W1', 'not-an-address!'])).toThrow(
      /bonk.fun platform id "not-an-address!" is not a base58 Solana address/,
    );
    expect(() => bonkPlatformIdsFromEnv({ [BONK_PLATFORM_IDS_ENV]: ' , ' })).toThrow(/list is empty/);
  });

  it('the paper trader’s float curve is the same bonk.fun curve the live venue trades (initial virtual reserves)', () => {
    expect(LAUNCHLAB_BONK_INITIAL.vSol).toBe(Number(BONK_DEFAULT_CURVE.virtualQuote) / 1e9);
    expect(LAUNCHLAB_BONK_INITIAL.vTokens).toBe(Number(BONK_DEFAULT_CURVE.virtualBase) / 1e6);
  });
});
