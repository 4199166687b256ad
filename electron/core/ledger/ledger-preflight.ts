import fs from 'node:fs';
import path from 'node:path';
import { dataDirPaths } from '../data-dir-paths.js';
import { assertLocalDataDir } from './data-dir-filesystem.js';
import { importLegacyFiles } from './legacy-import.js';
import { refuseRunningEarlierVersion } from './legacy-instances.js';
import { openLedgerDb, type LedgerDb, type OpenLedgerOptions } from './open-ledger.js';
import { rebuildFromAudit, refuseLostLedger } from './rebuild-from-audit.js';

export interface PreflightOptions extends OpenLedgerOptions {
  /** Build a missing ledger from the audit log and the paper chain (`--rebuild-from-audit`). */
  rebuildFromAudit?: boolean;
  log?: (line: string) => void;
}

/**
 * Opens the ledger with what must happen around it, in order: the data dir must be on a
 * local disk, with no earlier version (which knows no ledger) running on it; a missing ledger beside an audit that shows purchases is refused (or, when
 * asked, rebuilt from it) before anything is created; then an earlier version's files are
 * imported (again at every start until that succeeds: a file imported and unchanged costs
 * one stat). Every refusal throws with a message for the trader; the engine turns it into
 * "buying refused" from the first second.
 */
export function openLedgerWithPreflight(dataDir: string, options: PreflightOptions = {}): LedgerDb {
  const log = options.log ?? (() => undefined);
  assertLocalDataDir(dataDir);
  refuseRunningEarlierVersion(dataDir);
  const missing = !fs.existsSync(dataDirPaths(dataDir).ledger);
  if (options.rebuildFromAudit && !missing) log('--rebuild-from-audit: ledger.sqlite exists, so there is nothing to rebuild; it is used as it is');
  if (options.rebuildFromAudit && missing) rebuildIntoPlace(dataDir, log);
  else refuseLostLedger(dataDir);
  const db = openLedgerDb(dataDir, options);
  try {
    const imported = importLegacyFiles(db, dataDir, options.now);
    if (imported.files.length > 0) {
      log(
        `imported from an earlier version (${imported.files.join(', ')}; the files are kept): ${imported.purchasesAdded} purchases ` +
          `(${imported.purchasesPresent} already in the ledger), ${imported.intentsAdded} open claims to reconcile` +
          (imported.skippedEntries > 0 ? `, ${imported.skippedEntries} entries that name no Solana mint skipped` : '') +
          (imported.platformGuessed > 0 ? `, ${imported.platformGuessed} of another launchpad labelled by their mint` : ''),
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Builds the ledger in a directory of its own and links it into place only when complete:
 * a crash or an error midway leaves no ledger.sqlite, so the next start still sees a lost
 * ledger (and refuses) instead of an empty one it would trust.
 */
function rebuildIntoPlace(dataDir: string, log: (line: string) => void): void {
  const target = dataDirPaths(dataDir).ledger;
  const workDir = fs.mkdtempSync(path.join(dataDir, '.rebuild-'));
  try {
    const db = openLedgerDb(workDir);
    let report;
    try {
      report = rebuildFromAudit(db, dataDir);
      // Everything into the one file, so the link below carries all of it.
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    const built = path.join(workDir, 'ledger.sqlite');
    const fd = fs.openSync(built, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    // link, not rename: a ledger another instance created meanwhile is never replaced.
    fs.linkSync(built, target);
    log(
      `ledger rebuilt from the audit log: ${report.purchases} purchases (${report.fromPaperChainOnly} found only on the paper chain, ` +
        `${report.withoutAmount} without an amount), ${report.unknownIntents} unknown outcomes kept blocked until reconciled`,
    );
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
