import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';

const instanceFileSchema = z.object({
  instanceId: z.string(),
  pid: z.number().int(),
  host: z.string(),
  startedAt: z.number(),
});

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Which instances on a data dir are alive. Each instance writes instances/<id>.json and
 * holds a proper-lockfile lock on it for its whole life (the lock's mtime is its
 * heartbeat). An instance is dead when its file is gone, its heartbeat is stale, or — on
 * this host — its process no longer exists, which catches a SIGKILL at once instead of
 * after the stale period.
 */
export class InstanceRegistry {
  private readonly dir: string;
  private release: (() => Promise<void>) | undefined;
  private mine: string | undefined;

  constructor(
    dataDir: string,
    private readonly options: { staleMs?: number; host?: string; onLost?: (error: Error) => void } = {},
  ) {
    this.dir = path.join(dataDir, 'instances');
  }

  private fileOf(instanceId: string): string {
    return path.join(this.dir, `${instanceId}.json`);
  }

  async register(instanceId: string, startedAt: number): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.fileOf(instanceId);
    const record = { instanceId, pid: process.pid, host: this.host(), startedAt };
    fs.writeFileSync(file, JSON.stringify(record));
    this.release = await lockfile.lock(file, {
      realpath: false,
      stale: this.options.staleMs ?? 10_000,
      onCompromised: (error) => this.options.onLost?.(error),
    });
    this.mine = instanceId;
  }

  async unregister(): Promise<void> {
    if (!this.mine) return;
    await this.release?.().catch(() => undefined);
    fs.rmSync(this.fileOf(this.mine), { force: true });
    this.release = undefined;
    this.mine = undefined;
  }

  isAlive(instanceId: string): boolean {
    if (instanceId === this.mine) return true;
    const file = this.fileOf(instanceId);
    let record: z.infer<typeof instanceFileSchema>;
    try {
      record = instanceFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      return false;
    }
    if (record.host === this.host() && !isPidAlive(record.pid)) return false;
    try {
      return lockfile.checkSync(file, { realpath: false, stale: this.options.staleMs ?? 10_000 });
    } catch {
      return false;
    }
  }

  private host(): string {
    return this.options.host ?? os.hostname();
  }
}
