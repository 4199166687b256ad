import { z } from 'zod';

/**
 * The Solana JSON-RPC WebSocket frames the logs feed deals in (solana.com/docs/rpc/websocket/
 * logssubscribe): the reply to our `logsSubscribe`, error replies, and `logsNotification`s.
 * Every frame is untrusted and parsed here.
 */
const logsNotification = z.object({
  jsonrpc: z.literal('2.0').optional(),
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
export type LogsValue = z.infer<typeof logsNotification>['params']['result']['value'];

const idSchema = z.union([z.number(), z.string(), z.null()]);
const resultReply = z.object({ id: idSchema, result: z.unknown() });
const errorReply = z.object({
  id: idSchema,
  error: z.object({ code: z.number().optional(), message: z.string().max(2_000).optional() }).passthrough(),
});

export type RpcFrame =
  | { kind: 'logs'; subscription: number; value: LogsValue }
  | { kind: 'result'; id: number | string | null; result: unknown }
  | { kind: 'error'; id: number | string | null; code: number | undefined; message: string }
  | { kind: 'bad'; reason: string };

export function classifyRpcFrame(text: string): RpcFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: 'malformed JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'bad', reason: 'frame is not an object' };
  if ('method' in json) {
    const parsed = logsNotification.safeParse(json);
    if (!parsed.success) return { kind: 'bad', reason: 'malformed or unexpected notification' };
    return { kind: 'logs', subscription: parsed.data.params.subscription, value: parsed.data.params.result.value };
  }
  if ('error' in json) {
    const parsed = errorReply.safeParse(json);
    if (!parsed.success) return { kind: 'bad', reason: 'malformed error reply' };
    const { code, message } = parsed.data.error;
    return { kind: 'error', id: parsed.data.id, code, message: message ?? `error ${code ?? '?'}` };
  }
  const reply = resultReply.safeParse(json);
  if (reply.success && 'result' in json) return { kind: 'result', id: reply.data.id, result: reply.data.result };
  return { kind: 'bad', reason: 'unknown frame shape' };
}

/**
 * Error replies with `id: null` answer a message the node could not tie to a request.
 * web3.js sends `{"method":"ping"}` every 5 s on its RPC socket, and providers answer each
 * with such an error (Invalid Request / Method not found); so does any other client
 * sharing a proxy's socket. They say nothing about our subscription: neither a bad frame
 * nor an error to show. Any other id-less error (a rate limit, a quota) is shown.
 */
export function isRequestShapeComplaint(frame: { id: unknown; code: number | undefined; message: string }): boolean {
  if (frame.id !== null) return false;
  return frame.code === -32600 || frame.code === -32601 || frame.code === -32700 || /invalid request|method not found|parse error|\bping\b/i.test(frame.message);
}
