import { Connection, type Commitment, type ConnectionConfig } from '@solana/web3.js';
import { z } from 'zod';
import { systemClock, type Clock } from '../time/clock.js';
import {
  balanceSchema,
  envelopeSchema,
  latestBlockhashSchema,
  prioritizationFeesSchema,
  signatureStatusesSchema,
  tokenAccountBalanceSchema,
  tokenAccountsByOwnerSchema,
  transactionReplySchema,
  type SignatureStatus,
  type TransactionReply,
} from './solana-rpc-schemas.js';

/**
 * Why our own JSON-RPC client and not web3.js's Connection for the trade path: web3.js's
 * `sendTransaction` throws a `SendTransactionError` that keeps the message and the logs but
 * drops the JSON-RPC error code, and the code is what tells a preflight refusal (-32002:
 * never forwarded, cannot land) from a node that is unwell (-32005: may have been
 * forwarded). A fetch failure, a 429 and a timeout also come out of web3.js as the same
 * kind of Error. Here every failure keeps what it was, and `rpc-errors.ts` classifies it.
 * Venues still read accounts through a web3.js Connection on the same URL (`connection()`):
 * the pump.fun SDK needs one, and reads are safe to retry.
 */

export type FetchFn = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<Response>;

/** How one call failed, kept apart so the caller can tell "refused" from "don't know". */
export type RpcFailure =
  | { kind: 'json-rpc'; code: number; message: string; data?: unknown }
  | { kind: 'http'; status: number }
  | { kind: 'timeout'; ms: number }
  /** The request did not complete: refused, reset, closed mid-reply. `code` is the system error (ECONNRESET…). */
  | { kind: 'network'; code?: string; message: string }
  /** An answer that is not a JSON-RPC reply of the expected shape. */
  | { kind: 'malformed'; message: string };

export class SolanaRpcError extends Error {
  override name = 'SolanaRpcError';
  constructor(
    readonly method: string,
    readonly failure: RpcFailure,
  ) {
    super(`${method}: ${describeFailure(failure)}`);
  }
}

export function describeFailure(failure: RpcFailure): string {
  switch (failure.kind) {
    case 'json-rpc':
      return `JSON-RPC error ${failure.code}: ${failure.message}`;
    case 'http':
      return failure.status === 429 ? 'rate limited by the RPC (HTTP 429)' : `HTTP ${failure.status} from the RPC`;
    case 'timeout':
      return `no answer from the RPC within ${failure.ms} ms`;
    case 'network':
      return `the connection to the RPC failed (${failure.code ?? failure.message})`;
    case 'malformed':
      return `unreadable reply from the RPC (${failure.message})`;
    default: {
      const never: never = failure;
      throw new Error(`unhandled failure ${JSON.stringify(never)}`);
    }
  }
}

export interface SolanaRpcOptions {
  url: string;
  /** WebSocket endpoint for the Connection's subscriptions; default: the URL with ws(s)://, same port. */
  wsUrl?: string;
  /** Per call, headers and body included (default 5 s). */
  timeoutMs?: number;
  clock?: Clock;
  fetch?: FetchFn;
  /** Largest reply accepted (default 8 MB): a hostile node cannot make us buffer without end. */
  maxReplyBytes?: number;
}

export interface SendOptions {
  skipPreflight: boolean;
  preflightCommitment?: Commitment;
}

export interface LatestBlockhash {
  blockhash: string;
  lastValidBlockHeight: number;
}

export interface TokenAccountBalance {
  address: string;
  amountRaw: bigint;
  decimals: number;
}

const COMMITMENT: Commitment = 'confirmed';
const signatureString = z.string().min(64).max(88);
const blockHeight = z.number().int().nonnegative();

/** A small typed JSON-RPC 2.0 client for the calls of the live trade path. */
export class SolanaRpc {
  readonly url: string;
  readonly wsUrl: string;
  private readonly timeoutMs: number;
  private readonly clock: Clock;
  private readonly fetchFn: FetchFn;
  private readonly maxReplyBytes: number;
  private nextId = 1;
  private cachedConnection: Connection | undefined;

  constructor(options: SolanaRpcOptions) {
    const parsed = new URL(options.url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`the RPC URL must be http(s), not ${parsed.protocol}`);
    this.url = options.url;
    this.wsUrl = options.wsUrl ?? options.url.replace(/^http/, 'ws');
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.clock = options.clock ?? systemClock;
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
    this.maxReplyBytes = options.maxReplyBytes ?? 8 * 1024 * 1024;
  }

  /**
   * A web3.js Connection on the same node, for venues that read accounts (the pump.fun SDK
   * needs one). Its own 429 retries are off (they would sleep where we cannot see), and its
   * requests go through this client's fetch with the same per-call timeout: web3.js has none,
   * so a node that never answers would hold a buy's planning for ever.
   */
  connection(): Connection {
    const fetchWithTimeout = (input: unknown, init: unknown) => this.timedFetch(String(input), init as { method?: string; headers?: Record<string, string>; body?: string });
    this.cachedConnection ??= new Connection(this.url, {
      commitment: COMMITMENT,
      wsEndpoint: this.wsUrl,
      disableRetryOnRateLimit: true,
      fetch: fetchWithTimeout as unknown as ConnectionConfig['fetch'],
    });
    return this.cachedConnection;
  }

  /** The Connection's transport: our fetch, the body read inside the timeout. */
  private async timedFetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Response> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      const response = await this.fetchFn(url, { method: 'POST', headers: init.headers ?? {}, body: init.body ?? '', signal: controller.signal });
      const body = await response.arrayBuffer();
      if (body.byteLength > this.maxReplyBytes) throw new Error(`a reply of ${body.byteLength} bytes from the RPC`);
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (timedOut) throw new Error(`no answer from the RPC within ${this.timeoutMs} ms`);
      throw error;
    } finally {
      this.clock.clearTimeout(timer);
    }
  }

  /** Sends signed bytes once; the node does not retry (maxRetries 0): the send-and-confirm loop re-sends. */
  sendTransaction(base64: string, options: SendOptions): Promise<string> {
    return this.call(
      'sendTransaction',
      [base64, { encoding: 'base64', skipPreflight: options.skipPreflight, preflightCommitment: options.preflightCommitment ?? COMMITMENT, maxRetries: 0 }],
      signatureString,
    );
  }

  /** Without `searchTransactionHistory` the node looks only in its recent status cache. */
  async getSignatureStatuses(signatures: string[], options: { searchTransactionHistory: boolean }): Promise<(SignatureStatus | null)[]> {
    const reply = await this.call('getSignatureStatuses', [signatures, { searchTransactionHistory: options.searchTransactionHistory }], signatureStatusesSchema);
    if (reply.value.length !== signatures.length) throw new SolanaRpcError('getSignatureStatuses', { kind: 'malformed', message: `${reply.value.length} statuses for ${signatures.length} signatures` });
    return reply.value;
  }

  getBlockHeight(): Promise<number> {
    return this.call('getBlockHeight', [{ commitment: COMMITMENT }], blockHeight);
  }

  async getLatestBlockhash(): Promise<LatestBlockhash> {
    const reply = await this.call('getLatestBlockhash', [{ commitment: COMMITMENT }], latestBlockhashSchema);
    return { blockhash: reply.value.blockhash, lastValidBlockHeight: reply.value.lastValidBlockHeight };
  }

  /** The landed transaction with its meta, or null while the node does not have it at `confirmed`. */
  getTransaction(signature: string): Promise<TransactionReply | null> {
    return this.call('getTransaction', [signature, { encoding: 'base64', commitment: COMMITMENT, maxSupportedTransactionVersion: 0 }], transactionReplySchema);
  }

  async getBalance(address: string): Promise<bigint> {
    const reply = await this.call('getBalance', [address, { commitment: COMMITMENT }], balanceSchema);
    return BigInt(reply.value);
  }

  /** Every token account of `owner` for `mint`, under either token program. */
  async getTokenAccountsByOwner(owner: string, mint: string): Promise<TokenAccountBalance[]> {
    const reply = await this.call('getTokenAccountsByOwner', [owner, { mint }, { encoding: 'jsonParsed', commitment: COMMITMENT }], tokenAccountsByOwnerSchema);
    return reply.value.map((entry) => {
      const info = entry.account.data.parsed.info;
      if (info.mint !== mint) throw new SolanaRpcError('getTokenAccountsByOwner', { kind: 'malformed', message: `an account of mint ${info.mint} in the reply for ${mint}` });
      return { address: entry.pubkey, amountRaw: BigInt(info.tokenAmount.amount), decimals: info.tokenAmount.decimals };
    });
  }

  async getTokenAccountBalance(account: string): Promise<{ amountRaw: bigint; decimals: number }> {
    const reply = await this.call('getTokenAccountBalance', [account, { commitment: COMMITMENT }], tokenAccountBalanceSchema);
    return { amountRaw: BigInt(reply.value.amount), decimals: reply.value.decimals };
  }

  /** Recent per-slot minimum priority fees (micro-lamports per compute unit) paid by transactions locking `accounts`. */
  async getRecentPrioritizationFees(accounts: string[]): Promise<number[]> {
    const reply = await this.call('getRecentPrioritizationFees', [accounts], prioritizationFeesSchema);
    return reply.map((entry) => entry.prioritizationFee);
  }

  /** One JSON-RPC call: POST, a timeout on the injected clock covering headers and body, the reply parsed by `schema`. */
  async call<S extends z.ZodType>(method: string, params: unknown[], schema: S): Promise<z.infer<S>> {
    const id = this.nextId++;
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const fail = (failure: RpcFailure) => new SolanaRpcError(method, failure);
    let text: string;
    try {
      const response = await this.fetchFn(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        signal: controller.signal,
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw fail({ kind: 'http', status: response.status });
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > this.maxReplyBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw fail({ kind: 'malformed', message: `a reply of ${declared} bytes` });
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof SolanaRpcError) throw error;
      if (timedOut) throw fail({ kind: 'timeout', ms: this.timeoutMs });
      throw fail(networkFailure(error));
    } finally {
      this.clock.clearTimeout(timer);
    }
    if (text.length > this.maxReplyBytes) throw fail({ kind: 'malformed', message: `a reply of ${text.length} bytes` });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw fail({ kind: 'malformed', message: 'not JSON' });
    }
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) throw fail({ kind: 'malformed', message: 'not a JSON-RPC 2.0 reply' });
    if (envelope.data.id !== id) throw fail({ kind: 'malformed', message: 'a reply to another request' });
    if (envelope.data.error) {
      const { code, message, data } = envelope.data.error;
      throw fail({ kind: 'json-rpc', code, message: message.slice(0, 2_000), ...(data !== undefined ? { data } : {}) });
    }
    const result = schema.safeParse(envelope.data.result);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw fail({ kind: 'malformed', message: `${issue?.path.join('.') || 'result'}: ${issue?.message ?? 'unexpected shape'}` });
    }
    return result.data;
  }
}

/** fetch() wraps the socket error: "fetch failed" with the system error (ECONNRESET, ECONNREFUSED…) as its cause. */
function networkFailure(error: unknown): RpcFailure {
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return { kind: 'network', code, message: cause.message };
    cause = (cause as { cause?: unknown }).cause;
  }
  return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
}
