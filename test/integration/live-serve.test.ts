import fs from 'node:fs';
import path from 'node:path';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirPaths } from '../../electron/core/data-dir-paths.js';
import { encodeTapeHeader, encodeTapeLine } from '../../electron/core/feeds/tape-format.js';
import { readLedgerMode } from '../../electron/core/ledger/ledger-mode.js';
import type { LaunchEvent } from '../../shared/feed-events.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { FakeSolanaRpc } from '../support/fake-solana-rpc.js';
import { intentsOnDisk, purchasesOnDisk } from '../support/intents-on-disk.js';
import { pumpCoinAccounts, pumpProgramAccounts, serveAccounts } from '../support/pump-accounts.js';
import { ServeClient } from '../support/serve-client.js';
import { inspectDataDir, spawnServe, type ServeProcess } from '../support/serve-process.js';
import { throwawayWalletFile } from '../support/wallet-file.js';

/**
 * The trader's view of going live: `serve --mode live` as a real process, against a local
 * JSON-RPC + WebSocket node (test/support/fake-solana-rpc.ts) that serves pump.fun's accounts
 * for the coins a tape launches, with a throwaway 0600 wallet. What must hold: each coin's
 * buy is sent, recorded and opens a position; no coin is bought twice, by one process,
 * after a restart, or by two processes at once on the same live data dir.
 */
const running: ServeProcess[] = [];
let node: FakeSolanaRpc | undefined;
afterEach(async () => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await node?.close();
  node = undefined;
});

const TOKENS_PER_BUY = 3_000_000_000n; // 3 000 tokens of 6 decimals

/** Coins on their bonding curve, half SPL Token and half Token-2022 (create_v2), served by the node. */
function listCoins(server: FakeSolanaRpc, user: PublicKey, count: number): PublicKey[] {
  serveAccounts(server, pumpProgramAccounts());
  return Array.from({ length: count }, (_, i) => {
    const mint = Keypair.generate().publicKey;
    const tokenProgram = i % 2 === 0 ? TOKEN_PROGRAM_ID : TOKEN_2022_PROGRAM_ID;
    server.addMint(mint, { decimals: 6, programId: tokenProgram });
    serveAccounts(server, pumpCoinAccounts({ mint, user, tokenProgram }));
    return mint;
  });
}

/** A tape launching each coin (each twice: a feed repeats itself), fast replay. */
function tapeOf(mints: PublicKey[]): string {
  const startedAt = Date.now();
  const file = path.join(tempDataDir('tape'), 'launches.tape.jsonl');
  const lines = [encodeTapeHeader({ tape: 1, feed: 'test', startedAt })];
  mints.forEach((mint, i) => {
    const launch: LaunchEvent = { kind: 'launch', at: startedAt + i * 10, platform: 'pump.fun', mint: mint.toBase58(), symbol: `C${i}`, name: `Coin ${i}` };
    lines.push(encodeTapeLine(i * 10, launch), encodeTapeLine(i * 10 + 5, { ...launch, at: launch.at + 5 }));
  });
  fs.writeFileSync(file, lines.join(''));
  return file;
}

function serveLive(dataDir: string, server: FakeSolanaRpc, wallet: { file: string; publicKey: string }, tape: string, speed: 'fast' | 'recorded' = 'fast'): ServeProcess {
  const proc = spawnServe([
    '--mode', 'live', '--data-dir', dataDir,
    '--rpc-url', server.url, '--rpc-ws-url', server.wsUrl,
    '--wallet', wallet.file, '--confirm-live', wallet.publicKey.slice(0, 8),
    '--feed', `tape:${tape}`, '--tape-speed', speed, '--live-from-tape',
  ]);
  running.push(proc);
  return proc;
}

async function until(what: string, done: () => boolean, proc: ServeProcess[], ms = 40_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${proc.map((p) => p.output()).join('\n----\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(proc: ServeProcess): Promise<string> {
  // SIGTERM stops cleanly once the process is up (its handler is set after the start): a slow
  // starter on a loaded machine may still be starting when the others have bought everything.
  await until('the process to be up', () => proc.output().includes('status:  http'), [proc]);
  proc.child.kill('SIGTERM');
  const { code, output } = await proc.exited;
  expect(code, output).toBe(0);
  return output;
}

const purchasedMints = (dataDir: string) => Object.values(purchasesOnDisk(dataDir)).flat().map((p) => p.mint);

function openPositions(dataDir: string): string[] {
  const db = new Database(dataDirPaths(dataDir).ledger, { readonly: true });
  try {
    return db.prepare("SELECT mint FROM positions WHERE status = 'open' ORDER BY mint").pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('serve --mode live against a local Solana node', () => {
  it('buys each launched coin once, records it, opens its position; a restart and two processes at once buy nothing twice', async () => {
    // The chain moves one block every 100 ms of real time; a blockhash lives 150 blocks.
    const server = (node = await FakeSolanaRpc.start({ now: Date.now, msPerBlock: 100 }));
    const wallet = throwawayWalletFile();
    const user = new PublicKey(wallet.publicKey);
    server.setBalance(user, 10_000_000_000n);
    // The node runs no programs: a landed buy takes 0.1 SOL and gives 3 000 tokens.
    server.landEffects = () => ({ solDelta: -100_000_000n, tokenDelta: TOKENS_PER_BUY });
    const first = listCoins(server, user, 4);
    const dataDir = path.join(tempDataDir(), 'live');

    // 1. One process: every coin bought once, recorded, its position open.
    const a = serveLive(dataDir, server, wallet, tapeOf(first));
    await until('four purchases', () => fs.existsSync(dataDirPaths(dataDir).ledger) && purchasedMints(dataDir).length >= 4, [a]);
    await until('no buy left open', () => Object.keys(intentsOnDisk(dataDir)).length === 0, [a]);
    const outputA = await stop(a);
    expect(outputA).toContain(`LIVE: real SOL from wallet ${wallet.publicKey}`);
    expect(readLedgerMode(dataDir)).toBe('live');
    expect(fs.existsSync(dataDirPaths(dataDir).paperLedgerDir)).toBe(false);
    expect(purchasedMints(dataDir).sort()).toEqual(first.map((m) => m.toBase58()).sort());
    expect(openPositions(dataDir)).toEqual(first.map((m) => m.toBase58()).sort());
    for (const mint of first) {
      expect(server.distinctSignatures(mint)).toBe(1);
      expect(server.tokenBalanceOf(user, mint)).toBe(TOKENS_PER_BUY);
    }
    const records = Object.values(purchasesOnDisk(dataDir)).flat();
    for (const record of records) {
      expect(server.isLanded(record.signature)).toBe(true);
      expect(record.tokens).toBe(3_000);
      // What the wallet paid: the trade's 0.1 SOL plus the network and priority fees.
      expect(record.solSpent).toBeGreaterThanOrEqual(0.1);
      expect(record.solSpent).toBeLessThan(0.1 + 0.01);
    }

    // 2. A restart and a second process at once on the same live data dir, replaying the old
    // coins and launching new ones: the old ones are not bought again, each new one once.
    const second = listCoins(server, user, 4);
    const tape = tapeOf([...first, ...second]);
    const b = serveLive(dataDir, server, wallet, tape);
    const c = serveLive(dataDir, server, wallet, tape);
    await until('eight purchases', () => purchasedMints(dataDir).length >= 8, [b, c]);
    await until('no buy left open', () => Object.keys(intentsOnDisk(dataDir)).length === 0, [b, c]);
    await Promise.all([stop(b), stop(c)]);
    const mints = purchasedMints(dataDir);
    expect(mints).toHaveLength(8);
    expect(new Set(mints).size).toBe(8);
    for (const mint of [...first, ...second]) expect(server.distinctSignatures(mint)).toBe(1);
    expect(openPositions(dataDir)).toHaveLength(8);
  }, 120_000);

  it('a live process killed after sending a buy, before its answer: the next one finds the buy on the chain by its signature and never sends another', async () => {
    const server = (node = await FakeSolanaRpc.start({ now: Date.now, msPerBlock: 100 }));
    const wallet = throwawayWalletFile();
    const user = new PublicKey(wallet.publicKey);
    server.setBalance(user, 10_000_000_000n);
    server.landEffects = () => ({ solDelta: -100_000_000n, tokenDelta: TOKENS_PER_BUY });
    const [mint] = listCoins(server, user, 1) as [PublicKey];
    // The node takes the buy and lands it, but never answers the send: the process waits.
    server.script = (sent) => (sent.mints.includes(mint.toBase58()) ? { kind: 'hang', land: {} } : undefined);
    const dataDir = path.join(tempDataDir(), 'live');
    const tape = tapeOf([mint]);

    const a = serveLive(dataDir, server, wallet, tape);
    await until('the buy to be fenced and sent', () => fs.existsSync(dataDirPaths(dataDir).ledger) && server.sendsOf(mint) >= 1, [a]);
    const fenced = intentsOnDisk(dataDir)[mint.toBase58()];
    expect(fenced?.fence?.signature).toBeDefined();
    a.child.kill('SIGKILL');
    await a.exited;
    // The node lands it a block after the send (100 ms): the kill may come first.
    await until('the node to land the buy', () => server.isLanded(fenced!.fence!.signature), [a], 5_000);
    expect(purchasedMints(dataDir)).toEqual([]);

    // The next process on the live data dir replays the same launch: it must not buy again.
    server.script = () => undefined;
    const b = serveLive(dataDir, server, wallet, tape);
    await until('the buy to be reconciled from the chain', () => purchasedMints(dataDir).length === 1 && Object.keys(intentsOnDisk(dataDir)).length === 0, [b]);
    const output = await stop(b);
    expect(server.distinctSignatures(mint)).toBe(1);
    expect(Object.values(purchasesOnDisk(dataDir)).flat()).toMatchObject([{ mint: mint.toBase58(), signature: fenced!.fence!.signature, tokens: 3_000 }]);
    expect(openPositions(dataDir)).toEqual([mint.toBase58()]);
    const final = JSON.parse(/final status (\{.*\})/.exec(output)![1]!) as { counts: Record<string, number> };
    expect(final.counts.bought).toBeUndefined();
    expect(final.counts['reconciled-bought']).toBe(1);
  }, 120_000);

  it('a wallet balance that could not be read refuses live buys (balance-unknown) until a read succeeds; nothing is sent meanwhile', async () => {
    const server = (node = await FakeSolanaRpc.start({ now: Date.now, msPerBlock: 100 }));
    const wallet = throwawayWalletFile();
    const user = new PublicKey(wallet.publicKey);
    server.setBalance(user, 10_000_000_000n);
    server.landEffects = () => ({ solDelta: -100_000_000n, tokenDelta: TOKENS_PER_BUY });
    const [early, late] = listCoins(server, user, 2) as [PublicKey, PublicKey];
    // The read at start fails; the next one (5 s later) works.
    server.fail({ kind: 'http', status: 503 }, 1, 'getBalance');
    const startedAt = Date.now();
    const tape = path.join(tempDataDir('tape'), 'launches.tape.jsonl');
    const launch = (mint: PublicKey, t: number): string =>
      encodeTapeLine(t, { kind: 'launch', at: startedAt + t, platform: 'pump.fun', mint: mint.toBase58(), symbol: 'C', name: 'Coin' });
    fs.writeFileSync(tape, encodeTapeHeader({ tape: 1, feed: 'test', startedAt }) + launch(early, 0) + launch(late, 8_000));
    const dataDir = path.join(tempDataDir(), 'live');

    const proc = serveLive(dataDir, server, wallet, tape, 'recorded');
    await until('the late coin to be bought', () => fs.existsSync(dataDirPaths(dataDir).ledger) && purchasedMints(dataDir).length === 1, [proc]);
    const output = await stop(proc);
    expect(output).toMatch(/\[warning\] wallet: the wallet balance could not be read \(getBalance: HTTP 503 from the RPC\)/);
    expect(purchasedMints(dataDir)).toEqual([late.toBase58()]);
    expect(server.sendsOf(early)).toBe(0);
    expect(server.distinctSignatures(late)).toBe(1);
    const earlyLines = inspectDataDir(dataDir).audit.filter((line) => line.mint === early.toBase58());
    expect(earlyLines).toMatchObject([{ outcome: 'blocked', reason: { code: 'balance-unknown', detail: 'it has not been read from the RPC node yet' } }]);
  }, 120_000);

  it('a live position is sold by its exit rule on the price read from its bonding curve: the sell is sent, recorded, and closes it', async () => {
    const server = (node = await FakeSolanaRpc.start({ now: Date.now, msPerBlock: 100 }));
    const wallet = throwawayWalletFile();
    const user = new PublicKey(wallet.publicKey);
    server.setBalance(user, 10_000_000_000n);
    const [mint] = listCoins(server, user, 1) as [PublicKey];
    // The node runs no programs: the first landing of the coin is the buy, the next the sell.
    const landed = new Set<string>();
    server.landEffects = (sent) => {
      const first = !landed.has(sent.mints[0] ?? '');
      landed.add(sent.mints[0] ?? '');
      return first ? { solDelta: -100_000_000n, tokenDelta: TOKENS_PER_BUY } : { solDelta: 20_000_000n, tokenDelta: -TOKENS_PER_BUY };
    };
    const dataDir = path.join(tempDataDir(), 'live');
    const proc = serveLive(dataDir, server, wallet, tapeOf([mint]));
    await until('the buy', () => fs.existsSync(dataDirPaths(dataDir).ledger) && openPositions(dataDir).length === 1, [proc]);
    // What the chain now holds for the wallet: its token account of the coin (the sell reads it).
    serveAccounts(server, pumpCoinAccounts({ mint, user, tokenProgram: TOKEN_PROGRAM_ID, userTokens: TOKENS_PER_BUY }));

    // A 50 % stop loss: the curve's price (its virtual reserves) is far below what the buy paid.
    const client = await ServeClient.of(proc);
    await client.value('module.update', { module: 'sniper', patch: { exits: { takeProfitPct: 0, stopLossPct: 50, trailingStopPct: 0, maxHoldMinutes: 0 } } });
    await until('the position to be sold', () => openPositions(dataDir).length === 0, [proc], 60_000);
    client.close();
    await stop(proc);

    const db = new Database(dataDirPaths(dataDir).ledger, { readonly: true });
    try {
      expect(db.prepare('SELECT status, close_reason FROM positions').all()).toEqual([{ status: 'closed', close_reason: 'stop-loss' }]);
      const sells = db.prepare('SELECT status, signature, tokens_sold, sol_received FROM sells').all() as { status: string; signature: string; tokens_sold: number; sol_received: number }[];
      expect(sells).toHaveLength(1);
      expect(sells[0]).toMatchObject({ status: 'sold', tokens_sold: 3_000 });
      expect(server.isLanded(sells[0]!.signature)).toBe(true);
    } finally {
      db.close();
    }
    // One buy and one sell of the coin, each one transaction.
    expect(server.distinctSignatures(mint)).toBe(2);
    expect(server.tokenBalanceOf(user, mint)).toBe(0n);
  }, 120_000);
});
