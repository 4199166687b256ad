import { useStore } from 'zustand';
import { useAppState } from '../../state/app-context.js';
import { KillSwitch } from './kill-switch.js';
import { Tabs, type TabId } from './tabs.js';
import { WalletStatus } from './wallet-status.js';

export function Header({ tab, onTab }: { tab: TabId; onTab(tab: TabId): void }) {
  const { status } = useAppState();
  const mode = useStore(status, (s) => s.status?.mode ?? null);
  return (
    <header className="app-header">
      <h1>launchdesk</h1>
      {mode ? (
        <span className={`mode-badge ${mode}`} title={mode === 'live' ? 'Live trading: buys and sells spend real SOL from the wallet' : 'Paper trading on the simulator: no real SOL'}>
          {mode === 'live' ? 'LIVE' : 'PAPER'}
        </span>
      ) : null}
      <Tabs current={tab} onSelect={onTab} />
      <WalletStatus />
      <KillSwitch />
    </header>
  );
}
