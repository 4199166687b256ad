import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { EnginePort } from '../core/engine-port.js';
import { systemClock, type Clock } from '../core/time/clock.js';
import { generateAccessToken, tokenMatches } from './access-token.js';
import { dispatch } from './dispatch.js';
import { EventBatcher } from './event-batcher.js';
import { silentLogger, type HostLogger } from './host-logger.js';
import { sendText, serveStatic } from './static-files.js';
import { ClientConnection } from './ws-connection.js';
import { answerWsMessage } from './ws-messages.js';
import { displayOrigin, ownOrigins } from './ws-origins.js';

export interface WsHostOptions {
  engine: EnginePort;
  /** Interface to bind; loopback unless the trader deliberately serves a network (VPS). */
  host?: string;
  /** 0 picks any free port. */
  port?: number;
  /** Generated (32 random bytes, hex) unless given; at least 16 characters. */
  token?: string;
  /** Built renderer to serve; null or missing index.html serves a placeholder page. */
  rendererDir?: string | null;
  /** Origins besides this server's own that may open the WebSocket, e.g. a reverse proxy's. */
  allowedOrigins?: string[];
  maxMessageBytes?: number;
  /**
   * At most this many calls of one connection are in flight: from arrival until the reply
   * is written to the socket. At the cap the host stops reading that connection.
   */
  maxPendingPerClient?: number;
  /** A client whose unsent data (replies or events) passes this is cut off, so it cannot grow our memory. */
  maxBufferedBytes?: number;
  /** A client held at the in-flight cap this long without a reply getting through is cut off. */
  stallTimeoutMs?: number;
  clock?: Clock;
  logger?: HostLogger;
  validateOutput?: boolean;
  batchIntervalMs?: number;
}

export interface WsHost {
  /** The server's own origin with a trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** What to open in a browser: the URL with the token in the fragment (never sent in requests). */
  consoleUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const oneMiB = 1024 * 1024;

function rejectUpgrade(socket: Duplex, status: 401 | 403 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startWsHost(options: WsHostOptions): Promise<WsHost> {
  const { engine } = options;
  const logger = options.logger ?? silentLogger;
  const token = options.token ?? generateAccessToken();
  if (token.length < 16) throw new Error('the access token must be at least 16 characters');
  const bindHost = options.host ?? '127.0.0.1';
  const maxPending = options.maxPendingPerClient ?? 32;
  const maxBuffered = options.maxBufferedBytes ?? 16 * oneMiB;
  const stallTimeoutMs = options.stallTimeoutMs ?? 15_000;
  const maxMessageBytes = options.maxMessageBytes ?? oneMiB;
  const clock = options.clock ?? systemClock;
  const dispatchOptions = { validateOutput: options.validateOutput };
  const rendererDir = options.rendererDir ?? null;
  let origins = new Set<string>();

  const requestUrl = (req: IncomingMessage): URL => new URL(req.url ?? '/', 'http://host.invalid');
  const bearer = (req: IncomingMessage): string | null => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return sendText(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    const url = requestUrl(req);
    if (url.pathname === '/status') {
      if (!tokenMatches(url.searchParams.get('token') ?? bearer(req), token)) {
        return sendText(res, 401, 'application/json; charset=utf-8', '{"error":"unauthorized"}', head);
      }
      const result = await dispatch(engine.handlers, 'status.get', {}, dispatchOptions);
      const body = JSON.stringify(result.ok ? result.value : { error: result.error });
      return sendText(res, result.ok ? 200 : 500, 'application/json; charset=utf-8', body, head);
    }
    if (url.pathname === '/ws') return sendText(res, 426, 'text/plain; charset=utf-8', 'upgrade required', head);
    return serveStatic(res, rendererDir, url.pathname, head);
  }

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      logger.warn('http: request failed', { path: requestUrl(req).pathname, error: String(error) });
      if (!res.headersSent) sendText(res, 500, 'text/plain; charset=utf-8', 'internal error');
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const connections = new Map<WebSocket, ClientConnection>();
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req);
    if (url.pathname !== '/ws') return rejectUpgrade(socket, 404, 'Not Found');
    if (!tokenMatches(url.searchParams.get('token') ?? bearer(req), token)) {
      logger.warn('ws: refused a connection without the right token', { remote: req.socket.remoteAddress });
      return rejectUpgrade(socket, 401, 'Unauthorized');
    }
    // Browsers always send Origin; a page of another site must not drive the engine even if
    // it learned the token. Clients without Origin are not browsers and still need the token.
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) {
      logger.warn('ws: refused a connection from a foreign origin', { origin: origin.slice(0, 200) });
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => acceptClient(ws));
  });

  function acceptClient(ws: WebSocket): void {
    clients.add(ws);
    const connection = new ClientConnection(ws, {
      maxPending,
      maxBuffered,
      stallTimeoutMs,
      // What ws may still hand over after the socket is paused: frames it had already read.
      maxWaitingBytes: 4 * maxMessageBytes,
      clock,
      answer: (text) => answerWsMessage(engine.handlers, text, dispatchOptions),
      cutOff: (why, details) => logger.warn(`ws: cut off a client that ${why}`, details),
    });
    connections.set(ws, connection);
    ws.on('close', () => {
      clients.delete(ws);
      connections.delete(ws);
      connection.closed();
    });
    // Oversized frames and protocol errors end up here; ws closes the connection itself.
    ws.on('error', (error) => logger.warn('ws: connection error', { error: error.message }));
  }

  const batcher = new EventBatcher({
    clock,
    intervalMs: options.batchIntervalMs,
    flush: (events) => {
      const message = JSON.stringify({ events });
      for (const connection of connections.values()) connection.push(message);
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origins = ownOrigins(bindHost, port, options.allowedOrigins ?? []);
  const unsubscribe = engine.subscribe(batcher.push);
  const url = `${displayOrigin(bindHost, port)}/`;
  logger.info('headless host listening', { url });

  return {
    url,
    consoleUrl: `${url}#token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      batcher.stop();
      for (const ws of clients) ws.close(1001, 'server closing');
      await closeWithin(server, clients, 1_000);
      wss.close();
    },
  };
}

/** Closes the server; clients that do not finish the close handshake in time are cut off. */
async function closeWithin(server: ReturnType<typeof createServer>, clients: Set<WebSocket>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  for (const ws of clients) ws.terminate();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
