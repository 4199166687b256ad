import ElectronStore from 'electron-store';
import type { StoreFactory } from '../core/store/json-file-store.js';

/**
 * The desktop app's stores: electron-store, the subclass of conf that the headless host
 * uses directly, so both read and write the very same files.
 */
export const electronStoreFactory: StoreFactory = ({ cwd, configName }) => {
  const store = new ElectronStore<Record<string, unknown>>({
    cwd,
    name: configName,
    // An unreadable history must never be mistaken for an empty one.
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  });
  return {
    path: store.path,
    read: () => store.store,
    write: (value) => {
      store.store = value;
    },
  };
};
