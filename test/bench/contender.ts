import { freshMint } from './history-fixture.js';
import { InstantTrader, startBenchEngine } from './bench-engine.js';

/**
 * A second OS process buying fresh mints as fast as it can on the same data dir, so the
 * benchmark's claims contend for the ledger's write lock. Stops on SIGTERM and prints its count.
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: contender.ts DATA_DIR');
const engine = await startBenchEngine(dataDir, new InstantTrader());
let buys = 0;
let running = true;
process.on('SIGTERM', () => {
  running = false;
});
const started = Date.now();
while (running) {
  await engine.coordinator.requestBuy({ module: 'sniper', mint: freshMint(), platform: 'pump.fun', solAmount: 0.1, reason: 'contender' });
  buys += 1;
  if (buys === 20) process.stdout.write('ready\n');
  // A claim never waits on I/O now (SQLite is synchronous): yield a turn so the pipe is
  // written and SIGTERM is heard, as a real feed's events would.
  await new Promise((resolve) => setImmediate(resolve));
}
await engine.stop();
process.stdout.write(JSON.stringify({ contenderBuys: buys, contenderBuysPerSec: Math.round((buys * 1000) / (Date.now() - started)) }) + '\n');
process.exit(0);
