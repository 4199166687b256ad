import Conf from 'conf';

/**
 * One JSON file on disk, read and written whole. conf in Node and electron-store in the
 * desktop app satisfy it with the same files (electron-store is a subclass of conf), so
 * the engine takes a factory and never imports Electron.
 */
export interface JsonFileStore {
  readonly path: string;
  /** Reads and parses the file now; throws on unreadable or non-JSON content. */
  read(): Record<string, unknown>;
  /** Replaces the file atomically (temp file, fsync, rename). */
  write(value: Record<string, unknown>): void;
}

export type StoreFactory = (options: { cwd: string; configName: string }) => JsonFileStore;

export const confStoreFactory: StoreFactory = ({ cwd, configName }) => {
  const conf = new Conf<Record<string, unknown>>({
    cwd,
    configName,
    projectName: 'launchdesk',
    // An unreadable file must never be mistaken for an empty one (docs/architecture.md: unreadable store).
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  });
  return {
    path: conf.path,
    read: () => conf.store,
    write: (value) => {
      conf.store = value;
    },
  };
};
