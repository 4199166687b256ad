import path from 'node:path';

/**
 * Every path inside a data dir, named in one place so no module guesses another's layout.
 * Paper trading has a data dir of its own, so a paper purchase never blocks a real buy.
 */
export function dataDirPaths(dataDir: string) {
  return {
    dataDir,
    /** The ledger: intents (claims), purchases, instances, the rules that move money. */
    ledger: path.join(dataDir, 'ledger.sqlite'),
    /** Module settings (conf / electron-store), changed under the ledger's write lock. */
    settings: path.join(dataDir, 'settings.json'),
    /** One kernel-locked SQLite file per running instance: its liveness. */
    instancesDir: path.join(dataDir, 'instances'),
    instanceLock: (instanceId: string) => path.join(dataDir, 'instances', `${instanceId}.lock.sqlite`),
    /** One JSON-lines file per instance: every decision, explained. */
    auditDir: path.join(dataDir, 'audit'),
    audit: (instanceId: string) => path.join(dataDir, 'audit', `${instanceId}.jsonl`),
    /** One JSON-lines file per instance: every sell's ending (kept apart from the buys' audit, whose readers expect buys). */
    sellAuditDir: path.join(dataDir, 'audit-sells'),
    sellAudit: (instanceId: string) => path.join(dataDir, 'audit-sells', `${instanceId}.jsonl`),
    /** The paper trader's chain: fills and sent transactions, outside the ledger on purpose. */
    paperLedgerDir: path.join(dataDir, 'paper-ledger'),
    /** Copies of store files that could not be read, kept before anything else happens. */
    unreadableDir: path.join(dataDir, 'unreadable'),
    /** Live data dirs only: the desktop's wallet, its key encrypted (keychain or passphrase); folder 0700, file 0600. */
    walletDir: path.join(dataDir, 'wallet'),
    walletFile: path.join(dataDir, 'wallet', 'wallet.json'),
  };
}

export type DataDirPaths = ReturnType<typeof dataDirPaths>;
