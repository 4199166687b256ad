import crypto from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getAssociatedTokenAddressSync, MINT_SIZE, MintLayout, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { PublicKey, SystemProgram, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { WebSocketServer, type WebSocket } from 'ws';
import { chainEffectsOf, type ChainEffects } from './fake-solana-rpc-decode.js';

/**
 * A scripted Solana JSON-RPC (+ WebSocket) node on 127.0.0.1, for the live trader's tests and
 * every test that needs a chain: accounts any test can put in, a block height the test
 * moves, and each sendTransaction decided by the test's script (land — after N blocks, with
 * a meta.err —, refuse in preflight, answer "already processed", hang, reset the socket,
 * answer HTTP 429/5xx). It decodes every sent transaction, checks its signatures, and counts
 * the DISTINCT SIGNATURES PER MINT: the proof that an unknown buy was never rebuilt.
 *
 * Replies follow the shapes web3.js 1.x parses (getAccountInfo / getMultipleAccounts with
 * base64 data and a context), so a web3.js Connection (and the pump.fun SDK on it) works
 * against it; pass `wsUrl` as the Connection's wsEndpoint (web3.js would otherwise use port + 1).
 */

export type TransactionErrorJson = string | Record<string, unknown>;

/** How a transaction lands. Without `err` it succeeds and its effects apply. */
export interface LandSpec {
  /** Lands when the chain is this many blocks past the height at the send (default 1). */
  afterBlocks?: number;
  /** meta.err of the landed transaction, e.g. {InstructionError: [2, {Custom: 6002}]}: only the fee is charged. */
  err?: TransactionErrorJson;
  logs?: string[];
  /** Overrides of what the transaction does to the fee payer (lamports, excluding the fee) and its token balance of the mint (raw). */
  solDelta?: bigint;
  tokenDelta?: bigint;
}

export type SendAction =
  /** Answers the signature; lands per `land` (false: it never lands). */
  | { kind: 'accept'; land?: LandSpec | false }
  /** A JSON-RPC error (e.g. -32002 preflight refusal); never lands. */
  | { kind: 'refuse'; code: number; message: string; data?: unknown }
  /** Lands (if not already) and answers -32002 "This transaction has already been processed". */
  | { kind: 'already-processed'; land?: LandSpec }
  /** Never answers (the client times out); lands per `land`. */
  | { kind: 'hang'; land?: LandSpec | false }
  /** Destroys the connection before answering; lands per `land`. */
  | { kind: 'reset'; land?: LandSpec | false }
  /** Answers an HTTP status (429, 502…) with no JSON-RPC body; lands per `land`. */
  | { kind: 'http'; status: number; land?: LandSpec | false };

export interface SentTransaction {
  signature: string;
  transaction: VersionedTransaction;
  feePayer: string;
  /** Registered mints (addMint) among the transaction's account keys. */
  mints: string[];
  /** 0 the first time this signature is sent, then 1, 2… for each re-send. */
  nth: number;
  skipPreflight: boolean;
}

/**
 * Decides each sendTransaction; undefined = the default: accept, and land next block unless
 * this signature already landed or is already due to (a re-send changes nothing then).
 */
export type SendScript = (sent: SentTransaction) => SendAction | undefined;

/** What any call (not only sends) can be made to do instead of answering. */
export type CallFault =
  | { kind: 'http'; status: number }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** A 200 reply that is not valid JSON-RPC; "$ID" in the body becomes the request's id. */
  | { kind: 'garbage'; body?: string };

export const actions = {
  land: (spec: LandSpec = {}): SendAction => ({ kind: 'accept', land: spec }),
  landWithError: (err: TransactionErrorJson, spec: Omit<LandSpec, 'err'> = {}): SendAction => ({ kind: 'accept', land: { ...spec, err } }),
  dropped: (): SendAction => ({ kind: 'accept', land: false }),
  preflightRefusal: (err: TransactionErrorJson, logs: string[] = []): SendAction => ({
    kind: 'refuse',
    code: -32002,
    message: `Transaction simulation failed: ${typeof err === 'string' ? err : 'Error processing Instruction'}`,
    data: { err, logs, accounts: null, unitsConsumed: 0, returnData: null },
  }),
  insufficientFunds: (): SendAction => ({
    kind: 'refuse',
    code: -32002,
    message: 'Transaction simulation failed: Attempt to debit an account but found no record of a prior credit.',
    data: { err: 'AccountNotFound', logs: [], accounts: null, unitsConsumed: 0, returnData: null },
  }),
  alreadyProcessed: (spec: LandSpec = {}): SendAction => ({ kind: 'already-processed', land: spec }),
  hang: (land: LandSpec | false = false): SendAction => ({ kind: 'hang', land }),
  reset: (land: LandSpec | false = false): SendAction => ({ kind: 'reset', land }),
  http: (status: number, land: LandSpec | false = false): SendAction => ({ kind: 'http', status, land }),
};

interface Account {
  lamports: bigint;
  owner: string;
  data: Buffer;
  executable: boolean;
}

interface TokenHolding {
  owner: string;
  mint: string;
  address: string;
  amountRaw: bigint;
}

interface TrackedTransaction {
  signature: string;
  sent: SentTransaction;
  effects: ChainEffects;
  lastValidBlockHeight: number | undefined;
  landAt?: number;
  spec?: LandSpec;
  landed?: { slot: number; height: number; meta: Record<string, unknown> };
}

export interface FakeSolanaRpcOptions {
  startHeight?: number;
  /** With `now`: the chain moves one block every `msPerBlock` of that clock (e.g. a test's ManualClock), besides advanceBlocks(). */
  now?: () => number;
  msPerBlock?: number;
  /** Blocks a landed status stays in the node's status cache (read without searchTransactionHistory); default 150. */
  statusCacheBlocks?: number;
  /** Blocks a blockhash stays valid (Solana: 150). */
  blockhashValidBlocks?: number;
  /**
   * Lands due transactions on a real-time interval too, not only when a request comes in
   * (for benches on the wall clock, so a signature notification is pushed when its block
   * comes). Tests on a ManualClock leave it off.
   */
  settleEveryMs?: number;
  /** Verify the ed25519 signatures of sent transactions (default true): an unsigned send is refused like the RPC does. */
  verifySignatures?: boolean;
}

const SLOT_OFFSET = 5_000;
const LAMPORTS_PER_SIGNATURE = 5_000n;

export class FakeSolanaRpc {
  /** Every JSON-RPC call received, in order. */
  readonly calls: { method: string; params: unknown[] }[] = [];
  script: SendScript = () => undefined;
  /**
   * What a landing transaction does to its fee payer when its LandSpec does not say:
   * a test venue decodes its own instructions here (see test-venue.ts). Undefined: only
   * System Program transfers move lamports, and no tokens move.
   */
  landEffects: ((sent: SentTransaction) => { solDelta?: bigint; tokenDelta?: bigint } | undefined) | undefined;
  /** getRecentPrioritizationFees answers these, one per slot. */
  priorityFees: number[] = [];
  private readonly accounts = new Map<string, Account>();
  private readonly mints = new Map<string, { decimals: number; programId: string }>();
  private readonly holdings = new Map<string, TokenHolding>();
  private readonly transactions = new Map<string, TrackedTransaction>();
  private readonly blockhashes = new Map<string, number>();
  private readonly faults: { method: string | undefined; fault: CallFault }[] = [];
  private readonly held: ServerResponse[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly subscriptions = new Map<number, { socket: WebSocket; signature: string }>();
  private nextSubscription = 1;
  private manualBlocks = 0;
  private readonly startAt: number;
  private server: Server;
  private wss: WebSocketServer;
  private settleTimer: NodeJS.Timeout | undefined;
  private port = 0;
  private running = false;

  private constructor(private readonly options: FakeSolanaRpcOptions) {
    this.startAt = options.now?.() ?? 0;
    this.server = this.createHttp();
    this.wss = this.createWs();
  }

  static async start(options: FakeSolanaRpcOptions = {}): Promise<FakeSolanaRpc> {
    const rpc = new FakeSolanaRpc(options);
    await rpc.listen(0);
    return rpc;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** signatureSubscribe subscriptions open now (a notification closes one). */
  get signatureSubscriptions(): number {
    return this.subscriptions.size;
  }

  /** Sends a raw frame to every WebSocket client (garbage, a notification for nobody…). */
  pushWs(frame: string): void {
    for (const socket of this.wss.clients) socket.send(frame);
  }

  /** Requests held open by a `hang` (the client is waiting on them). */
  get heldCount(): number {
    return this.held.filter((r) => !r.writableEnded && !r.destroyed).length;
  }

  // ---- the chain -------------------------------------------------------------------

  get blockHeight(): number {
    const { now, msPerBlock } = this.options;
    const byClock = now && msPerBlock ? Math.floor((now() - this.startAt) / msPerBlock) : 0;
    return (this.options.startHeight ?? 1_000) + this.manualBlocks + byClock;
  }

  get slot(): number {
    return this.blockHeight + SLOT_OFFSET;
  }

  advanceBlocks(n = 1): void {
    this.manualBlocks += n;
    this.settle();
  }

  setAccount(address: string | PublicKey, account: { lamports?: bigint | number; owner?: string | PublicKey; data?: Buffer | Uint8Array; executable?: boolean }): void {
    this.accounts.set(address.toString(), {
      lamports: BigInt(account.lamports ?? 1_000_000),
      owner: (account.owner ?? SystemProgram.programId).toString(),
      data: Buffer.from(account.data ?? Buffer.alloc(0)),
      executable: account.executable ?? false,
    });
  }

  deleteAccount(address: string | PublicKey): void {
    this.accounts.delete(address.toString());
  }

  setBalance(address: string | PublicKey, lamports: bigint | number): void {
    const existing = this.accounts.get(address.toString());
    if (existing) existing.lamports = BigInt(lamports);
    else this.setAccount(address, { lamports });
  }

  balanceOf(address: string | PublicKey): bigint {
    return this.accounts.get(address.toString())?.lamports ?? 0n;
  }

  /** A mint account (SPL Token layout, under `programId`) whose transactions are counted. */
  addMint(mint: string | PublicKey, options: { decimals?: number; programId?: PublicKey; supply?: bigint } = {}): void {
    const programId = options.programId ?? TOKEN_PROGRAM_ID;
    const data = Buffer.alloc(MINT_SIZE);
    MintLayout.encode(
      {
        mintAuthorityOption: 0,
        mintAuthority: PublicKey.default,
        supply: options.supply ?? 1_000_000_000_000_000n,
        decimals: options.decimals ?? 6,
        isInitialized: true,
        freezeAuthorityOption: 0,
        freezeAuthority: PublicKey.default,
      },
      data,
    );
    this.setAccount(mint, { lamports: 1_461_600n, owner: programId, data });
    this.mints.set(mint.toString(), { decimals: options.decimals ?? 6, programId: programId.toBase58() });
  }

  setTokenBalance(owner: string | PublicKey, mint: string | PublicKey, amountRaw: bigint): void {
    const info = this.mintInfo(mint.toString());
    const address = getAssociatedTokenAddressSync(new PublicKey(mint), new PublicKey(owner), true, new PublicKey(info.programId)).toBase58();
    this.holdings.set(`${owner.toString()}:${mint.toString()}`, { owner: owner.toString(), mint: mint.toString(), address, amountRaw });
  }

  tokenBalanceOf(owner: string | PublicKey, mint: string | PublicKey): bigint {
    return this.holdings.get(`${owner.toString()}:${mint.toString()}`)?.amountRaw ?? 0n;
  }

  /** Distinct signatures ever sent that touch `mint`: 1 for a buy that was never rebuilt. */
  distinctSignatures(mint: string | PublicKey): number {
    return [...this.transactions.values()].filter((t) => t.sent.mints.includes(mint.toString())).length;
  }

  /** Every sendTransaction (first sends and re-sends) that touched `mint`. */
  sendsOf(mint: string | PublicKey): number {
    return this.calls.filter((c) => c.method === 'sendTransaction' && this.mintsOfCall(c.params).includes(mint.toString())).length;
  }

  callsOf(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  isLanded(signature: string): boolean {
    this.settle();
    return this.transactions.get(signature)?.landed !== undefined;
  }

  /** The next `count` calls (of `method`, or of any method) meet `fault` instead of an answer. */
  fail(fault: CallFault, count = 1, method?: string): void {
    for (let i = 0; i < count; i += 1) this.faults.push({ method, fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Forgets old statuses, like a node that keeps no history: statuses of transactions landed before now read null even with searchTransactionHistory. */
  forgetHistory(): void {
    this.historyForgottenAt = this.blockHeight;
  }

  private historyForgottenAt = -1;

  // ---- lifecycle ---------------------------------------------------------------------

  /** Stops listening and drops every connection: calls fail with ECONNREFUSED until `up()`. */
  async down(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.settleTimer);
    for (const response of this.held.splice(0)) response.destroy();
    for (const socket of this.wss.clients) socket.terminate();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async up(): Promise<void> {
    if (this.running) return;
    this.server = this.createHttp();
    this.wss = this.createWs();
    await this.listen(this.port);
  }

  close(): Promise<void> {
    return this.down();
  }

  // ---- serving -----------------------------------------------------------------------

  private async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address();
    if (typeof address === 'string' || address === null) throw new Error('no port');
    this.port = address.port;
    this.running = true;
    if (this.options.settleEveryMs) this.settleTimer = setInterval(() => this.settle(), this.options.settleEveryMs).unref();
  }

  private createHttp(): Server {
    const server = createServer((request, response) => void this.onRequest(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  private createWs(): WebSocketServer {
    const wss = new WebSocketServer({ server: this.server });
    wss.on('connection', (socket) => {
      socket.on('message', (data) => this.onWsMessage(socket, data.toString()));
      socket.on('close', () => {
        for (const [id, sub] of this.subscriptions) if (sub.socket === socket) this.subscriptions.delete(id);
      });
    });
    return wss;
  }

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: { id?: unknown; method?: unknown; params?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return reply(response, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    }
    const method = typeof body.method === 'string' ? body.method : '';
    const params = Array.isArray(body.params) ? (body.params as unknown[]) : [];
    this.calls.push({ method, params });
    this.settle();
    const faultIndex = this.faults.findIndex((f) => f.method === undefined || f.method === method);
    if (faultIndex >= 0) {
      const { fault } = this.faults.splice(faultIndex, 1)[0]!;
      if (method === 'sendTransaction') this.track(params, false);
      return this.applyFault(response, fault, body.id);
    }
    if (method === 'sendTransaction') return this.onSend(response, body.id, params);
    let result: unknown;
    try {
      result = this.answer(method, params);
    } catch (error) {
      const rpcError = error instanceof RpcMethodError ? error : new RpcMethodError(-32602, error instanceof Error ? error.message : String(error));
      return reply(response, { jsonrpc: '2.0', id: body.id, error: { code: rpcError.code, message: rpcError.message } });
    }
    reply(response, { jsonrpc: '2.0', id: body.id, result });
  }

  private applyFault(response: ServerResponse, fault: CallFault, id: unknown): void {
    switch (fault.kind) {
      case 'http':
        response.writeHead(fault.status, { 'content-type': 'text/plain' });
        response.end(fault.status === 429 ? 'Too many requests' : 'Bad gateway');
        return;
      case 'reset':
        response.socket?.destroy();
        return;
      case 'hang':
        this.held.push(response);
        return;
      case 'garbage':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end((fault.body ?? '{"jsonrpc":"2.0","result":').replaceAll('"$ID"', JSON.stringify(id ?? null)));
        return;
      default: {
        const never: never = fault;
        throw new Error(`unhandled fault ${JSON.stringify(never)}`);
      }
    }
  }

  private onSend(response: ServerResponse, id: unknown, params: unknown[]): void {
    let tracked: TrackedTransaction;
    try {
      tracked = this.track(params, true);
    } catch (error) {
      const rpcError = error instanceof RpcMethodError ? error : new RpcMethodError(-32602, String(error));
      return reply(response, { jsonrpc: '2.0', id, error: { code: rpcError.code, message: rpcError.message, ...(rpcError.data ? { data: rpcError.data } : {}) } });
    }
    const { sent } = tracked;
    const action = this.script(sent) ?? actions.land();
    const expired = tracked.lastValidBlockHeight === undefined || this.blockHeight > tracked.lastValidBlockHeight;
    if (expired && !sent.skipPreflight && action.kind === 'accept') {
      return reply(response, { jsonrpc: '2.0', id, error: { code: -32002, message: 'Transaction simulation failed: Blockhash not found', data: { err: 'BlockhashNotFound', logs: [] } } });
    }
    switch (action.kind) {
      case 'accept':
        this.schedule(tracked, action.land);
        return reply(response, { jsonrpc: '2.0', id, result: sent.signature });
      case 'refuse':
        return reply(response, { jsonrpc: '2.0', id, error: { code: action.code, message: action.message, ...(action.data !== undefined ? { data: action.data } : {}) } });
      case 'already-processed':
        this.schedule(tracked, { ...action.land, afterBlocks: 0 });
        this.settle();
        return reply(response, {
          jsonrpc: '2.0',
          id,
          error: { code: -32002, message: 'Transaction simulation failed: This transaction has already been processed', data: { err: 'AlreadyProcessed', logs: [] } },
        });
      case 'hang':
        this.schedule(tracked, action.land);
        this.held.push(response);
        return;
      case 'reset':
        this.schedule(tracked, action.land);
        response.socket?.destroy();
        return;
      case 'http':
        this.schedule(tracked, action.land);
        response.writeHead(action.status, { 'content-type': 'text/plain' });
        response.end('error');
        return;
      default: {
        const never: never = action;
        throw new Error(`unhandled action ${JSON.stringify(never)}`);
      }
    }
  }

  /** Decodes a sent transaction and remembers its signature (the distinct-signature count). */
  private track(params: unknown[], strict: boolean): TrackedTransaction {
    const [encoded, config] = params as [unknown, { skipPreflight?: boolean; encoding?: string } | undefined];
    if (typeof encoded !== 'string') throw new RpcMethodError(-32602, 'invalid transaction: not a string');
    if (config?.encoding !== 'base64') throw new RpcMethodError(-32602, 'this node expects base64 transactions');
    let transaction: VersionedTransaction;
    try {
      transaction = VersionedTransaction.deserialize(Buffer.from(encoded, 'base64'));
    } catch (error) {
      throw new RpcMethodError(-32602, `invalid transaction: failed to deserialize: ${String(error)}`);
    }
    const signatureBytes = transaction.signatures[0];
    if (!signatureBytes || signatureBytes.every((b) => b === 0)) throw new RpcMethodError(-32003, 'Transaction signature verification failure');
    const signature = bs58.encode(signatureBytes);
    if (strict && (this.options.verifySignatures ?? true) && !verifySignatures(transaction)) {
      throw new RpcMethodError(-32003, 'Transaction signature verification failure');
    }
    const keys = transaction.message.staticAccountKeys.map((k) => k.toBase58());
    const existing = this.transactions.get(signature);
    const sent: SentTransaction = {
      signature,
      transaction,
      feePayer: keys[0] ?? '',
      mints: keys.filter((k) => this.mints.has(k)),
      nth: existing ? existing.sent.nth + 1 : 0,
      skipPreflight: config.skipPreflight === true,
    };
    if (existing) {
      existing.sent = sent;
      return existing;
    }
    const tracked: TrackedTransaction = {
      signature,
      sent,
      effects: chainEffectsOf(transaction),
      lastValidBlockHeight: this.blockhashes.get(transaction.message.recentBlockhash),
    };
    this.transactions.set(signature, tracked);
    return tracked;
  }

  private mintsOfCall(params: unknown[]): string[] {
    try {
      const transaction = VersionedTransaction.deserialize(Buffer.from(params[0] as string, 'base64'));
      return transaction.message.staticAccountKeys.map((k) => k.toBase58()).filter((k) => this.mints.has(k));
    } catch {
      return [];
    }
  }

  private schedule(tracked: TrackedTransaction, land: LandSpec | false | undefined): void {
    if (land === false || land === undefined || tracked.landAt !== undefined || tracked.landed) return;
    tracked.spec = land;
    tracked.landAt = this.blockHeight + (land.afterBlocks ?? 1);
    this.settle();
  }

  /** Lands every scheduled transaction whose block has come, while its blockhash is still valid. */
  private settle(): void {
    const height = this.blockHeight;
    for (const tracked of this.transactions.values()) {
      if (tracked.landed || tracked.landAt === undefined || tracked.landAt > height) continue;
      if (tracked.lastValidBlockHeight === undefined || tracked.landAt > tracked.lastValidBlockHeight) continue;
      this.land(tracked, tracked.landAt);
    }
  }

  private land(tracked: TrackedTransaction, height: number): void {
    const spec = { ...this.landEffects?.(tracked.sent), ...tracked.spec };
    const { sent, effects } = tracked;
    const keys = sent.transaction.message.staticAccountKeys.map((k) => k.toBase58());
    const preBalances = keys.map((k) => this.balanceOf(k));
    const mint = sent.mints[0];
    const holding = mint ? this.holdingOf(sent.feePayer, mint) : undefined;
    const preToken = holding ? this.holdings.get(`${sent.feePayer}:${mint}`)?.amountRaw : undefined;
    const fee = LAMPORTS_PER_SIGNATURE * BigInt(sent.transaction.message.header.numRequiredSignatures) + effects.priorityFeeLamports;
    const payer = this.accounts.get(sent.feePayer) ?? { lamports: 0n, owner: SystemProgram.programId.toBase58(), data: Buffer.alloc(0), executable: false };
    payer.lamports -= fee;
    this.accounts.set(sent.feePayer, payer);
    if (spec.err === undefined) {
      if (spec.solDelta !== undefined) payer.lamports += spec.solDelta;
      else
        for (const transfer of effects.transfers) {
          const from = this.accounts.get(transfer.from);
          if (from) from.lamports -= transfer.lamports;
          const to = this.accounts.get(transfer.to);
          if (to) to.lamports += transfer.lamports;
          else this.setAccount(transfer.to, { lamports: transfer.lamports });
        }
      if (mint && spec.tokenDelta !== undefined) this.setTokenBalance(sent.feePayer, mint, (preToken ?? 0n) + spec.tokenDelta);
    }
    const postBalances = keys.map((k) => this.balanceOf(k));
    const postToken = mint ? this.holdings.get(`${sent.feePayer}:${mint}`)?.amountRaw : undefined;
    const tokenIndex = holding ? keys.indexOf(holding.address) : -1;
    const tokenEntry = (amount: bigint | undefined) => {
      if (amount === undefined || !mint || tokenIndex < 0) return [];
      const { decimals, programId } = this.mintInfo(mint);
      const ui = Number(amount) / 10 ** decimals;
      return [{ accountIndex: tokenIndex, mint, owner: sent.feePayer, programId, uiTokenAmount: { amount: amount.toString(), decimals, uiAmount: ui, uiAmountString: String(ui) } }];
    };
    tracked.landed = {
      slot: height + SLOT_OFFSET,
      height,
      meta: {
        err: spec.err ?? null,
        status: spec.err === undefined ? { Ok: null } : { Err: spec.err },
        fee: Number(fee),
        preBalances: preBalances.map(Number),
        postBalances: postBalances.map(Number),
        preTokenBalances: tokenEntry(preToken),
        postTokenBalances: tokenEntry(postToken),
        innerInstructions: [],
        logMessages: spec.logs ?? [],
        loadedAddresses: { writable: [], readonly: [] },
        rewards: [],
        computeUnitsConsumed: 50_000,
      },
    };
    for (const [id, sub] of this.subscriptions) {
      if (sub.signature !== tracked.signature) continue;
      this.subscriptions.delete(id);
      sub.socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'signatureNotification', params: { subscription: id, result: { context: { slot: tracked.landed.slot }, value: { err: spec.err ?? null } } } }));
    }
  }

  private holdingOf(owner: string, mint: string): { address: string } {
    const info = this.mintInfo(mint);
    return { address: getAssociatedTokenAddressSync(new PublicKey(mint), new PublicKey(owner), true, new PublicKey(info.programId)).toBase58() };
  }

  private mintInfo(mint: string): { decimals: number; programId: string } {
    const info = this.mints.get(mint);
    if (!info) throw new Error(`mint ${mint} is not known to the fake node (addMint first)`);
    return info;
  }

  private visibleLanding(signature: string, searchHistory: boolean): TrackedTransaction['landed'] {
    const landed = this.transactions.get(signature)?.landed;
    if (!landed) return undefined;
    // A node without history forgets old statuses whether asked to search or not.
    if (landed.height <= this.historyForgottenAt) return undefined;
    // Without the history search only the recent status cache is looked in.
    if (!searchHistory && this.blockHeight - landed.height > (this.options.statusCacheBlocks ?? 150)) return undefined;
    return landed;
  }

  private answer(method: string, params: unknown[]): unknown {
    const context = { slot: this.slot, apiVersion: '2.2.0' };
    switch (method) {
      case 'getHealth':
        return 'ok';
      case 'getVersion':
        return { 'solana-core': '2.2.0', 'feature-set': 1 };
      case 'getBlockHeight':
        return this.blockHeight;
      case 'getSlot':
        return this.slot;
      case 'getLatestBlockhash': {
        const height = this.blockHeight;
        const blockhash = bs58.encode(crypto.createHash('sha256').update(`blockhash-${height}`).digest());
        const lastValidBlockHeight = height + (this.options.blockhashValidBlocks ?? 150);
        this.blockhashes.set(blockhash, lastValidBlockHeight);
        return { context, value: { blockhash, lastValidBlockHeight } };
      }
      case 'getSignatureStatuses': {
        const [signatures, config] = params as [string[], { searchTransactionHistory?: boolean } | undefined];
        if (!Array.isArray(signatures)) throw new RpcMethodError(-32602, 'Invalid params: signatures');
        return {
          context,
          value: signatures.map((signature) => {
            const landed = this.visibleLanding(signature, config?.searchTransactionHistory === true);
            if (!landed) return null;
            const err = (landed.meta.err ?? null) as unknown;
            const depth = this.slot - landed.slot;
            return { slot: landed.slot, confirmations: depth >= 32 ? null : depth, err, status: err === null ? { Ok: null } : { Err: err }, confirmationStatus: depth >= 32 ? 'finalized' : 'confirmed' };
          }),
        };
      }
      case 'getTransaction': {
        const [signature] = params as [string];
        const tracked = this.transactions.get(signature);
        const landed = this.visibleLanding(signature, true);
        if (!tracked || !landed) return null;
        const bytes = Buffer.from(tracked.sent.transaction.serialize()).toString('base64');
        return { slot: landed.slot, blockTime: 1_700_000_000 + landed.height, meta: landed.meta, transaction: [bytes, 'base64'], version: 0 };
      }
      case 'getBalance': {
        const [address] = params as [string];
        return { context, value: Number(this.balanceOf(address)) };
      }
      case 'getAccountInfo': {
        const [address] = params as [string];
        return { context, value: this.accountReply(address) };
      }
      case 'getMultipleAccounts': {
        const [addresses] = params as [string[]];
        if (!Array.isArray(addresses)) throw new RpcMethodError(-32602, 'Invalid params: addresses');
        return { context, value: addresses.map((a) => this.accountReply(a)) };
      }
      case 'getTokenAccountsByOwner': {
        const [owner, filter] = params as [string, { mint?: string; programId?: string }];
        const value = [...this.holdings.values()]
          .filter((h) => h.owner === owner && (filter?.mint === undefined || h.mint === filter.mint))
          .filter((h) => filter?.programId === undefined || this.mintInfo(h.mint).programId === filter.programId)
          .map((h) => {
            const { decimals, programId } = this.mintInfo(h.mint);
            return {
              pubkey: h.address,
              account: {
                lamports: 2_039_280,
                owner: programId,
                executable: false,
                rentEpoch: 0,
                space: 165,
                data: { program: 'spl-token', space: 165, parsed: { type: 'account', info: { mint: h.mint, owner: h.owner, state: 'initialized', isNative: false, tokenAmount: uiAmount(h.amountRaw, decimals) } } },
              },
            };
          });
        return { context, value };
      }
      case 'getTokenAccountBalance': {
        const [address] = params as [string];
        const holding = [...this.holdings.values()].find((h) => h.address === address);
        if (!holding) throw new RpcMethodError(-32602, 'Invalid param: could not find account');
        return { context, value: uiAmount(holding.amountRaw, this.mintInfo(holding.mint).decimals) };
      }
      case 'getRecentPrioritizationFees':
        return this.priorityFees.map((fee, i) => ({ slot: this.slot - this.priorityFees.length + i, prioritizationFee: fee }));
      case 'getMinimumBalanceForRentExemption': {
        const [size] = params as [number];
        return (128 + Number(size ?? 0)) * 6_960;
      }
      default:
        throw new RpcMethodError(-32601, `Method not found: ${method}`);
    }
  }

  private accountReply(address: string): unknown {
    const account = this.accounts.get(address);
    if (!account) return null;
    return { data: [account.data.toString('base64'), 'base64'], executable: account.executable, lamports: Number(account.lamports), owner: account.owner, rentEpoch: 0, space: account.data.length };
  }

  private onWsMessage(socket: WebSocket, text: string): void {
    let request: { id?: unknown; method?: unknown; params?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return;
    }
    const params = Array.isArray(request.params) ? (request.params as unknown[]) : [];
    switch (request.method) {
      case 'signatureSubscribe': {
        const id = this.nextSubscription++;
        const signature = String(params[0]);
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: id }));
        this.subscriptions.set(id, { socket, signature });
        this.settle();
        const landed = this.transactions.get(signature)?.landed;
        if (landed && this.subscriptions.has(id)) {
          this.subscriptions.delete(id);
          socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'signatureNotification', params: { subscription: id, result: { context: { slot: landed.slot }, value: { err: landed.meta.err ?? null } } } }));
        }
        return;
      }
      case 'signatureUnsubscribe':
      case 'accountUnsubscribe':
        this.subscriptions.delete(Number(params[0]));
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: true }));
        return;
      case 'accountSubscribe':
      case 'slotSubscribe':
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: this.nextSubscription++ }));
        return;
      default:
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } }));
    }
  }
}

class RpcMethodError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

function reply(response: ServerResponse, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function uiAmount(raw: bigint, decimals: number) {
  const ui = Number(raw) / 10 ** decimals;
  return { amount: raw.toString(), decimals, uiAmount: ui, uiAmountString: String(ui) };
}

/** Each required signer's ed25519 signature over the message, as the node's sigverify does. */
function verifySignatures(transaction: VersionedTransaction): boolean {
  const message = Buffer.from(transaction.message.serialize());
  const signers = transaction.message.staticAccountKeys.slice(0, transaction.message.header.numRequiredSignatures);
  return signers.every((key, i) => {
    const signature = transaction.signatures[i];
    if (!signature) return false;
    const publicKey = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.toBytes()).toString('base64url') }, format: 'jwk' });
    return crypto.verify(null, message, publicKey, Buffer.from(signature));
  });
}
