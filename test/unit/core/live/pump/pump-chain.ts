import { Connection } from '@solana/web3.js';
import { FakeSolanaRpc } from '../../../../support/fake-solana-rpc.js';
import { serveAccounts, type FakeAccount } from '../../../../support/pump-accounts.js';

/** The fake JSON-RPC node serving encoded pump.fun accounts, and a web3.js Connection on it. */
export interface PumpChain {
  rpc: FakeSolanaRpc;
  connection: Connection;
  /** The JSON-RPC methods called so far, in order. */
  readonly calls: string[];
  set(accounts: readonly FakeAccount[]): void;
  close(): Promise<void>;
}

export async function startPumpChain(accounts: readonly FakeAccount[] = []): Promise<PumpChain> {
  const rpc = await FakeSolanaRpc.start();
  serveAccounts(rpc, accounts);
  const connection = new Connection(rpc.url, { commitment: 'confirmed', wsEndpoint: rpc.wsUrl, disableRetryOnRateLimit: true });
  return {
    rpc,
    connection,
    get calls() {
      return rpc.calls.map((call) => call.method);
    },
    set: (list) => serveAccounts(rpc, list),
    close: () => rpc.close(),
  };
}
