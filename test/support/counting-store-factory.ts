import { nodeJournalIo, type JournalIo } from '../../electron/core/store/intent-journal-io.js';
import type { JsonFileStore, StoreFactory } from '../../electron/core/store/json-file-store.js';

/**
 * Wraps a StoreFactory and counts, per config name, how often a file is read and written,
 * so a test can prove that an unchanged file is not re-read. `failWrites` makes every
 * write of the named files throw, as a full disk would.
 */
export class CountingStoreFactory {
  readonly reads = new Map<string, number>();
  readonly writes = new Map<string, number>();
  readonly failWrites = new Set<string>();

  constructor(private readonly inner: StoreFactory) {}

  readonly factory: StoreFactory = (options) => {
    const store = this.inner(options);
    const name = options.configName;
    const counted: JsonFileStore = {
      path: store.path,
      read: () => {
        this.reads.set(name, (this.reads.get(name) ?? 0) + 1);
        return store.read();
      },
      write: (value) => {
        if (this.failWrites.has(name)) throw Object.assign(new Error(`EIO: i/o error, write '${store.path}'`), { code: 'EIO' });
        this.writes.set(name, (this.writes.get(name) ?? 0) + 1);
        store.write(value);
      },
    };
    return counted;
  };

  /** The intent journal's writes, failing like the files when 'in-flight-intents' is in failWrites. */
  readonly journalIo: JournalIo = {
    appendDurably: (fd, text) => {
      if (this.failWrites.has('in-flight-intents')) throw Object.assign(new Error('EIO: i/o error, write in-flight-intents.jsonl'), { code: 'EIO' });
      nodeJournalIo.appendDurably(fd, text);
    },
    replaceDurably: (file, text) => {
      if (this.failWrites.has('in-flight-intents')) throw Object.assign(new Error('EIO: i/o error, write in-flight-intents.jsonl'), { code: 'EIO' });
      nodeJournalIo.replaceDurably(file, text);
    },
  };

  readsOf(name: string): number {
    return this.reads.get(name) ?? 0;
  }
}
