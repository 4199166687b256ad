import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InstanceRegistry, isPidAlive } from '../../../../electron/core/store/instance-registry.js';
import { tempDataDir } from '../../../support/engine-fixture.js';

const registries: InstanceRegistry[] = [];
function registry(dataDir: string, options?: ConstructorParameters<typeof InstanceRegistry>[1]): InstanceRegistry {
  const r = new InstanceRegistry(dataDir, options);
  registries.push(r);
  return r;
}
afterEach(async () => {
  for (const r of registries.splice(0)) await r.unregister();
});

/** The pid of a process that has exited: it existed, so it is a real pid, and it is gone. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(child.stdout);
  expect(isPidAlive(pid)).toBe(false);
  return pid;
}

/** An instance file as another process would leave it, with its lock dir's mtime as the heartbeat. */
function writeInstance(dataDir: string, instanceId: string, record: { pid: number; host: string }, heartbeatAgeMs: number | undefined): void {
  const dir = path.join(dataDir, 'instances');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${instanceId}.json`);
  fs.writeFileSync(file, JSON.stringify({ instanceId, startedAt: 1, ...record }));
  if (heartbeatAgeMs === undefined) return;
  fs.mkdirSync(`${file}.lock`);
  const at = new Date(Date.now() - heartbeatAgeMs);
  fs.utimesSync(`${file}.lock`, at, at);
}

describe('InstanceRegistry', () => {
  it('an instance is alive while registered, as seen by another instance, and dead after unregister', async () => {
    const dataDir = tempDataDir();
    const a = registry(dataDir);
    const observer = registry(dataDir);
    await a.register('i-a', Date.now());
    expect(observer.isAlive('i-a')).toBe(true);
    expect(a.isAlive('i-a')).toBe(true);
    await a.unregister();
    expect(observer.isAlive('i-a')).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'instances', 'i-a.json'))).toBe(false);
  });

  it('an instance never registered is dead', () => {
    expect(registry(tempDataDir()).isAlive('i-nobody')).toBe(false);
  });

  it('dead at once when its file names a pid that no longer exists on this host, fresh heartbeat or not', () => {
    const dataDir = tempDataDir();
    writeInstance(dataDir, 'i-killed', { pid: deadPid(), host: os.hostname() }, 0);
    expect(registry(dataDir).isAlive('i-killed')).toBe(false);
  });

  it('on another host the pid cannot be checked: a fresh heartbeat means alive', () => {
    const dataDir = tempDataDir();
    writeInstance(dataDir, 'i-remote', { pid: deadPid(), host: 'some-other-host' }, 0);
    expect(registry(dataDir).isAlive('i-remote')).toBe(true);
  });

  it('dead when its heartbeat is stale, even if its pid exists', () => {
    const dataDir = tempDataDir();
    writeInstance(dataDir, 'i-frozen', { pid: process.pid, host: os.hostname() }, 60_000);
    writeInstance(dataDir, 'i-beating', { pid: process.pid, host: os.hostname() }, 0);
    const observer = registry(dataDir, { staleMs: 10_000 });
    expect(observer.isAlive('i-frozen')).toBe(false);
    expect(observer.isAlive('i-beating')).toBe(true);
  });

  it('dead when its file has no heartbeat lock or cannot be parsed', () => {
    const dataDir = tempDataDir();
    writeInstance(dataDir, 'i-nolock', { pid: process.pid, host: os.hostname() }, undefined);
    fs.writeFileSync(path.join(dataDir, 'instances', 'i-garbled.json'), '{"instanceId": ');
    const observer = registry(dataDir);
    expect(observer.isAlive('i-nolock')).toBe(false);
    expect(observer.isAlive('i-garbled')).toBe(false);
  });
});
