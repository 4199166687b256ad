import { describe, expect, it } from 'vitest';
import type { FeedEvent, TradeEvent } from '../../../../shared/feed-events.js';
import { WhaleCopyModule, whaleCopyFilterDefaults } from '../../../../electron/core/modules/whale-copy-module.js';
import { address, failedFilters, filterNamed, moduleSettings, only } from './fixtures.js';

const NOW = 1_700_000_000_000;
const mint = address(10);
const whale = address(11);
const otherWhale = address(12);
const stranger = address(13);

function buy(overrides: Partial<TradeEvent> = {}): TradeEvent {
  return {
    kind: 'trade',
    at: NOW,
    platform: 'pump.fun',
    mint,
    wallet: whale,
    side: 'buy',
    solAmount: 12.5,
    tokenAmount: 1_000_000,
    marketCapSol: 80,
    ...overrides,
  };
}

const watched = (extra: Record<string, unknown> = {}) => ({
  wallets: [
    { address: whale, label: 'Big Fish', minSol: 5 },
    { address: otherWhale, solAmount: 0.7 },
  ],
  ...extra,
});

describe('WhaleCopyModule', () => {
  it('copies a watched wallet buy above its minimum, with the numbers in the reason', () => {
    const module = new WhaleCopyModule(moduleSettings(watched(), 0.2));
    const signal = only(module.onEvent(buy(), NOW));
    expect(signal).toMatchObject({ module: 'whale-copy', mint, platform: 'pump.fun', solAmount: 0.2 });
    expect(failedFilters(signal)).toEqual([]);
    expect(signal.reason).toBe(`whale Big Fish (${whale.slice(0, 4)}…${whale.slice(-2)}) bought 12.5 SOL of ${mint.slice(0, 4)}…${mint.slice(-2)} (min 5)`);
    expect(signal.metrics).toEqual({ whaleSol: 12.5, minSol: 5, marketCapSol: 80 });
    expect(filterNamed(signal, 'min-size').detail).toBe('12.5 SOL >= min 5 SOL');
  });

  it('yields nothing for unwatched wallets, sells, disabled wallets and other events', () => {
    const module = new WhaleCopyModule(
      moduleSettings({ wallets: [{ address: whale }, { address: otherWhale, enabled: false }] }),
    );
    const events: FeedEvent[] = [
      buy({ wallet: stranger }),
      buy({ side: 'sell' }),
      buy({ wallet: otherWhale }),
      { kind: 'launch', at: NOW, platform: 'pump.fun', mint, creator: whale },
      { kind: 'trending', at: NOW, source: 'sim', mint },
    ];
    for (const event of events) expect(module.onEvent(event, NOW)).toEqual([]);
    expect(module.onEvent(buy(), NOW)).toHaveLength(1);
  });

  it('still signals a watched buy below the minimum, with the failed size filter', () => {
    const module = new WhaleCopyModule(moduleSettings(watched()));
    const signal = only(module.onEvent(buy({ solAmount: 4.99 }), NOW));
    expect(failedFilters(signal)).toEqual(['min-size']);
    expect(filterNamed(signal, 'min-size').detail).toBe('4.99 SOL < min 5 SOL');
  });

  it('uses the module minimum for wallets without their own, and the per-wallet amount override', () => {
    const module = new WhaleCopyModule(moduleSettings(watched({ minSol: 3 }), 0.2));
    const small = only(module.onEvent(buy({ wallet: otherWhale, solAmount: 2 }), NOW));
    expect(filterNamed(small, 'min-size')).toEqual({ filter: 'min-size', passed: false, detail: '2.0 SOL < min 3 SOL' });
    expect(small.solAmount).toBe(0.7);
    expect(small.reason).toContain('(min 3)');
    const big = only(module.onEvent(buy({ wallet: otherWhale, solAmount: 3 }), NOW));
    expect(failedFilters(big)).toEqual([]);
  });

  it('fails the market-cap filter above the cap and when the cap is set but the market cap is unknown', () => {
    const module = new WhaleCopyModule(moduleSettings(watched({ maxMarketCapSol: 60 })));
    const high = only(module.onEvent(buy(), NOW));
    expect(failedFilters(high)).toEqual(['market-cap']);
    expect(filterNamed(high, 'market-cap').detail).toBe('80.0 SOL > max 60 SOL');
    const unknown = only(module.onEvent(buy({ marketCapSol: undefined }), NOW));
    expect(filterNamed(unknown, 'market-cap')).toEqual({ filter: 'market-cap', passed: false, detail: 'market cap unknown (max 60 SOL)' });
    expect(failedFilters(only(module.onEvent(buy({ marketCapSol: 60 }), NOW)))).toEqual([]);
  });

  it('applies a new watch list on the next event', () => {
    const module = new WhaleCopyModule(moduleSettings(watched()));
    expect(module.onEvent(buy({ wallet: stranger }), NOW)).toEqual([]);
    module.configure(moduleSettings({ wallets: [{ address: stranger, label: 'New' }] }));
    expect(only(module.onEvent(buy({ wallet: stranger }), NOW)).reason).toContain('whale New');
    expect(module.onEvent(buy(), NOW)).toEqual([]);
  });

  it('refuses invalid settings with a clear message and keeps the running ones', () => {
    const module = new WhaleCopyModule(moduleSettings(watched()));
    expect(() => module.configure(moduleSettings({ wallets: [{ address: 'nope' }] }))).toThrow(
      /^Invalid whale-copy filters:\n✖ not a Solana address.*\n {2}→ at wallets\[0\]\.address/,
    );
    expect(() => module.configure(moduleSettings({ wallets: [{ address: whale }, { address: whale }] }))).toThrow(
      `✖ wallet ${whale} is listed twice\n  → at wallets[1].address`,
    );
    expect(() => module.configure(moduleSettings({ minSol: -1 }))).toThrow(/minSol/);
    expect(() => module.configure(moduleSettings({ wallets: [{ address: whale, solAmount: 0 }] }))).toThrow(/→ at wallets\[0\]\.solAmount/);
    expect(only(module.onEvent(buy(), NOW)).reason).toContain('Big Fish');
  });

  it('exports its defaults', () => {
    expect(whaleCopyFilterDefaults).toEqual({ wallets: [], minSol: 1, maxMarketCapSol: null });
  });
});
