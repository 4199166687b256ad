import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import { encodeTapeHeader, encodeTapeLine } from '../../../electron/core/feeds/tape-format.js';
import type { LaunchEvent } from '../../../shared/feed-events.js';
import { FakeSolanaRpc } from '../../support/fake-solana-rpc.js';
import { pumpCoinAccounts, pumpProgramAccounts, serveAccounts } from '../../support/pump-accounts.js';

/**
 * A live run for the console to show, with no network and no real key: the scripted local
 * JSON-RPC + WebSocket node on 127.0.0.1 serving pump.fun coins, a throwaway 0600 wallet, and
 * a fast tape launching the coins. (test/support/wallet-file.ts loads vitest, which
 * Playwright cannot, hence the wallet file is written here.)
 */
export interface LiveNode {
  node: FakeSolanaRpc;
  wallet: { file: string; publicKey: string; keypair: Keypair };
  coins: { mint: string; symbol: string }[];
  tape: string;
  /** The `serve` flags of a live run on this node with this wallet and tape. */
  serveFlags: string[];
  close(): Promise<void>;
}

export async function startLiveNode(symbols: string[]): Promise<LiveNode> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launchdesk-live-'));
  const node = await FakeSolanaRpc.start({ now: Date.now, msPerBlock: 100 });
  const keypair = Keypair.generate();
  const walletFile = path.join(dir, 'trader.json');
  fs.writeFileSync(walletFile, JSON.stringify(Array.from(keypair.secretKey)), { mode: 0o600 });
  fs.chmodSync(walletFile, 0o600);
  const user = keypair.publicKey;
  node.setBalance(user, 2_500_000_000n);
  // The node runs no programs: a landed buy takes 0.1 SOL and gives 3 000 000 tokens (6
  // decimals), about what 0.1 SOL buys at the served curve's price, so the P&L reads as a trade's.
  node.landEffects = () => ({ solDelta: -100_000_000n, tokenDelta: 3_000_000_000_000n });
  serveAccounts(node, pumpProgramAccounts());
  const startedAt = Date.now();
  const lines = [encodeTapeHeader({ tape: 1, feed: 'test', startedAt })];
  const coins = symbols.map((symbol, i) => {
    const mint = Keypair.generate().publicKey;
    node.addMint(mint, { decimals: 6, programId: TOKEN_PROGRAM_ID });
    serveAccounts(node, pumpCoinAccounts({ mint, user: new PublicKey(user), tokenProgram: TOKEN_PROGRAM_ID }));
    const launch: LaunchEvent = { kind: 'launch', at: startedAt + i * 10, platform: 'pump.fun', mint: mint.toBase58(), symbol, name: symbol };
    lines.push(encodeTapeLine(i * 10, launch));
    return { mint: mint.toBase58(), symbol };
  });
  const tape = path.join(dir, 'launches.tape.jsonl');
  fs.writeFileSync(tape, lines.join(''));
  const publicKey = user.toBase58();
  return {
    node,
    wallet: { file: walletFile, publicKey, keypair },
    coins,
    tape,
    serveFlags: [
      '--mode', 'live',
      '--rpc-url', node.url, '--rpc-ws-url', node.wsUrl,
      '--wallet', walletFile, '--confirm-live', publicKey.slice(0, 8),
      '--feed', `tape:${tape}`, '--tape-speed', 'fast', '--live-from-tape',
    ],
    async close() {
      await node.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
