import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createClient } from '../../../renderer/src/client/client.js';
import { AppStateProvider } from '../../../renderer/src/state/app-context.js';
import { createAppState, type AppState } from '../../../renderer/src/state/app-state.js';
import { FakeTransport, snapshot } from './fakes.js';

/** Renders `ui` inside a console state over a fake transport, loaded with `snapshot(1)` unless told otherwise. */
export function renderWithState(ui: ReactNode, options: { transport?: FakeTransport; feedCapacity?: number; load?: boolean } = {}) {
  const transport = options.transport ?? new FakeTransport();
  const state: AppState = createAppState(createClient(transport), { feedCapacity: options.feedCapacity });
  if (options.load !== false) state.target.applySnapshot(snapshot(1));
  const result = render(<AppStateProvider state={state}>{ui}</AppStateProvider>);
  return { ...result, state, transport };
}

/**
 * happy-dom lays nothing out, so every element measures 0×0 and a virtualizer shows no
 * rows. Gives elements a viewport of `height` px, as a browser window would.
 */
export function giveElementsAViewport(height = 600, width = 1200): () => void {
  const proto = HTMLElement.prototype;
  const saved = ['clientHeight', 'clientWidth'].map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)] as const);
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => width });
  return () => {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proto, key, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[key];
    }
  };
}
