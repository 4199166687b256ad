import { WebSocket } from 'ws';
import type { ServeProcess } from './serve-process.js';

/**
 * A WebSocket client of a running `serve` process, as the console talks to it: commands
 * `{id, name, input}` answered by `{id, result}`. Pushed events are ignored here.
 */
export class ServeClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: unknown; result?: unknown };
      if (typeof message.id !== 'number') return;
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
  }

  /** Connects to the host whose `status:` line the process printed. */
  static async of(proc: ServeProcess, timeoutMs = 15_000): Promise<ServeClient> {
    const deadline = Date.now() + timeoutMs;
    let match: RegExpExecArray | null = null;
    while (!(match = /status: +http:\/\/([0-9.]+):(\d+)\/status\?token=([0-9a-f]+)/.exec(proc.output()))) {
      if (Date.now() > deadline) throw new Error(`serve printed no status URL:\n${proc.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const ws = new WebSocket(`ws://${match[1]}:${match[2]}/ws?token=${match[3]}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new ServeClient(ws);
  }

  /** The command's result `{ok, value | error}`; fails after `ms` so a test never hangs. */
  call(name: string, input: unknown = {}, ms = 5_000): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${name}: no answer in ${ms} ms`));
      }, ms);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result as { ok: boolean; value?: unknown });
      });
      this.ws.send(JSON.stringify({ id, name, input }));
    });
  }

  /** Like call, but the value of a command that must succeed. */
  async value<T>(name: string, input: unknown = {}): Promise<T> {
    const result = await this.call(name, input);
    if (!result.ok) throw new Error(`${name} refused: ${JSON.stringify(result.error)}`);
    return result.value as T;
  }

  close(): void {
    this.ws.terminate();
  }
}
