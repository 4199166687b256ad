import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EarlierVersionRunningError, refuseRunningEarlierVersion, runningEarlierInstances } from '../../../../electron/core/ledger/legacy-instances.js';
import { tempDataDir } from '../../../support/engine-fixture.js';

const NOW = 1_800_000_000_000;

function oldInstance(dataDir: string, id: string, pid: number, host: string, lockAgeMs: number | undefined): void {
  const dir = path.join(dataDir, 'instances');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify({ instanceId: id, pid, host, startedAt: 1 }));
  if (lockAgeMs === undefined) return;
  fs.mkdirSync(path.join(dir, `${id}.json.lock`));
  const at = new Date(NOW - lockAgeMs);
  fs.utimesSync(path.join(dir, `${id}.json.lock`), at, at);
}

const probe = (alive: number[]) => ({ host: 'desk', now: () => NOW, isAlive: (pid: number) => alive.includes(pid) });

describe('an earlier version still running on the data dir', () => {
  it('is refused when its pid lives on this host and its lock is fresh, with the pid in the message', () => {
    const dataDir = tempDataDir('oldrun');
    oldInstance(dataDir, 'iold-1', 4242, 'desk', 2_000);
    expect(runningEarlierInstances(dataDir, probe([4242]))).toEqual([4242]);
    expect(() => refuseRunningEarlierVersion(dataDir, probe([4242]))).toThrow(EarlierVersionRunningError);
    expect(() => refuseRunningEarlierVersion(dataDir, probe([4242]))).toThrow(/earlier launchdesk version is still running .*pid 4242.*buying is refused/);
  });

  it('leftovers of a crash are not: a dead pid, a stale lock, no lock, another host, an unreadable file', () => {
    const dataDir = tempDataDir('oldleft');
    oldInstance(dataDir, 'dead', 1, 'desk', 1_000);
    oldInstance(dataDir, 'stale', 2, 'desk', 120_000);
    oldInstance(dataDir, 'nolock', 3, 'desk', undefined);
    oldInstance(dataDir, 'elsewhere', 4, 'laptop', 1_000);
    fs.writeFileSync(path.join(dataDir, 'instances', 'garbled.json'), '{"pid": 5, "ho');
    // This version's own lock files are not earlier instances.
    fs.writeFileSync(path.join(dataDir, 'instances', 'inew.lock.sqlite'), '');
    expect(runningEarlierInstances(dataDir, probe([2, 3, 4, 5]))).toEqual([]);
    expect(runningEarlierInstances(tempDataDir('none'), probe([]))).toEqual([]);
  });
});
