import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

export interface WorkerMessage {
  ready?: string;
  trial?: number;
  held?: boolean;
  result?: 'claimed' | 'blocked';
  code?: string;
  error?: string;
}

/**
 * A claim-worker.ts OS process (the real Ledger, through tsx), or with `light` a
 * claim-holder.mjs one (plain Node, starts in a fraction of the time: a holder to be
 * killed once), with its answers as awaitable messages.
 */
export class ClaimWorkerProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<string>;
  readonly exited: Promise<void>;
  private readonly inbox: WorkerMessage[] = [];
  private readonly waiters: { match: (m: WorkerMessage) => boolean; resolve: (m: WorkerMessage) => void }[] = [];
  private stderr = '';

  constructor(dataDir: string, readonly instanceId: string, readonly kind: 'ledger' | 'light' = 'ledger') {
    const script = kind === 'ledger' ? ['--import', 'tsx', path.join(here, 'claim-worker.ts')] : [path.join(here, 'claim-holder.mjs')];
    this.child = spawn(process.execPath, [...script, dataDir, instanceId], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => this.deliver(JSON.parse(line) as WorkerMessage));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.ready = this.next((m) => m.ready !== undefined, 30_000).then((m) => m.ready as string);
  }

  send(command: { trial: number; mint: string; hold?: 'in-check' | 'after-insert' }): void {
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
  }

  /** The first message (queued or to come) that matches; fails after `ms` with the worker's stderr. */
  next(match: (m: WorkerMessage) => boolean, ms = 10_000): Promise<WorkerMessage> {
    const queued = this.inbox.findIndex(match);
    if (queued >= 0) return Promise.resolve(this.inbox.splice(queued, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${this.instanceId}: no answer in ${ms} ms\n${this.stderr}`)), ms);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Closes its stdin: it releases the ledger and its liveness lock and exits. */
  async close(): Promise<void> {
    this.child.stdin?.end();
    await this.exited;
  }

  private deliver(message: WorkerMessage): void {
    const i = this.waiters.findIndex((w) => w.match(message));
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(message);
    else this.inbox.push(message);
  }
}
