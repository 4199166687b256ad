import fs from 'node:fs';
import Database from 'better-sqlite3';
import { dataDirPaths } from '../data-dir-paths.js';

/**
 * Liveness the kernel decides. Each running instance holds an exclusive SQLite lock on its
 * own file, `instances/<id>.lock.sqlite`, for its whole life (locking_mode=EXCLUSIVE and
 * one write take the lock and never give it back). The kernel drops that lock when the
 * process dies, however it dies, and never while it lives: a SIGSTOP, a closed laptop lid
 * or a long GC pause change nothing. So "dead" is never a guess from a late heartbeat.
 */
export class InstanceLock {
  private db: Database.Database | undefined;
  readonly file: string;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
  }

  static acquire(dataDir: string, instanceId: string): InstanceLock {
    const paths = dataDirPaths(dataDir);
    fs.mkdirSync(paths.instancesDir, { recursive: true });
    const file = paths.instanceLock(instanceId);
    const db = new Database(file, { timeout: 5_000 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS alive (since INTEGER); INSERT INTO alive VALUES (unixepoch()); COMMIT');
    } catch (error) {
      db.close();
      throw error;
    }
    return new InstanceLock(file, db);
  }

  get held(): boolean {
    return this.db !== undefined;
  }

  /**
   * Gives the lock back. At a clean stop `removeFile` deletes the file too; tests release
   * without removing it to play a process that died.
   */
  release(removeFile = true): void {
    this.db?.close();
    this.db = undefined;
    if (removeFile) fs.rmSync(this.file, { force: true });
  }
}

/** `missing`: no lock file (stopped cleanly, or deleted by hand: the ledger's instances row tells which). */
export type Liveness = 'alive' | 'dead' | 'unsure' | 'missing';

/**
 * Asks the kernel whether the instance still holds its lock: reading the file needs a
 * shared lock, which SQLite refuses (SQLITE_BUSY) while the owner holds its exclusive one.
 * Only a read that succeeds proves the owner gone. A file that cannot be read proves
 * nothing (permissions, disk trouble): `unsure`, never dead.
 */
export function probeInstance(dataDir: string, instanceId: string): Liveness {
  const file = dataDirPaths(dataDir).instanceLock(instanceId);
  if (!fs.existsSync(file)) return 'missing';
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return 'dead';
  } catch (error) {
    return (error as { code?: string }).code === 'SQLITE_BUSY' ? 'alive' : 'unsure';
  } finally {
    db?.close();
  }
}

/** Removes the lock file of an instance proven dead, once nothing refers to it any more. */
export function forgetDeadInstance(dataDir: string, instanceId: string): void {
  if (probeInstance(dataDir, instanceId) !== 'dead') return;
  fs.rmSync(dataDirPaths(dataDir).instanceLock(instanceId), { force: true });
}
