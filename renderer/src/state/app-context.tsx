import { createContext, useContext, type ReactNode } from 'react';
import type { AppState } from './app-state.js';

const AppStateContext = createContext<AppState | null>(null);

export function AppStateProvider({ state, children }: { state: AppState; children: ReactNode }) {
  return <AppStateContext.Provider value={state}>{children}</AppStateContext.Provider>;
}

/** The slices and the client of the running console. */
export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}
