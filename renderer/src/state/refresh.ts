import type { AppState } from './app-state.js';

/**
 * Reads settings and the blocked list again after the trader changed something. The
 * engine also pushes both; this makes the change visible at once on a host that is slow
 * to push, and costs one call.
 */
export async function refreshSettings(state: AppState): Promise<void> {
  try {
    state.settings.getState().setSettings(await state.client.call('settings.get', {}));
  } catch {
    // The pushed `settings` event brings it once the connection is back.
  }
}

export async function refreshBlocked(state: AppState): Promise<void> {
  try {
    state.blocked.getState().setEntries(await state.client.call('blocked.list', {}));
  } catch {
    // As above: the pushed `blocked` event follows.
  }
}
