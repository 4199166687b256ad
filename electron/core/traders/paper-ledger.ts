import fs from 'node:fs';
import path from 'node:path';

export interface PaperFill {
  attemptId: string;
  mint: string;
  signature: string;
  solSpent: number;
  tokens: number;
  at: number;
  instanceId: string;
}

/**
 * The paper trader's "chain": every fill, appended before the trader answers. It is what
 * a reconcile asks after a crash or a timeout, and what the tests count to prove that no
 * mint was bought twice. One file per instance (paper-ledger/<instanceId>.jsonl).
 */
export class PaperLedger {
  private readonly dir: string;
  private fd: number | undefined;

  constructor(dataDir: string, private readonly instanceId: string) {
    this.dir = path.join(dataDir, 'paper-ledger');
  }

  append(fill: PaperFill): void {
    if (this.fd === undefined) {
      fs.mkdirSync(this.dir, { recursive: true });
      this.fd = fs.openSync(path.join(this.dir, `${this.instanceId}.jsonl`), 'a');
    }
    fs.writeSync(this.fd, JSON.stringify(fill) + '\n');
  }

  findFill(attemptId: string): PaperFill | undefined {
    return readAllFills(this.dir).find((f) => f.attemptId === attemptId);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Every fill of every instance on a data dir; a torn last line (crash mid-write) is skipped. */
export function readAllFills(ledgerDir: string): PaperFill[] {
  if (!fs.existsSync(ledgerDir)) return [];
  const fills: PaperFill[] = [];
  for (const name of fs.readdirSync(ledgerDir).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(ledgerDir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        fills.push(JSON.parse(line) as PaperFill);
      } catch {
        // A line cut short by a crash was never acknowledged to anyone.
      }
    }
  }
  return fills;
}
