import { Keypair } from '@solana/web3.js';
import { afterEach, describe, expect, it } from 'vitest';
import { SolanaRpc } from '../../../../electron/core/live/solana-rpc.js';
import { WalletBalancePoller } from '../../../../electron/core/runtime/wallet-balance-poller.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import { FakeSolanaRpc } from '../../../support/fake-solana-rpc.js';

let node: FakeSolanaRpc | undefined;
afterEach(async () => {
  await node?.close();
  node = undefined;
});

async function setUp(newestPurchaseId: () => number = () => 0) {
  node = await FakeSolanaRpc.start();
  const address = Keypair.generate().publicKey.toBase58();
  const rpc = new SolanaRpc({ url: node.url, timeoutMs: 1_000 });
  const clock = new ManualClock();
  const problems: (string | undefined)[] = [];
  const poller = new WalletBalancePoller({
    address,
    getBalance: (a) => rpc.getBalance(a),
    newestPurchaseId,
    clock,
    maxAgeMs: 30_000,
    onProblem: (p) => problems.push(p),
  });
  return { node, address, clock, poller, problems };
}

describe('the live wallet balance, read from the RPC node', () => {
  it('reads the balance in lamports, with when and the newest purchase id taken before the read', async () => {
    let newest = 4;
    const t = await setUp(() => newest);
    t.node.setBalance(t.address, 2_500_000_001n);
    expect(t.poller.reading()).toBeUndefined();
    await t.poller.readNow();
    expect(t.poller.reading()).toEqual({ lamports: 2_500_000_001n, readAt: t.clock.now(), purchasesUpTo: 4 });
    newest = 5;
    t.node.setBalance(t.address, 1n);
    t.clock.advance(5_000);
    await t.poller.readNow();
    expect(t.poller.reading()).toEqual({ lamports: 1n, readAt: t.clock.now(), purchasesUpTo: 5 });
    expect(t.problems).toEqual([]);
  });

  it('a failed read keeps the last reading (which goes stale by itself) and is reported once, then its recovery', async () => {
    const t = await setUp();
    t.node.setBalance(t.address, 7n);
    await t.poller.readNow();
    const good = t.poller.reading();
    t.node.fail({ kind: 'http', status: 503 }, 2, 'getBalance');
    t.clock.advance(5_000);
    await t.poller.readNow();
    await t.poller.readNow();
    expect(t.poller.reading()).toBe(good);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]).toMatch(/^the wallet balance could not be read \(getBalance: HTTP 503 from the RPC\); live buys are refused once the last reading is 30 s old$/);
    await t.poller.readNow();
    expect(t.problems).toEqual([t.problems[0], undefined]);
    expect(t.poller.reading()?.readAt).toBe(t.clock.now());
  });

  it('a reply that is not a balance is a failed read, not a balance', async () => {
    const t = await setUp();
    t.node.fail({ kind: 'garbage', body: '{"jsonrpc":"2.0","id":1,"result":{"context":{"slot":1},"value":-5}}' }, 1, 'getBalance');
    await t.poller.readNow();
    expect(t.poller.reading()).toBeUndefined();
    expect(t.problems[0]).toMatch(/could not be read/);
  });

  it('reads never overlap: a read asked for while one runs is that one', async () => {
    const t = await setUp();
    const [a, b] = [t.poller.readNow(), t.poller.readNow()];
    expect(a).toBe(b);
    await a;
    expect(t.node.callsOf('getBalance')).toBe(1);
  });
});
