import fs from 'node:fs';
import path from 'node:path';
import type { AuditLine } from '../../../shared/domain.js';

/**
 * audit/<instanceId>.jsonl: one line per decision. Written with a synchronous write to an
 * open descriptor: a few microseconds, and a line handed to the kernel survives a crash
 * of the process. Not fsynced — the history and the intents are the source of truth; the
 * audit explains them.
 */
export class AuditLog {
  private fd: number | undefined;
  readonly path: string;

  constructor(dataDir: string, instanceId: string) {
    const dir = path.join(dataDir, 'audit');
    fs.mkdirSync(dir, { recursive: true });
    this.path = path.join(dir, `${instanceId}.jsonl`);
    this.fd = fs.openSync(this.path, 'a', 0o600);
  }

  write(line: AuditLine): void {
    if (this.fd === undefined) return;
    fs.writeSync(this.fd, JSON.stringify(line) + '\n');
  }

  close(): void {
    if (this.fd === undefined) return;
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
