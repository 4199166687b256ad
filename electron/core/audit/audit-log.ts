import fs from 'node:fs';
import path from 'node:path';
import type { AuditLine } from '../../../shared/domain.js';

/**
 * audit/<instanceId>.jsonl: one line per decision. Not fsynced — the history and the
 * intents are the source of truth; the audit explains them.
 *
 * Decisions that change money (bought, failed, unknown, reconciled) are written at once:
 * a line handed to the kernel survives a crash of the process. Blocks — by far the most
 * lines, a hot token is refused again and again — are gathered and written once per turn
 * of the event loop: the write was most of a rejection's cost (p50 9 µs of which 6 µs the
 * syscall); a crash can lose the blocks of that one turn, never a buy.
 */
export class AuditLog {
  private fd: number | undefined;
  private pending: string[] = [];
  private flushScheduled = false;
  readonly path: string;

  constructor(dataDir: string, instanceId: string) {
    const dir = path.join(dataDir, 'audit');
    fs.mkdirSync(dir, { recursive: true });
    this.path = path.join(dir, `${instanceId}.jsonl`);
    this.fd = fs.openSync(this.path, 'a', 0o600);
  }

  write(line: AuditLine): void {
    if (this.fd === undefined) return;
    this.pending.push(JSON.stringify(line) + '\n');
    if (line.outcome !== 'blocked') return this.flush();
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes what is gathered, in the order it was decided. */
  flush(): void {
    this.flushScheduled = false;
    if (this.fd === undefined || this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    fs.writeSync(this.fd, text);
  }

  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

export function readAudit(file: string): AuditLine[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as AuditLine);
}
