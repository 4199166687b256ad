import type { Connection } from '@solana/web3.js';
import { z } from 'zod';

/**
 * web3.js 1.x hides its JSON-RPC WebSocket (an rpc-websockets client) inside Connection.
 * Two of its behaviours are unsafe with an untrusted or flaky RPC, verified against a local
 * server: a frame such as `null` throws inside the socket's message handler (an uncaught
 * exception, which ends a Node process), and a server-side close with code 1000 reconnects
 * without re-sending `logsSubscribe`, so the feed goes silent forever.
 *
 * So the feed takes over the socket's lifecycle through the client's own public methods
 * (`setAutoReconnect`, `close`, `on`) and its pluggable `dataPack`, which rpc-websockets
 * calls inside a try/catch: a frame our decoder rejects is dropped there, before web3.js
 * sees it. If a web3.js upgrade moves the field, `socketClientOf` returns undefined and the
 * feed falls back to its silence watchdog alone.
 */
export interface RpcSocketClient {
  dataPack: { encode(value: unknown): string; decode(message: unknown): unknown };
  setAutoReconnect(reconnect: boolean): void;
  connect(): void;
  close(code?: number): void;
  on(event: 'open' | 'close' | 'error', listener: (...args: unknown[]) => void): unknown;
}

export function socketClientOf(connection: Connection): RpcSocketClient | undefined {
  const client = (connection as unknown as { _rpcWebSocket?: Partial<RpcSocketClient> })._rpcWebSocket;
  if (
    client &&
    typeof client.setAutoReconnect === 'function' &&
    typeof client.close === 'function' &&
    typeof client.connect === 'function' &&
    typeof client.on === 'function' &&
    typeof client.dataPack?.decode === 'function'
  ) {
    return client as RpcSocketClient;
  }
  return undefined;
}

/** Stops a Connection's socket for good: web3.js would otherwise reconnect it on close. */
export function disposeSocketClient(client: RpcSocketClient): void {
  client.setAutoReconnect(false);
  client.connect = () => undefined;
  try {
    client.close(1000);
  } catch {
    // Closing a socket that is already gone is fine.
  }
}

const logsNotification = z.object({
  method: z.literal('logsNotification'),
  params: z.object({
    subscription: z.number().int(),
    result: z.object({
      context: z.object({ slot: z.number() }),
      value: z.object({
        signature: z.string().max(128),
        err: z.union([z.null(), z.string(), z.record(z.string(), z.unknown())]),
        logs: z.array(z.string().max(20_000)).max(5_000),
      }),
    }),
  }),
});

const response = z.object({ id: z.union([z.number(), z.string()]) });

/**
 * Accepts only what the logs feed needs: responses to our calls and well-formed
 * `logsNotification`s. Everything else throws, which rpc-websockets treats as "drop".
 */
export function guardedDataPack(maxFrameBytes: number, onBad: (reason: string) => void): RpcSocketClient['dataPack'] {
  const reject = (reason: string): never => {
    onBad(reason);
    throw new Error(reason);
  };
  return {
    encode: (value) => JSON.stringify(value),
    decode: (message) => {
      if (typeof message !== 'string') return reject('binary frame');
      if (message.length > maxFrameBytes) return reject(`frame of ${message.length} bytes`);
      let json: unknown;
      try {
        json = JSON.parse(message);
      } catch {
        return reject('malformed JSON');
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return reject('frame is not an object');
      if ('method' in json || 'notification' in json) {
        if (logsNotification.safeParse(json).success) return json;
        return reject('malformed or unexpected notification');
      }
      if (response.safeParse(json).success) return json;
      return reject('unknown frame shape');
    },
  };
}
