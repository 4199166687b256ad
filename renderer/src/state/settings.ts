import { createStore } from 'zustand/vanilla';
import type { Settings } from '../../../shared/settings.js';

export interface SettingsState {
  /** The engine's settings as last pushed; null until the first snapshot. */
  settings: Settings | null;
  setSettings(settings: Settings): void;
}

export function createSettingsStore() {
  return createStore<SettingsState>()((set) => ({
    settings: null,
    setSettings: (settings) => set({ settings }),
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
