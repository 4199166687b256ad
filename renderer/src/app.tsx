import { useState, type ReactNode } from 'react';
import { BlockedView } from './views/blocked/blocked-view.js';
import { FeedView } from './views/feed/feed-view.js';
import { Header } from './views/header/header.js';
import { HistoryView } from './views/history/history-view.js';
import { PositionsView } from './views/positions/positions-view.js';
import { SettingsView } from './views/settings/settings-view.js';
import { panelId, tabId, type TabId } from './views/header/tabs.js';
import { AlertBanner } from './views/status-bar/alert-banner.js';
import { StatusBar } from './views/status-bar/status-bar.js';

function view(tab: TabId): ReactNode {
  switch (tab) {
    case 'feed':
      return <FeedView />;
    case 'history':
      return <HistoryView />;
    case 'settings':
      return <SettingsView />;
    case 'blocked':
      return <BlockedView />;
    case 'positions':
      return <PositionsView />;
    default: {
      const never: never = tab;
      return never;
    }
  }
}

export function App() {
  const [tab, setTab] = useState<TabId>('feed');
  return (
    <div className="app">
      <Header tab={tab} onTab={setTab} />
      {/* Always present, so the grid's rows stay header / alert / view / status bar. */}
      <div className="alert-slot">
        <AlertBanner />
      </div>
      <main className="panel" role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
        {view(tab)}
      </main>
      <StatusBar />
    </div>
  );
}

