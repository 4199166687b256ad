import type { IncomingMessage } from 'node:http';
import { json, LocalHttpServer } from './feeds/local-http-server.js';
import type { EncodedAccount } from './launchlab-accounts.js';

/**
 * A JSON-RPC server on 127.0.0.1 that serves accounts to a web3.js Connection
 * (getAccountInfo, getMultipleAccounts) from a map the test controls, and logs every call.
 * Only reads: the venue plans, it never sends. `override` answers a call with any body
 * instead (an object is sent as JSON, a string as is), for malformed replies.
 */
export class LaunchLabAccountServer {
  readonly calls: { method: string; params: unknown[] }[] = [];
  readonly accounts = new Map<string, EncodedAccount>();
  override: ((method: string, id: unknown) => object | string | undefined) | undefined;

  private constructor(private readonly http: LocalHttpServer) {
    http.route('/', (request, response) => {
      void readBody(request).then((text) => {
        const call = JSON.parse(text) as { id: unknown; method: string; params?: unknown[] };
        this.calls.push({ method: call.method, params: call.params ?? [] });
        const raw = this.override?.(call.method, call.id);
        if (raw !== undefined) return json(response, 200, raw);
        json(response, 200, { jsonrpc: '2.0', id: call.id, ...this.answer(call.method, call.params ?? []) });
      });
    });
  }

  static async start(accounts?: Map<string, EncodedAccount>): Promise<LaunchLabAccountServer> {
    const server = new LaunchLabAccountServer(await LocalHttpServer.start());
    for (const [address, account] of accounts ?? []) server.accounts.set(address, account);
    return server;
  }

  get url(): string {
    return this.http.url;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private answer(method: string, params: unknown[]): object {
    const context = { slot: 1000 };
    switch (method) {
      case 'getAccountInfo':
        return { result: { context, value: this.account(params[0] as string) } };
      case 'getMultipleAccounts':
        return { result: { context, value: (params[0] as string[]).map((address) => this.account(address)) } };
      default:
        return { error: { code: -32601, message: `Method not found: ${method}` } };
    }
  }

  private account(address: string): object | null {
    const account = this.accounts.get(address);
    if (!account) return null;
    return {
      data: [account.data.toString('base64'), 'base64'],
      executable: false,
      lamports: account.lamports ?? 1_461_600,
      owner: account.owner.toBase58(),
      rentEpoch: 0,
      space: account.data.length,
    };
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
