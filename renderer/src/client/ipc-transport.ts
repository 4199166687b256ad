import { Listeners, type ConnectionState, type RawResult, type Transport } from './transport.js';
import type { LaunchdeskBridge, PushedEvent } from './wire-types.js';

/**
 * The Electron transport: the preload's `window.launchdesk`. IPC does not drop while the
 * window lives (a reload restarts the page and so the client), so it is connected at once.
 */
export function createIpcTransport(bridge: LaunchdeskBridge): Transport {
  const events = new Listeners<PushedEvent[]>();
  const unsubscribe = bridge.on((batch) => events.emit(batch));
  const state: ConnectionState = { connected: true };
  return {
    async invoke(name, input) {
      try {
        // The bridge is typed by command name; the typed client above has already checked it.
        return (await (bridge.invoke as (n: string, i: unknown) => Promise<RawResult>)(name, input)) ?? noAnswer;
      } catch (error) {
        return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
      }
    },
    onEvents: (listener) => events.add(listener),
    onConnection(listener) {
      listener(state);
      return () => {};
    },
    close: () => unsubscribe(),
  };
}

const noAnswer: RawResult = { ok: false, error: { code: 'failed', message: 'the app did not answer' } };
