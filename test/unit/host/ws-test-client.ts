import { WebSocket } from 'ws';

/** A ws client for the host tests: connection outcome as a value, messages as a queue. */
export class TestClient {
  private readonly queue: unknown[] = [];
  private readonly waiters: ((message: unknown) => void)[] = [];
  closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.queue.push(message);
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static connect(url: string, origin?: string): Promise<TestClient | { rejected: number }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, origin === undefined ? {} : { origin });
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('unexpected-response', (_req, res) => {
        resolve({ rejected: res.statusCode ?? 0 });
        ws.terminate();
      });
      ws.once('error', (error) => reject(error));
    });
  }

  static async open(url: string, origin?: string): Promise<TestClient> {
    const client = await TestClient.connect(url, origin);
    if (!(client instanceof TestClient)) throw new Error(`rejected with ${client.rejected}`);
    return client;
  }

  /** The next message, or a failure after `ms` so a test never hangs. */
  next(ms = 2_000): Promise<unknown> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const waiter = (message: unknown) => {
        clearTimeout(timer);
        resolve(message);
      };
      // A waiter that timed out must not swallow the next message.
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error('no message in time'));
      }, ms);
      this.waiters.push(waiter);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async call(id: number | string, name: string, input?: unknown): Promise<unknown> {
    this.send({ id, name, input });
    return this.next();
  }
}
