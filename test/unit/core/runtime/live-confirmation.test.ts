import { describe, expect, it } from 'vitest';
import { checkLiveConfirmation } from '../../../../electron/core/runtime/live-confirmation.js';
import { StartRefusedError } from '../../../../electron/core/runtime/start-refused.js';

const key = '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T';

describe('the typed confirmation of live trading', () => {
  it('the whole public key or exactly its first 8 characters confirm', () => {
    expect(() => checkLiveConfirmation(key, key, '/k.json')).not.toThrow();
    expect(() => checkLiveConfirmation(key, key.slice(0, 8), '/k.json')).not.toThrow();
  });

  it.each([
    ['another wallet', '7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU'],
    ['a shorter prefix', key.slice(0, 7)],
    ['a longer prefix', key.slice(0, 12)],
    ['the end of the key', key.slice(-8)],
    ['a different case', key.slice(0, 8).toLowerCase()],
  ])('%s is refused, saying what to type', (_label, typed) => {
    expect(() => checkLiveConfirmation(key, typed, '/k.json')).toThrow(StartRefusedError);
    expect(() => checkLiveConfirmation(key, typed, '/k.json')).toThrow(`--confirm-live does not name the wallet in /k.json: its public key is ${key}. To trade live with this wallet, add --confirm-live 4Nd1mBQt (or the whole key)`);
  });
});
