import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { dataDirPaths } from '../../electron/core/data-dir-paths.js';
import { encodeTapeHeader, encodeTapeLine } from '../../electron/core/feeds/tape-format.js';
import type { LaunchEvent } from '../../shared/feed-events.js';
import { tempDataDir } from '../support/engine-fixture.js';
import { FakeSolanaRpc } from '../support/fake-solana-rpc.js';
import { purchasesOnDisk } from '../support/intents-on-disk.js';
import { pumpCoinAccounts, pumpProgramAccounts, serveAccounts } from '../support/pump-accounts.js';
import { expectNoSecretIn, expectNoSecretInFiles, filesUnder, secretSpellings } from '../support/secret-leaks.js';
import { spawnServe, type ServeProcess } from '../support/serve-process.js';
import { throwawayWalletFile } from '../support/wallet-file.js';

/**
 * The key must never leave the wallet: a live `serve` process (real process, throwaway 0600
 * key, local JSON-RPC node) buys, is driven through its WebSocket like the console, and is
 * stopped; then everything it wrote or said is searched for the key in every spelling
 * (base58, base64, hex, the JSON byte list or any 8 numbers of it, the raw bytes): its
 * stdout/stderr (the log), every file in the live data dir (audit lines, ledger, settings,
 * instance files), the tape it recorded, every WebSocket frame it sent (what the console's
 * state is made of) and every JSON-RPC request that reached the node.
 */
let proc: ServeProcess | undefined;
let node: FakeSolanaRpc | undefined;
afterEach(async () => {
  if (proc && proc.child.exitCode === null) proc.child.kill('SIGKILL');
  await node?.close();
  proc = undefined;
  node = undefined;
});

/** Every frame the host pushes or answers, as the console receives them. */
async function consoleOf(serve: ServeProcess): Promise<{ frames: string[]; call(name: string, input?: unknown): Promise<unknown>; close(): void }> {
  let match: RegExpExecArray | null = null;
  const deadline = Date.now() + 20_000;
  while (!(match = /status: +http:\/\/([0-9.]+):(\d+)\/status\?token=([0-9a-f]+)/.exec(serve.output()))) {
    if (Date.now() > deadline) throw new Error(`serve printed no status URL:\n${serve.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const ws = new WebSocket(`ws://${match[1]}:${match[2]}/ws?token=${match[3]}`);
  const frames: string[] = [];
  const waiting = new Map<number, (frame: unknown) => void>();
  ws.on('message', (data) => {
    const text = String(data);
    frames.push(text);
    const message = JSON.parse(text) as { id?: number; result?: unknown };
    if (typeof message.id === 'number') waiting.get(message.id)?.(message.result);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  return {
    frames,
    call: (name, input = {}) =>
      new Promise((resolve, reject) => {
        const id = next++;
        const timer = setTimeout(() => reject(new Error(`${name}: no answer`)), 5_000);
        waiting.set(id, (result) => (clearTimeout(timer), resolve(result)));
        ws.send(JSON.stringify({ id, name, input }));
      }),
    close: () => ws.terminate(),
  };
}

describe('the secret key, searched for everywhere a live run leaves traces', () => {
  it('is in no log line, audit line, data dir file, tape, WebSocket frame or RPC request', async () => {
    const server = (node = await FakeSolanaRpc.start({ now: Date.now, msPerBlock: 100 }));
    const wallet = throwawayWalletFile();
    const user = new PublicKey(wallet.publicKey);
    server.setBalance(user, 10_000_000_000n);
    server.landEffects = () => ({ solDelta: -100_000_000n, tokenDelta: 3_000_000_000n });
    serveAccounts(server, pumpProgramAccounts());
    const mints = [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID].map((tokenProgram) => {
      const mint = Keypair.generate().publicKey;
      server.addMint(mint, { decimals: 6, programId: tokenProgram });
      serveAccounts(server, pumpCoinAccounts({ mint, user, tokenProgram }));
      return mint;
    });
    const work = tempDataDir('secret-search');
    const tape = path.join(work, 'launches.tape.jsonl');
    const startedAt = Date.now();
    fs.writeFileSync(
      tape,
      [
        encodeTapeHeader({ tape: 1, feed: 'test', startedAt }),
        ...mints.map((mint, i) => {
          const launch: LaunchEvent = { kind: 'launch', at: startedAt + i * 10, platform: 'pump.fun', mint: mint.toBase58(), symbol: `S${i}`, name: `Secret ${i}` };
          return encodeTapeLine(i * 10, launch);
        }),
      ].join(''),
    );
    const recorded = path.join(work, 'recorded.tape.jsonl');
    const dataDir = path.join(work, 'live');
    proc = spawnServe([
      '--mode', 'live', '--data-dir', dataDir,
      '--rpc-url', server.url, '--rpc-ws-url', server.wsUrl,
      '--wallet', wallet.file, '--confirm-live', wallet.publicKey.slice(0, 8),
      '--feed', `tape:${tape}`, '--tape-speed', 'fast', '--live-from-tape', '--record', recorded,
    ]);
    const client = await consoleOf(proc);
    const deadline = Date.now() + 60_000;
    while (Object.values(purchasesOnDisk(dataDir)).flat().length < mints.length) {
      if (Date.now() > deadline) throw new Error(`no purchases:\n${proc.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // What the console asks for, including refusals and a manual sell.
    const answers: unknown[] = [];
    for (const name of ['session.snapshot', 'status.get', 'settings.get', 'attempts.recent', 'blocked.list', 'history.list', 'history.totals']) {
      answers.push(await client.call(name));
    }
    const positions = (await client.call('positions.list')) as { ok: boolean; value?: { positions: { id: string }[] } };
    answers.push(positions);
    const positionId = positions.value?.positions[0]?.id;
    if (positionId) answers.push(await client.call('positions.sell', { positionId, percent: 100 }));
    answers.push(await client.call('positions.sell', { positionId: 'no-such-position', percent: 50 }));
    answers.push(await client.call('blocked.buyAgain', { mint: mints[0]!.toBase58(), platform: 'pump.fun', solAmount: 0.1 }));
    answers.push(await client.call('no.such.command', {}));
    await new Promise((r) => setTimeout(r, 1_000));
    client.close();

    proc.child.kill('SIGTERM');
    const { code, output } = await proc.exited;
    expect(code, output).toBe(0);

    // The search covered something real: the run bought, talked, logged, audited and recorded.
    const secret = wallet.keypair.secretKey;
    expect(output).toContain(`LIVE: real SOL from wallet ${wallet.publicKey}`);
    expect(client.frames.length).toBeGreaterThan(5);
    expect(client.frames.join('\n')).toContain(wallet.publicKey);
    expect(server.calls.some((call) => call.method === 'sendTransaction')).toBe(true);
    const files = [...filesUnder(dataDir), recorded];
    expect(files.some((f) => f.startsWith(dataDirPaths(dataDir).auditDir))).toBe(true);
    expect(files).toContain(dataDirPaths(dataDir).ledger);

    expectNoSecretIn([output], secret);
    expectNoSecretIn(client.frames, secret);
    expectNoSecretIn(answers, secret);
    expectNoSecretIn(server.calls, secret);
    expect(expectNoSecretInFiles(files, secret)).toBeGreaterThan(3);
    // The key file itself is the one place it is: the search would have found it.
    expect(() => expectNoSecretInFiles([wallet.file], secret)).toThrow();
    expect(secretSpellings(secret).length).toBeGreaterThan(8);
  }, 120_000);
});
