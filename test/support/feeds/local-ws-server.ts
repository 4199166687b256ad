import { WebSocketServer, type WebSocket } from 'ws';

/** A WebSocket server on 127.0.0.1, port 0, that records what clients send. */
export class LocalWsServer {
  readonly received: { connection: number; text: string }[] = [];
  readonly sockets: WebSocket[] = [];
  readonly urls: string[] = [];
  onMessage: ((socket: WebSocket, text: string) => void) | undefined;
  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket, request) => {
      const connection = this.sockets.length;
      this.sockets.push(socket);
      this.urls.push(request.url ?? '');
      socket.on('message', (data) => {
        const text = data.toString();
        this.received.push({ connection, text });
        this.onMessage?.(socket, text);
      });
    });
  }

  static async start(): Promise<LocalWsServer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new LocalWsServer(server);
  }

  get port(): number {
    const address = this.server.address();
    if (typeof address === 'string' || address === null) throw new Error('no port');
    return address.port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** The newest client socket. */
  get latest(): WebSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no client connected');
    return socket;
  }

  messagesOf(connection: number): unknown[] {
    return this.received.filter((m) => m.connection === connection).map((m) => JSON.parse(m.text) as unknown);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
