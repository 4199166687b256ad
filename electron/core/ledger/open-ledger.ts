import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { TradingMode } from '../../../shared/settings.js';
import { dataDirPaths } from '../data-dir-paths.js';
import { assertLedgerMode, LedgerModeError, markLedgerMode } from './ledger-mode.js';
import { LEDGER_APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type LedgerDb = Database.Database;

/** The ledger cannot be used: buying is refused, the file is kept and a copy is in unreadable/. */
export class LedgerUnusableError extends Error {
  override name = 'LedgerUnusableError';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly keptAt: string | undefined,
  ) {
    super(
      `ledger.sqlite cannot be used (${reason}). Buying is refused; the file is left as it is` +
        (keptAt ? ` and a copy was kept at ${keptAt}` : '') +
        '. Restore it from a backup or move it away by hand once you know what it held',
    );
  }
}

export interface OpenLedgerOptions {
  now?: () => number;
  /** How long a write waits for another instance's transaction (they last about a millisecond). */
  busyTimeoutMs?: number;
  /**
   * The run's trading mode: a new ledger is made for it, an existing one for the other mode
   * is refused (LedgerModeError). Undefined (tools, tests reading a ledger): not checked.
   */
  mode?: TradingMode;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens `<data-dir>/ledger.sqlite`, creating it when there is none, and checks it before
 * anything trusts it: SQLite header, `PRAGMA quick_check`, our application id, a schema
 * version this code knows (older ones are migrated). The one place a ledger is opened; an
 * import or a rebuild hooks in before or after it, never beside it.
 *
 * A new ledger is built beside the real path and renamed into place, so a file at the
 * real path is always one we finished creating: an empty or half-written ledger.sqlite is
 * damage, never "no history yet", and is refused (LedgerUnusableError), never recreated.
 */
export function openLedgerDb(dataDir: string, options: OpenLedgerOptions = {}): LedgerDb {
  const paths = dataDirPaths(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(paths.ledger)) createLedgerFile(paths.ledger, options.mode ?? 'paper');
  const now = options.now ?? Date.now;
  const refuse = (reason: string): never => {
    throw new LedgerUnusableError(paths.ledger, reason, keepCopy(paths.ledger, paths.unreadableDir, now()));
  };

  let header: Buffer;
  try {
    header = readHeader(paths.ledger);
  } catch (error) {
    return refuse(`unreadable: ${describe(error)}`);
  }
  if (header.length < SQLITE_MAGIC.length) refuse(header.length === 0 ? 'the file is empty (truncated?)' : 'the file is truncated');
  if (!header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) refuse('not an SQLite database (corrupt or overwritten)');

  let db: LedgerDb | undefined;
  try {
    db = new Database(paths.ledger, { fileMustExist: true, timeout: options.busyTimeoutMs ?? 2_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== LEDGER_APPLICATION_ID) throw new Error('not a launchdesk ledger (wrong application id)');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`schema version ${version} is newer than this app knows (${SCHEMA_VERSION}); update the app`);
    if (version < 1) throw new Error(`schema version ${version} is not a ledger this app wrote`);
    migrate(db, version);
    if (options.mode) assertLedgerMode(db, dataDir, options.mode);
    return db;
  } catch (error) {
    db?.close();
    // The wrong data dir, not a damaged file: nothing is copied aside.
    if (error instanceof LedgerModeError) throw error;
    return refuse(describe(error));
  }
}

function createLedgerFile(file: string, mode: TradingMode): void {
  const temp = `${file}.new-${process.pid}`;
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(temp + suffix, { force: true });
  const db = new Database(temp);
  try {
    db.pragma(`application_id = ${LEDGER_APPLICATION_ID}`);
    migrate(db, 0);
    markLedgerMode(db, mode);
    // Back to a rollback journal for the rename: the whole database is in the one file.
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  const fd = fs.openSync(temp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  try {
    // link, not rename: if another instance created the ledger meanwhile, theirs stands.
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function migrate(db: LedgerDb, from: number): void {
  if (from >= SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function readHeader(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(100);
    const n = fs.readSync(fd, buffer, 0, 100, 0);
    return buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies the ledger (and its WAL, which holds recent commits) into unreadable/; the original stays. */
function keepCopy(file: string, unreadableDir: string, now: number): string | undefined {
  try {
    fs.mkdirSync(unreadableDir, { recursive: true });
    const target = `${unreadableDir}/ledger.sqlite.${now}.bad`;
    fs.copyFileSync(file, target);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${target}-wal`);
    return target;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: string })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
