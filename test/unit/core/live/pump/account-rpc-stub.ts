import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection } from '@solana/web3.js';
import type { FakeAccount } from '../../../../support/pump-accounts.js';

/**
 * A loopback JSON-RPC server answering only getAccountInfo / getMultipleAccounts from a map of
 * encoded accounts, so a real web3.js Connection reads them over HTTP. The venues need nothing
 * else; the full scripted server (sends, statuses, faults) is the live trader's.
 */
export interface AccountRpcStub {
  connection: Connection;
  calls: string[];
  set(accounts: readonly FakeAccount[]): void;
  close(): Promise<void>;
}

export async function startAccountRpcStub(accounts: readonly FakeAccount[] = []): Promise<AccountRpcStub> {
  const byKey = new Map<string, FakeAccount>();
  const set = (list: readonly FakeAccount[]) => list.forEach((account) => byKey.set(account.pubkey.toBase58(), account));
  set(accounts);
  const calls: string[] = [];
  const encode = (address: string) => {
    const account = byKey.get(address);
    if (!account) return null;
    return {
      data: [account.data.toString('base64'), 'base64'],
      executable: account.executable ?? false,
      lamports: account.lamports,
      owner: account.owner.toBase58(),
      rentEpoch: 0,
      space: account.data.length,
    };
  };
  const answer = (request: { id: unknown; method: string; params: unknown[] }) => {
    calls.push(request.method);
    const context = { slot: 1 };
    switch (request.method) {
      case 'getAccountInfo':
        return { jsonrpc: '2.0', id: request.id, result: { context, value: encode(String(request.params[0])) } };
      case 'getMultipleAccounts':
        return {
          jsonrpc: '2.0',
          id: request.id,
          result: { context, value: (request.params[0] as string[]).map(encode) },
        };
      default:
        return { jsonrpc: '2.0', id: request.id, error: { code: -32601, message: `Method not found: ${request.method}` } };
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const reply = Array.isArray(body) ? body.map(answer) : answer(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const connection = new Connection(`http://127.0.0.1:${port}`, { commitment: 'confirmed', disableRetryOnRateLimit: true });
  return {
    connection,
    calls,
    set,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
