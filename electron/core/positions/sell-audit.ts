import fs from 'node:fs';
import path from 'node:path';
import { dataDirPaths } from '../data-dir-paths.js';
import type { SellOutcome } from './sell-coordinator.js';

/** One line of the sells' audit: a sell's ending, with what a person needs to check it on the chain. */
export interface SellAuditLine {
  ts: number;
  instanceId: string;
  sellId: string;
  positionId: number;
  mint: string;
  reason: string;
  tokens: number;
  attempt: number;
  outcome: SellOutcome['outcome'];
  detail?: string;
  signature?: string;
  solReceived?: number;
  nextTryAt?: number;
  adoptedFrom?: string;
}

/**
 * audit-sells/<instanceId>.jsonl: every sell's ending, written at once (a sell moves money).
 * Kept apart from audit/, whose lines are buy decisions its readers (the rebuild) rely on.
 */
export class SellAudit {
  private fd: number | undefined;

  constructor(dataDir: string, private readonly instanceId: string) {
    const file = dataDirPaths(dataDir).sellAudit(instanceId);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'a', 0o600);
  }

  write(ts: number, o: SellOutcome): void {
    if (this.fd === undefined) return;
    const line: SellAuditLine = {
      ts,
      instanceId: this.instanceId,
      sellId: o.sell.sellId,
      positionId: o.sell.positionId,
      mint: o.sell.mint,
      reason: o.sell.reason,
      tokens: o.sell.tokens,
      attempt: o.sell.attempt,
      outcome: o.outcome,
      ...(o.detail !== undefined ? { detail: o.detail } : {}),
      ...(o.signature !== undefined ? { signature: o.signature } : {}),
      ...(o.solReceived !== undefined ? { solReceived: o.solReceived } : {}),
      ...(o.nextTryAt !== undefined ? { nextTryAt: o.nextTryAt } : {}),
      ...(o.sell.adoptedFrom !== undefined ? { adoptedFrom: o.sell.adoptedFrom } : {}),
    };
    fs.writeSync(this.fd, JSON.stringify(line) + '\n');
  }

  close(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
