import type { TradingMode } from '../../../shared/settings.js';
import { LedgerModeError, readLedgerMode } from '../ledger/ledger-mode.js';

/**
 * The run cannot start as asked, and the message says what to change: the hosts print it
 * and exit 2 (as for a usage error), before anything is opened for writing.
 */
export class StartRefusedError extends Error {
  override name = 'StartRefusedError';
}

/** A paper run on a live data dir, or a live run on a paper one, is refused before it starts. */
export function checkDataDirMode(dataDir: string, mode: TradingMode): void {
  let found: TradingMode | undefined;
  try {
    found = readLedgerMode(dataDir);
  } catch {
    // Unreadable here: the ledger's own checks at open say exactly what is wrong with it.
    return;
  }
  if (found !== undefined && found !== mode) throw new StartRefusedError(new LedgerModeError(dataDir, found, mode).message);
}
