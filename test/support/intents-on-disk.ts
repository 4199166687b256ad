import { IntentStore, type Intent } from '../../electron/core/store/intent-store.js';

/** The open intents of a data dir as every instance sees them (the journal replayed), by mint. */
export function intentsOnDisk(dataDir: string): Record<string, Intent> {
  const store = new IntentStore(dataDir);
  try {
    store.refresh();
    return Object.fromEntries(store.all().map((i) => [i.mint, i]));
  } finally {
    store.close();
  }
}
