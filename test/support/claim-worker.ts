import fs from 'node:fs';
import readline from 'node:readline';
import { InstanceLock } from '../../electron/core/ledger/instance-lock.js';
import type { Intent } from '../../electron/core/ledger/intent.js';
import { Ledger, type ClaimPolicy } from '../../electron/core/ledger/ledger.js';
import { openLedgerDb } from '../../electron/core/ledger/open-ledger.js';
import { defaultSettings } from '../../shared/settings.js';

/**
 * One OS process claiming mints through the real ledger, as an instance does: its own
 * connection, its own kernel liveness lock. Driven over stdin/stdout, one JSON line each:
 *   in:  {"trial": n, "mint": M, "hold": "in-check" | "after-insert" | undefined}
 *   out: {"ready": instanceId} once, {"trial": n, "held": true} when it sits inside its
 *        claim transaction, {"trial": n, "result": "claimed" | "blocked", "code"?} or
 *        {"trial": n, "error": message} (the ledger threw: "store unavailable").
 * `hold` makes it stop inside its BEGIN IMMEDIATE transaction and wait there for ever —
 * "in-check" inside the claim's rules check, "after-insert" after its intent row is
 * written but before COMMIT — so the test can SIGKILL a holder in the middle of it.
 * A claim won is recorded as a purchase at once, as a buy that succeeded would be.
 */
const [dataDirArg, instanceIdArg] = process.argv.slice(2);
if (!dataDirArg || !instanceIdArg) throw new Error('usage: claim-worker DATA_DIR INSTANCE_ID');
const dataDir: string = dataDirArg;
const instanceId: string = instanceIdArg;

const say = (message: object): void => void fs.writeSync(1, `${JSON.stringify(message)}\n`);
// Blocks this thread for good without spinning: the test kills the process.
const forever = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);

const lock = InstanceLock.acquire(dataDir, instanceId);
const { killSwitch, limits, blocklist } = defaultSettings();
const ledger = new Ledger(openLedgerDb(dataDir), {
  dataDir,
  instanceId,
  now: Date.now,
  initialRules: { killSwitch, limits: { ...limits, dailySpendCapSol: 0, maxConcurrentBuys: 1_000 }, blocklist },
});
ledger.registerInstance(Date.now());
say({ ready: instanceId });

const noRules: ClaimPolicy = () => undefined;

function intentFor(mint: string, trial: number): Intent {
  return { attemptId: `${instanceId}-t${trial}`, mint, symbol: 'RACE', platform: 'pump.fun', module: 'sniper', solAmount: 0.01, instanceId, at: Date.now(), status: 'in-flight' };
}

function handle(line: string): void {
  const { trial, mint, hold } = JSON.parse(line) as { trial: number; mint: string; hold?: 'in-check' | 'after-insert' };
  const intent = intentFor(mint, trial);
  try {
    if (hold === 'after-insert') {
      ledger.db
        .transaction(() => {
          ledger.db
            .prepare(
              `INSERT INTO intents (mint, attempt_id, symbol, platform, module, sol_amount, instance_id, at, status)
               VALUES (?, ?, 'RACE', 'pump.fun', 'sniper', 0.01, ?, ?, 'in-flight')`,
            )
            .run(mint, intent.attemptId, instanceId, intent.at);
          say({ trial, held: true });
          forever();
        })
        .immediate();
      return;
    }
    const policy: ClaimPolicy =
      hold === 'in-check'
        ? () => {
            say({ trial, held: true });
            forever();
            return undefined;
          }
        : noRules;
    const result = ledger.claim(intent, undefined, policy);
    if (!result.ok) return say({ trial, result: 'blocked', code: result.reason.code });
    ledger.recordSuccess(intent, {
      mint,
      symbol: 'RACE',
      platform: 'pump.fun',
      module: 'sniper',
      signature: `sig-${intent.attemptId}`,
      solSpent: 0.01,
      tokens: 1,
      at: Date.now(),
      instanceId,
      attemptId: intent.attemptId,
    });
    say({ trial, result: 'claimed' });
  } catch (error) {
    say({ trial, error: error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}` : String(error) });
  }
}

readline.createInterface({ input: process.stdin }).on('line', handle).on('close', () => {
  ledger.close();
  lock.release();
  process.exit(0);
});
