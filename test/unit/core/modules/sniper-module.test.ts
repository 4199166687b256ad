import { describe, expect, it } from 'vitest';
import type { FeedEvent, LaunchEvent } from '../../../../shared/feed-events.js';
import { ModuleSettingsError } from '../../../../electron/core/modules/module-filters.js';
import { SniperModule, sniperFilterDefaults } from '../../../../electron/core/modules/sniper-module.js';
import { address, failedFilters, filterNamed, moduleSettings, only, parsed } from './fixtures.js';

const NOW = 1_700_000_000_000;
const mint = address(1);
const creator = address(2);

function launch(overrides: Partial<LaunchEvent> = {}): LaunchEvent {
  return {
    kind: 'launch',
    at: NOW - 2_000,
    platform: 'pump.fun',
    mint,
    creator,
    name: 'Pepe Moon',
    symbol: 'PMOON',
    initialBuySol: 1.5,
    marketCapSol: 32.1,
    ...overrides,
  };
}

describe('SniperModule', () => {
  it('yields one signal per launch with every filter passing under the defaults', () => {
    const sniper = new SniperModule(moduleSettings({}, 0.25));
    const signal = only(sniper.onEvent(launch(), NOW));
    expect(signal).toMatchObject({ module: 'sniper', mint, platform: 'pump.fun', symbol: 'PMOON', creator, solAmount: 0.25 });
    expect(failedFilters(signal)).toEqual([]);
    expect(signal.filters.map((f) => f.filter)).toEqual([
      'platform',
      'name-include',
      'name-exclude',
      'creator-allow',
      'creator-deny',
      'initial-buy',
      'market-cap',
      'age',
    ]);
    expect(signal.metrics).toEqual({ ageSeconds: 2, initialBuySol: 1.5, marketCapSol: 32.1 });
    expect(signal.reason).toContain('PMOON');
    expect(signal.reason).toContain('1.5 SOL');
    expect(signal.reason).toContain('32.1 SOL');
    expect(signal.reason).toContain(`${creator.slice(0, 4)}…${creator.slice(-2)}`);
  });

  it('ignores everything that is not a launch', () => {
    const sniper = new SniperModule(moduleSettings());
    const events: FeedEvent[] = [
      { kind: 'trade', at: NOW, platform: 'pump.fun', mint, wallet: creator, side: 'buy', solAmount: 50, tokenAmount: 1 },
      { kind: 'migration', at: NOW, mint },
      { kind: 'trending', at: NOW, source: 'sim', mint },
    ];
    for (const event of events) expect(sniper.onEvent(event, NOW)).toEqual([]);
  });

  it.each([
    ['platform', { platforms: ['bonk.fun'] }, {}, 'pump.fun not in allowed [bonk.fun]'],
    ['name-include', { nameInclude: '^dog' }, {}, '"Pepe Moon" / "PMOON" does not match /^dog/i'],
    ['name-exclude', { nameExclude: 'moon' }, {}, '"Pepe Moon" / "PMOON" matches /moon/i'],
    ['creator-allow', { creatorAllow: [address(3)] }, {}, 'not on the allow list (1 creators)'],
    ['creator-allow', { creatorAllow: [address(3)] }, { creator: undefined }, 'creator unknown not on the allow list'],
    ['creator-deny', { creatorDeny: [creator] }, {}, 'is on the deny list'],
    ['initial-buy', { minInitialBuySol: 2 }, {}, '1.5 SOL < min 2 SOL'],
    ['initial-buy', { maxInitialBuySol: 1 }, {}, '1.5 SOL > max 1 SOL'],
    ['initial-buy', { minInitialBuySol: 0.5 }, { initialBuySol: undefined }, 'creator initial buy unknown (min 0.5 SOL)'],
    ['market-cap', { minMarketCapSol: 40 }, {}, '32.1 SOL < min 40 SOL'],
    ['market-cap', { maxMarketCapSol: 30 }, {}, '32.1 SOL > max 30 SOL'],
    ['age', { maxAgeSeconds: 1 }, {}, 'launch 2.0 s old > max 1 s'],
  ] as const)('a failing %s filter still yields the signal, marked failed (%j)', (name, filters, event, detail) => {
    const sniper = new SniperModule(moduleSettings(filters));
    const signal = only(sniper.onEvent(launch(event), NOW));
    expect(failedFilters(signal)).toEqual([name]);
    expect(filterNamed(signal, name).detail).toContain(detail);
  });

  it('matches include and exclude patterns against the symbol too, case-insensitively', () => {
    const sniper = new SniperModule(moduleSettings({ nameInclude: 'pmoon$', nameExclude: 'rug' }));
    expect(failedFilters(only(sniper.onEvent(launch({ name: 'Something' }), NOW)))).toEqual([]);
    const rug = only(sniper.onEvent(launch({ symbol: 'RUG', name: 'pmoon' }), NOW));
    expect(failedFilters(rug)).toEqual(['name-exclude']);
  });

  it('passes a creator on the allow list and min/max bounds at exactly the limit', () => {
    const sniper = new SniperModule(
      moduleSettings({ creatorAllow: [creator], minInitialBuySol: 1.5, maxInitialBuySol: 1.5, maxMarketCapSol: 32.1, maxAgeSeconds: 2 }),
    );
    const signal = only(sniper.onEvent(launch(), NOW));
    expect(failedFilters(signal)).toEqual([]);
    expect(filterNamed(signal, 'creator-allow').detail).toContain('is on the allow list');
  });

  it('marks launches replayed late as stale', () => {
    const sniper = new SniperModule(moduleSettings());
    const stale = only(sniper.onEvent(launch({ at: NOW - 60_000 }), NOW));
    expect(filterNamed(stale, 'age')).toEqual({ filter: 'age', passed: false, detail: 'launch 60.0 s old > max 15 s' });
    expect(stale.metrics.ageSeconds).toBe(60);
  });

  it('applies settings changed live on the next event', () => {
    const sniper = new SniperModule(moduleSettings({}, 0.1));
    expect(failedFilters(only(sniper.onEvent(launch(), NOW)))).toEqual([]);
    sniper.configure(moduleSettings({ minMarketCapSol: 100 }, 0.3));
    const signal = only(sniper.onEvent(launch(), NOW));
    expect(failedFilters(signal)).toEqual(['market-cap']);
    expect(signal.solAmount).toBe(0.3);
  });

  it('refuses invalid settings with a clear message and keeps the running ones', () => {
    const sniper = new SniperModule(moduleSettings({ minMarketCapSol: 100 }));
    expect(() => sniper.configure(moduleSettings({ nameInclude: '(unclosed' }))).toThrow(
      'Invalid sniper filters:\n✖ not a valid regular expression\n  → at nameInclude',
    );
    expect(() => sniper.configure(moduleSettings({ creatorDeny: ['not-an-address'] }))).toThrow(/✖ not a Solana address.*\n {2}→ at creatorDeny\[0\]/);
    expect(() => sniper.configure(moduleSettings({ platforms: ['raydium'] }))).toThrow(ModuleSettingsError);
    expect(() => sniper.configure(moduleSettings({ minMarketCap: 5 }))).toThrow(/Unrecognized key.*minMarketCap/);
    expect(() => sniper.configure(moduleSettings({ maxAgeSeconds: -1 }))).toThrow(/maxAgeSeconds/);
    expect(() => new SniperModule(moduleSettings({ nameExclude: '[' }))).toThrow(ModuleSettingsError);
    expect(failedFilters(only(sniper.onEvent(launch(), NOW)))).toEqual(['market-cap']);
  });

  it('keeps signals inside the contract for long names and missing data', () => {
    const sniper = new SniperModule(moduleSettings());
    const [signal] = parsed(
      sniper.onEvent(launch({ name: 'x'.repeat(200), symbol: 'S'.repeat(64), creator: undefined, initialBuySol: undefined, marketCapSol: undefined }), NOW),
    );
    expect(signal?.symbol).toHaveLength(32);
    expect(signal?.creator).toBeUndefined();
    expect(signal?.metrics).toEqual({ ageSeconds: 2 });
  });

  it('exports its defaults', () => {
    expect(sniperFilterDefaults).toEqual({
      platforms: ['pump.fun', 'bonk.fun'],
      nameInclude: '',
      nameExclude: '',
      creatorAllow: [],
      creatorDeny: [],
      minInitialBuySol: 0,
      maxInitialBuySol: null,
      minMarketCapSol: 0,
      maxMarketCapSol: null,
      maxAgeSeconds: 15,
    });
  });
});
