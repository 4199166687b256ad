import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirPaths } from '../../../../electron/core/data-dir-paths.js';
import { InstanceLock, probeInstance } from '../../../../electron/core/ledger/instance-lock.js';
import { tempDataDir } from '../../../support/engine-fixture.js';

const holderScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../support/instance-lock-holder.ts');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function holderProcess(dataDir: string, instanceId: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', holderScript, dataDir, instanceId], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('held')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`holder exited early with ${code}`)));
  });
  return child;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('liveness decided by the kernel', () => {
  it('a process holding its lock is alive, stays alive while SIGSTOPped, and is dead once SIGKILLed', async () => {
    const dataDir = tempDataDir();
    const child = await holderProcess(dataDir, 'i-child');
    expect(probeInstance(dataDir, 'i-child')).toBe('alive');
    child.kill('SIGSTOP');
    try {
      // Stopped: no heartbeat, no progress, however long. The kernel still holds its lock.
      for (let i = 0; i < 3; i++) {
        await sleep(500);
        expect(probeInstance(dataDir, 'i-child')).toBe('alive');
      }
    } finally {
      child.kill('SIGCONT');
    }
    expect(probeInstance(dataDir, 'i-child')).toBe('alive');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(probeInstance(dataDir, 'i-child')).toBe('dead');
  }, 30_000);

  it('in one process: held is alive, let go is dead, a clean release removes the file', () => {
    const dataDir = tempDataDir();
    const lock = InstanceLock.acquire(dataDir, 'i-here');
    expect(probeInstance(dataDir, 'i-here')).toBe('alive');
    lock.release(false);
    expect(probeInstance(dataDir, 'i-here')).toBe('dead');
    InstanceLock.acquire(dataDir, 'i-here').release();
    expect(probeInstance(dataDir, 'i-here')).toBe('missing');
  });

  it('a lock file that cannot be read proves nothing: unsure, never dead', () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(dataDirPaths(dataDir).instancesDir, { recursive: true });
    fs.writeFileSync(dataDirPaths(dataDir).instanceLock('i-garbled'), '{"instanceId": ');
    expect(probeInstance(dataDir, 'i-garbled')).toBe('unsure');
  });
});
