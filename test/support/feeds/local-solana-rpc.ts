import type { WebSocket } from 'ws';
import { LocalWsServer } from './local-ws-server.js';

/**
 * Just enough of a Solana JSON-RPC WebSocket for the logs feed: answers logsSubscribe /
 * logsUnsubscribe (or refuses them), and pushes logsNotification frames on demand.
 */
export class LocalSolanaRpc {
  /** Per connection, the params of each logsSubscribe and the id we answered with. */
  readonly subscriptions: { connection: number; params: unknown; id: number }[] = [];
  /** While set, logsSubscribe is answered with this JSON-RPC error instead. */
  refuseSubscribe: { code: number; message: string } | undefined;
  private nextId = 100;

  private constructor(readonly ws: LocalWsServer) {
    ws.onMessage = (socket, text) => this.answer(socket, text);
  }

  static async start(): Promise<LocalSolanaRpc> {
    return new LocalSolanaRpc(await LocalWsServer.start());
  }

  get rpcUrl(): string {
    return `http://127.0.0.1:${this.ws.port}`;
  }

  get wsUrl(): string {
    return this.ws.url;
  }

  /** Pushes logs to the newest subscription on the newest connection. */
  pushLogs(logs: string[], options: { signature?: string; err?: unknown } = {}): void {
    const subscription = this.subscriptions.at(-1);
    if (!subscription) throw new Error('nobody subscribed');
    this.pushRaw(
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'logsNotification',
        params: {
          subscription: subscription.id,
          result: {
            context: { slot: 1 },
            value: { signature: options.signature ?? 'sig', err: options.err ?? null, logs },
          },
        },
      }),
    );
  }

  pushRaw(frame: string | Buffer): void {
    this.ws.latest.send(frame);
  }

  close(): Promise<void> {
    return this.ws.close();
  }

  private answer(socket: WebSocket, text: string): void {
    const request = JSON.parse(text) as { id?: number; method?: string; params?: unknown };
    const connection = this.ws.sockets.indexOf(socket);
    switch (request.method) {
      case 'logsSubscribe': {
        if (this.refuseSubscribe) {
          socket.send(JSON.stringify({ jsonrpc: '2.0', error: this.refuseSubscribe, id: request.id }));
          return;
        }
        const id = this.nextId++;
        this.subscriptions.push({ connection, params: request.params, id });
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: id }));
        return;
      }
      case 'logsUnsubscribe':
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: true }));
        return;
      default:
        return;
    }
  }
}
