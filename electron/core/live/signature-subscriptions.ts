import WebSocket from 'ws';
import { z } from 'zod';
import type { SignatureWatch } from './send-and-confirm.js';

/**
 * signatureSubscribe over the node's WebSocket, to wake the confirm loop the moment a
 * transaction is confirmed instead of at its next poll. It only ever hastens a status read:
 * a lost socket, a refused subscription or a garbled frame leave the watch silent and the
 * polling decides, as it does without a socket at all. One socket for every watch, opened on
 * first use and again after it dropped.
 */
export interface SignatureSubscriptionsOptions {
  wsUrl: string;
  /** Watches open at once; beyond it a watch stays silent (polling only). */
  maxWatches?: number;
}

const subscribeReply = z.object({ id: z.number(), result: z.number().int() });
const notification = z.object({
  method: z.literal('signatureNotification'),
  params: z.object({ subscription: z.number().int(), result: z.object({ value: z.unknown() }).loose() }),
});

interface Watch {
  signature: string;
  requestId: number;
  subscription?: number;
  hear: () => void;
}

export class SignatureSubscriptions {
  private socket: WebSocket | undefined;
  private readonly watches = new Set<Watch>();
  private nextId = 1;

  constructor(private readonly options: SignatureSubscriptionsOptions) {}

  /** For LiveTraderOptions.watch. */
  readonly watch = (signature: string): SignatureWatch => {
    let hear: () => void = () => undefined;
    const heard = new Promise<void>((resolve) => (hear = resolve));
    if (this.watches.size >= (this.options.maxWatches ?? 256)) return { heard, close: () => undefined };
    const watch: Watch = { signature, requestId: this.nextId++, hear };
    this.watches.add(watch);
    this.subscribe(watch);
    return {
      heard,
      close: () => {
        this.watches.delete(watch);
        if (watch.subscription !== undefined) this.send({ jsonrpc: '2.0', id: this.nextId++, method: 'signatureUnsubscribe', params: [watch.subscription] });
        if (this.watches.size === 0) this.close();
      },
    };
  };

  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.removeAllListeners();
    socket?.on('error', () => undefined);
    socket?.terminate();
  }

  private subscribe(watch: Watch): void {
    const socket = this.open();
    const frame = { jsonrpc: '2.0', id: watch.requestId, method: 'signatureSubscribe', params: [watch.signature, { commitment: 'confirmed' }] };
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    else socket.once('open', () => socket.send(JSON.stringify(frame)));
  }

  private open(): WebSocket {
    if (this.socket && (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING)) return this.socket;
    const socket = new WebSocket(this.options.wsUrl, { maxPayload: 1024 * 1024 });
    this.socket = socket;
    socket.on('message', (data) => this.onFrame(String(data)));
    // Silent by design: the confirm loop polls whatever happens here.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      for (const watch of this.watches) watch.subscription = undefined;
    });
    return socket;
  }

  private send(frame: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private onFrame(text: string): void {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return;
    }
    const reply = subscribeReply.safeParse(body);
    if (reply.success) {
      for (const watch of this.watches) if (watch.requestId === reply.data.id) watch.subscription = reply.data.result;
      return;
    }
    const note = notification.safeParse(body);
    if (!note.success) return;
    for (const watch of this.watches) {
      if (watch.subscription === note.data.params.subscription) watch.hear();
    }
  }
}
