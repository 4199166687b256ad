// A process that takes the ledger's write lock inside a claim transaction and is killed
// there: plain Node and better-sqlite3 without tsx, because it dies once per trial and must
// start in a fraction of a second. It does what Ledger.claim does, in the same SQL on the
// same tables (BEGIN IMMEDIATE; bought? anyone's intent? insert ours), and stops for good
// where told: "in-check" (after the checks, before its insert) or "after-insert" (its
// intent row written, COMMIT not reached). Started ahead of its trial: it prints
// {"ready":true}, reads one line {"trial", "mint", "hold"} from stdin, claims, and prints
// {"trial", "held": true} once it sits there. claim-worker.ts does the same through the
// real Ledger.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';

const [dataDir, instanceId] = process.argv.slice(2);
const db = new Database(path.join(dataDir, 'ledger.sqlite'), { fileMustExist: true, timeout: 10_000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
fs.writeSync(1, '{"ready":"light"}\n');
const { trial, mint, hold } = JSON.parse(await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once('line', resolve)));
const held = () => {
  fs.writeSync(1, `${JSON.stringify({ trial, held: true })}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};
db.transaction(() => {
  if (db.prepare('SELECT 1 FROM purchases WHERE mint = ?').get(mint)) throw new Error('already bought');
  if (db.prepare('SELECT 1 FROM intents WHERE mint = ?').get(mint)) throw new Error('held by another intent');
  if (hold === 'in-check') held();
  db.prepare(
    `INSERT INTO intents (mint, attempt_id, symbol, platform, module, sol_amount, instance_id, at, status)
     VALUES (?, ?, 'RACE', 'pump.fun', 'sniper', 0.01, ?, ?, 'in-flight')`,
  ).run(mint, `${instanceId}-held`, instanceId, Date.now());
  held();
}).immediate();
