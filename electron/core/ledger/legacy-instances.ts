import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pidRuns } from './process-alive.js';

/**
 * An earlier version knows nothing of the ledger: running beside this one on the same data
 * dir, it would buy from its own JSON files and nothing would stop the two from buying the
 * same token. Its instances announced themselves in `instances/<id>.json` ({instanceId, pid,
 * host, startedAt}) and kept a `<id>.json.lock` directory's mtime fresh every few seconds
 * while alive. Both a live pid on this host and a fresh lock say it runs; either alone may
 * be a leftover of a crash (or a reused pid), and is ignored.
 */
const FRESH_MS = 30_000;

export class EarlierVersionRunningError extends Error {
  override name = 'EarlierVersionRunningError';
  constructor(
    readonly dataDir: string,
    readonly pids: number[],
  ) {
    super(
      `an earlier launchdesk version is still running on ${dataDir} (pid ${pids.join(', ')}). It does not use the ledger, ` +
        'so both could buy the same token: buying is refused until it is stopped; then start this version again',
    );
  }
}

export interface ProcessProbe {
  host: string;
  now: () => number;
  isAlive: (pid: number) => boolean;
}

const nodeProbe: ProcessProbe = {
  host: os.hostname(),
  now: Date.now,
  isAlive: pidRuns,
};

/** Pids of earlier-version instances that run on this data dir now. */
export function runningEarlierInstances(dataDir: string, probe: ProcessProbe = nodeProbe): number[] {
  const dir = path.join(dataDir, 'instances');
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    try {
      const record = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { pid?: unknown; host?: unknown };
      if (typeof record.pid !== 'number' || record.host !== probe.host || !probe.isAlive(record.pid)) continue;
      const lock = fs.statSync(path.join(dir, `${name}.lock`));
      if (probe.now() - lock.mtimeMs < FRESH_MS) pids.push(record.pid);
    } catch {
      // Unreadable, or no lock: not a running instance of the earlier version.
    }
  }
  return pids;
}

export function refuseRunningEarlierVersion(dataDir: string, probe: ProcessProbe = nodeProbe): void {
  const pids = runningEarlierInstances(dataDir, probe);
  if (pids.length > 0) throw new EarlierVersionRunningError(dataDir, pids);
}
