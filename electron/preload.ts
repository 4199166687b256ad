import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isCommandName, type CommandName, type CommandResult } from '../shared/contract.js';
import { EVENTS_CHANNEL, INVOKE_CHANNEL, type LaunchdeskBridge, type PushedEvent } from '../shared/wire.js';

/**
 * The renderer's only door to the main process: `invoke` for contract commands and `on`
 * for pushed event batches. Never the raw ipcRenderer, which would let any script in the
 * page send on any channel. The main process checks everything again; this only keeps
 * calls that cannot succeed from crossing at all.
 */
const bridge: LaunchdeskBridge = {
  invoke<N extends CommandName>(name: N, input?: unknown): Promise<CommandResult<N>> {
    if (!isCommandName(name)) {
      const error = { code: 'unknown-command' as const, message: `unknown command ${JSON.stringify(String(name)).slice(0, 80)}` };
      return Promise.resolve({ ok: false, error });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, { name, input }) as Promise<CommandResult<N>>;
  },
  on(listener) {
    if (typeof listener !== 'function') throw new TypeError('on(listener) needs a function');
    // The event object carries the sender; the page gets only the batch.
    const forward = (_event: IpcRendererEvent, events: PushedEvent[]) => listener(events);
    ipcRenderer.on(EVENTS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENTS_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('launchdesk', bridge);
