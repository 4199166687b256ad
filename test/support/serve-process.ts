import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PurchaseRecord } from '../../shared/domain.js';
import { readAudit } from '../../electron/core/audit/audit-log.js';
import { readAllFills, type PaperFill } from '../../electron/core/traders/paper-ledger.js';
import type { AuditLine } from '../../shared/domain.js';
import { intentsOnDisk, purchasesOnDisk } from './intents-on-disk.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServeProcess {
  child: ChildProcess;
  instanceId: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  output(): string;
}

/** `npm run serve` as a real OS process (through tsx, without npm's own start-up). */
export function spawnServe(args: string[]): ServeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron/serve.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let resolveId: (id: string) => void = () => undefined;
  const instanceId = new Promise<string>((resolve) => (resolveId = resolve));
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    const match = /instance (i[a-z0-9]+-[0-9a-f]+)/.exec(output);
    if (match?.[1]) resolveId(match[1]);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, instanceId, exited, output: () => output };
}

/** Everything a test needs to judge a data dir after several processes used it. */
export function inspectDataDir(dataDir: string): {
  history: PurchaseRecord[];
  fills: PaperFill[];
  intents: Record<string, { instanceId: string; status: string }>;
  audit: AuditLine[];
} {
  const history: PurchaseRecord[] = Object.values(purchasesOnDisk(dataDir)).flat();
  const intents = intentsOnDisk(dataDir);
  const auditDir = path.join(dataDir, 'audit');
  const audit = fs.existsSync(auditDir) ? fs.readdirSync(auditDir).flatMap((n) => readAudit(path.join(auditDir, n))) : [];
  return { history, fills: readAllFills(path.join(dataDir, 'paper-ledger')), intents, audit };
}

export function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
