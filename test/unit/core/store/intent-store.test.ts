import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntentStore, type Intent } from '../../../../electron/core/store/intent-store.js';
import { confStoreFactory } from '../../../../electron/core/store/json-file-store.js';
import { UnreadableStoreError } from '../../../../electron/core/store/unreadable-store.js';
import { CountingStoreFactory } from '../../../support/counting-store-factory.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';

function intent(mint: string, extra: Partial<Intent> = {}): Intent {
  return { attemptId: `a-${mint.slice(0, 6)}`, mint, symbol: 'T', platform: 'pump.fun', module: 'sniper', solAmount: 0.1, instanceId: 'i-a', at: 1, status: 'in-flight', ...extra };
}

function refreshError(store: IntentStore): UnreadableStoreError {
  try {
    store.refresh();
  } catch (error) {
    if (error instanceof UnreadableStoreError) return error;
    throw error;
  }
  throw new Error('refresh accepted a bad intents file');
}

describe('IntentStore', () => {
  it('a second store sees puts and removes of the first, re-reading only when the file changed', () => {
    const dataDir = tempDataDir();
    const a = new IntentStore(dataDir, confStoreFactory);
    const counting = new CountingStoreFactory(confStoreFactory);
    const b = new IntentStore(dataDir, counting.factory);
    a.refresh();
    const [m1, m2] = [randomMint(), randomMint()];
    a.put(intent(m1));
    a.put(intent(m2, { status: 'unknown', signature: 'sig' }));
    b.refresh();
    b.refresh();
    expect(counting.readsOf('in-flight-intents')).toBe(1);
    expect(b.get(m2)).toEqual(intent(m2, { status: 'unknown', signature: 'sig' }));
    a.remove(m1);
    b.refresh();
    expect(counting.readsOf('in-flight-intents')).toBe(2);
    expect(b.all().map((i) => i.mint)).toEqual([m2]);
  });

  it('refuses to write before it has read: a blind write could drop other instances\' claims', () => {
    const store = new IntentStore(tempDataDir(), confStoreFactory);
    expect(() => store.put(intent(randomMint()))).toThrow(/before they were read/);
  });

  it.each([
    ['truncated JSON', '{"intents": {"abc": {"mint": '],
    ['not JSON at all', 'garbage\u0000'],
    ['an array', '[1, 2, 3]'],
    ['intents is not a map', '{"intents": [1]}'],
    ['an intent with a bad mint', '{"intents": {"x": {"attemptId": "a", "mint": "not-a-mint", "symbol": "", "platform": "pump.fun", "module": "sniper", "solAmount": 0.1, "instanceId": "i", "at": 1, "status": "in-flight"}}}'],
    ['an intent with an unknown status', `{"intents": {"x": ${JSON.stringify({ ...intent(randomMint()), status: 'maybe' })}}}`],
  ])('%s: UnreadableStoreError, a copy kept aside, the original untouched', (_label, content) => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'in-flight-intents.json');
    fs.writeFileSync(file, content);
    const store = new IntentStore(dataDir, confStoreFactory, () => 7);
    const error = refreshError(store);
    expect(error.file).toBe(file);
    expect(error.message).toContain('in-flight-intents.json cannot be read');
    expect(error.keptAt).toBe(path.join(dataDir, 'unreadable', 'in-flight-intents.json.7.bad'));
    expect(fs.readFileSync(error.keptAt!, 'utf8')).toBe(content);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    expect(refreshError(store)).toBeInstanceOf(UnreadableStoreError);
  });

  // LATENT BUG (intent-store.ts refresh/save): when a file parses as JSON but has the wrong
  // shape, `this.store` is already built, so a put() after the refused refresh writes
  // {intents: {<new one>}} over the bad file and every claim in it is lost. Not reachable
  // today (every DataDirClaims method refreshes first, which throws again), but one caller
  // that forgets would do it. Fix: remember the failed read and make save() refuse until a
  // refresh succeeds.
  it.fails('a put after a refused refresh does not overwrite the bad file', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'in-flight-intents.json');
    const content = '{"intents": [1]}';
    fs.writeFileSync(file, content);
    const store = new IntentStore(dataDir, confStoreFactory);
    expect(refreshError(store)).toBeInstanceOf(UnreadableStoreError);
    expect(() => store.put(intent(randomMint()))).toThrow();
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });

  it('a file that turns corrupt after a good read is refused on the next refresh', () => {
    const dataDir = tempDataDir();
    const store = new IntentStore(dataDir, confStoreFactory);
    store.refresh();
    store.put(intent(randomMint()));
    fs.writeFileSync(path.join(dataDir, 'in-flight-intents.json'), '{"intents":');
    expect(refreshError(store)).toBeInstanceOf(UnreadableStoreError);
  });
});
