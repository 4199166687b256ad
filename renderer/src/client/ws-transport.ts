import { Listeners, type ConnectionState, type RawResult, type Transport } from './transport.js';
import type { PushedEvent } from './wire-types.js';

export interface WsTransportOptions {
  /** ws://host:port/ws?token=... */
  url: string;
  /** Injected by tests; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
  /** A call without an answer after this long fails with a readable error. */
  callTimeoutMs?: number;
  /** Reconnect delays grow from the first to the last, then stay there. */
  reconnectDelaysMs?: readonly number[];
}

interface Pending {
  resolve: (result: RawResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

const failed = (message: string): RawResult => ({ ok: false, error: { code: 'failed', message } });

/**
 * The browser transport: one WebSocket to the headless host, reconnecting with backoff for
 * as long as the page is open. Calls carry an id the host echoes back, since replies may
 * come out of order; calls still open when the socket drops fail at once instead of hanging.
 */
export function createWsTransport(options: WsTransportOptions): Transport {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const delays = options.reconnectDelaysMs ?? [250, 500, 1_000, 2_000, 4_000];
  const events = new Listeners<PushedEvent[]>();
  const connection = new Listeners<ConnectionState>();
  const pending = new Map<number, Pending>();
  let state: ConnectionState = { connected: false };
  let socket: WebSocket | null = null;
  let nextId = 1;
  let failures = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setState = (next: ConnectionState): void => {
    state = next;
    connection.emit(next);
  };

  const settleAll = (message: string): void => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      pending.delete(id);
      call.resolve(failed(message));
    }
  };

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      console.warn('launchdesk: ignored an unreadable message from the host');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const fields = message as Record<string, unknown>;
    if (Array.isArray(fields.events)) {
      events.emit(fields.events as PushedEvent[]);
      return;
    }
    if (typeof fields.id === 'number' && typeof fields.result === 'object' && fields.result !== null) {
      const call = pending.get(fields.id);
      if (!call) return;
      pending.delete(fields.id);
      clearTimeout(call.timer);
      call.resolve(fields.result as RawResult);
    }
  }

  function connect(): void {
    if (closed) return;
    let opened = false;
    const ws = new Impl(options.url);
    socket = ws;
    ws.onopen = () => {
      opened = true;
      failures = 0;
      setState({ connected: true });
    };
    ws.onmessage = (event: MessageEvent) => onMessage(event.data);
    ws.onclose = (event: CloseEvent) => {
      if (socket === ws) socket = null;
      settleAll('the connection to the engine was lost; try again once it is back');
      if (closed) return;
      // A refused upgrade (wrong token, foreign origin) looks like any failed connect to a page.
      const error = opened
        ? `connection lost${event.reason ? `: ${event.reason}` : ''}`
        : 'cannot reach the engine (is it running, and is the link complete with its token?)';
      setState({ connected: false, error });
      const delay = delays[Math.min(failures, delays.length - 1)] ?? 1_000;
      failures++;
      retryTimer = setTimeout(connect, delay);
    };
  }

  connect();

  return {
    invoke(name, input) {
      const ws = socket;
      if (!ws || ws.readyState !== Impl.OPEN) return Promise.resolve(failed('not connected to the engine'));
      const id = nextId++;
      return new Promise<RawResult>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(failed(`no answer from the engine within ${Math.round(callTimeoutMs / 1000)} s`));
        }, callTimeoutMs);
        pending.set(id, { resolve, timer });
        ws.send(JSON.stringify({ id, name, input }));
      });
    },
    onEvents: (listener) => events.add(listener),
    onConnection(listener) {
      listener(state);
      return connection.add(listener);
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      settleAll('the console was closed');
      socket?.close(1000, 'console closed');
      socket = null;
    },
  };
}

/** The WebSocket URL of the page's own host, with the token the console link carries in its fragment. */
export function wsUrlFromLocation(location: Pick<Location, 'protocol' | 'host' | 'hash'>): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
