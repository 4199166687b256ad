import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** An HTTP server on 127.0.0.1, port 0, with swappable routes and a log of every request. */
export class LocalHttpServer {
  readonly requests: { path: string; url: string; at: number }[] = [];
  private readonly routes = new Map<string, Route>();
  private readonly hanging: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    private readonly now: () => number,
  ) {
    server.on('request', (request, response) => {
      const url = new URL(request.url ?? '/', 'http://local');
      this.requests.push({ path: url.pathname, url: request.url ?? '', at: this.now() });
      // The most recently registered matching route wins, so a test can override a default.
      const route = [...this.routes.entries()].reverse().find(([prefix]) => url.pathname.startsWith(prefix))?.[1];
      if (route) route(request, response);
      else json(response, 404, { error: 'not found' });
    });
  }

  /** `now` stamps each request, e.g. with the test's ManualClock. */
  static async start(now: () => number = Date.now): Promise<LocalHttpServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return new LocalHttpServer(server, now);
  }

  get url(): string {
    const address = this.server.address();
    if (typeof address === 'string' || address === null) throw new Error('no port');
    return `http://127.0.0.1:${address.port}`;
  }

  route(prefix: string, handler: Route): void {
    this.routes.delete(prefix);
    this.routes.set(prefix, handler);
  }

  /** A route that never answers, to exercise client timeouts. */
  hang(prefix: string): void {
    this.route(prefix, (_request, response) => this.hanging.push(response));
  }

  count(prefix: string): number {
    return this.requests.filter((r) => r.path.startsWith(prefix)).length;
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}
