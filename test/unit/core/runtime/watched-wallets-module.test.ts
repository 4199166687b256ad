import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { WhaleCopyModule } from '../../../../electron/core/modules/whale-copy-module.js';
import { WatchedWalletsModule } from '../../../../electron/core/runtime/watched-wallets-module.js';
import type { FeedEvent } from '../../../../shared/feed-events.js';
import type { ModuleSettings } from '../../../../shared/settings.js';

const address = () => Keypair.generate().publicKey.toBase58();
const settings = (filters: Record<string, unknown> = {}, enabled = true): ModuleSettings => ({
  enabled, solAmount: 0.1, dailyBudgetSol: 5, requireApproval: false, filters, exits: { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 },
});
const buy = (wallet: string): FeedEvent => ({
  kind: 'trade', at: 1, platform: 'pump.fun', mint: address(), wallet, side: 'buy', solAmount: 5, tokenAmount: 1,
});

function wrap(initial: ModuleSettings, fallbackWallets: string[] = []) {
  const seen: string[][] = [];
  const module = new WatchedWalletsModule(new WhaleCopyModule(initial), { fallbackWallets, onWatched: (w) => seen.push(w) });
  return { module, seen };
}

describe('WatchedWalletsModule', () => {
  it('watches the fallback wallets while settings list none, and says so', () => {
    const whales = [address(), address()];
    const { module, seen } = wrap(settings(), whales);
    module.configure(settings());
    expect(seen.at(-1)).toEqual(whales);
    expect(module.onEvent(buy(whales[1]!), 1)).toHaveLength(1);
    expect(module.onEvent(buy(address()), 1)).toHaveLength(0);
    expect(WatchedWalletsModule.usesFallback(settings())).toBe(true);
  });

  it("configured wallets replace the fallback; the trader's list wins", () => {
    const mine = address();
    const whale = address();
    const { module, seen } = wrap(settings(), [whale]);
    module.configure(settings({ wallets: [{ address: mine }] }));
    expect(seen.at(-1)).toEqual([mine]);
    expect(module.onEvent(buy(whale), 1)).toHaveLength(0);
    expect(module.onEvent(buy(mine), 1)).toHaveLength(1);
  });

  it('reports only enabled wallets, and none while the module is off', () => {
    const [on, off] = [address(), address()];
    const { module, seen } = wrap(settings());
    module.configure(settings({ wallets: [{ address: on }, { address: off, enabled: false }] }));
    expect(seen.at(-1)).toEqual([on]);
    module.configure(settings({ wallets: [{ address: on }] }, false));
    expect(seen.at(-1)).toEqual([]);
    expect(module.watchedAddresses()).toEqual([]);
  });

  it('invalid settings are refused and change nothing', () => {
    const mine = address();
    const { module, seen } = wrap(settings());
    module.configure(settings({ wallets: [{ address: mine }] }));
    expect(() => module.configure(settings({ wallets: [{ address: 'not-an-address' }] }))).toThrow();
    expect(seen).toHaveLength(1);
    expect(module.watchedAddresses()).toEqual([mine]);
  });
});
