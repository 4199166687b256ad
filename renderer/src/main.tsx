import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { createClient } from './client/client.js';
import { createIpcTransport } from './client/ipc-transport.js';
import type { Transport } from './client/transport.js';
import type { LaunchdeskBridge } from './client/wire-types.js';
import { createWsTransport, wsUrlFromLocation } from './client/ws-transport.js';
import { AppStateProvider } from './state/app-context.js';
import { connectAppState, createAppState } from './state/app-state.js';
import './styles.css';

/** The preload bridge in Electron; else the WebSocket of the host that served this page. */
function pickTransport(): Transport | null {
  const bridge = (window as { launchdesk?: LaunchdeskBridge }).launchdesk;
  if (bridge) return createIpcTransport(bridge);
  const url = wsUrlFromLocation(window.location);
  return url ? createWsTransport({ url }) : null;
}

const root = createRoot(document.getElementById('root')!);
const transport = pickTransport();
if (!transport) {
  root.render(
    <main className="access-needed">
      <h1>launchdesk</h1>
      <p>This page needs its access link. Open the console URL that the app printed at start (it ends in #token=…).</p>
    </main>,
  );
} else {
  const state = createAppState(createClient(transport));
  connectAppState(state);
  root.render(
    <StrictMode>
      <AppStateProvider state={state}>
        <App />
      </AppStateProvider>
    </StrictMode>,
  );
}
