import { describe, expect, it } from 'vitest';
import { Rng } from '../../electron/core/time/rng.js';
import { ClaimWorkerProcess, type WorkerMessage } from '../support/claim-worker-process.js';
import { countBy } from '../support/data-dir-truth.js';
import { randomMint, tempDataDir } from '../support/engine-fixture.js';
import { sleep, track } from '../support/process-faults.js';
import { scenario } from '../support/scenario-durations.js';
import { readStoreState } from '../support/store-state.js';

/**
 * Eight OS processes claim the same mint while the one holding the ledger's write lock is
 * SIGKILLed inside its claim transaction: either in the middle of the claim's checks, or
 * after writing its intent row and before COMMIT. The seven waiting on the lock (the real
 * Ledger in claim-worker.ts) must come out with exactly one winner, the others refused as
 * "in flight elsewhere" or "already bought", and none with an error (the old file lock
 * answered some of them ENOENT, taken as "store unavailable"). A killed holder's claim is
 * never seen by anyone: its transaction dies with it.
 *
 * Every tenth holder is a real Ledger worker; the others are claim-holder.mjs, the same
 * transaction in plain SQL without tsx, because a holder dies every trial and a tsx
 * process takes ~1-2 s to start on a loaded 2-core machine.
 */
const WORKERS = 8;
const CONTENDERS = 7;

describe('eight processes claiming the same mints while a holder dies inside its transaction', () => {
  it(`${scenario.claimTrials} trials: exactly one claim per mint, no error, nothing of the killed holder left`, async () => {
    const dataDir = tempDataDir('claimrace');
    const rng = new Rng(7);
    let spawned = 0;
    const start = () => track(new ClaimWorkerProcess(dataDir, `iw${++spawned}-${process.pid}`));
    const workers = Array.from({ length: WORKERS }, start);
    await Promise.all(workers.map((w) => w.ready));
    // Replacements start while trials run, so a trial seldom waits for a process to boot.
    const spares = [start()];
    let lightSpawned = 0;
    const startLight = () => track(new ClaimWorkerProcess(dataDir, `ih${++lightSpawned}-${process.pid}`, 'light'));
    const lightHolders = [startLight(), startLight()];

    const mints: string[] = [];
    const killedAttempts = new Set<string>();
    let winners = 0;
    let refusals = 0;
    const errors: string[] = [];
    const refusedAs = new Map<string, number>();
    for (let trial = 0; trial < scenario.claimTrials; trial++) {
      const mint = randomMint();
      mints.push(mint);
      const realHolder = trial % 10 === 0;
      const holderAt = Math.floor(rng.next() * WORKERS);
      const holder = realHolder ? workers[holderAt]! : lightHolders.shift()!;
      if (!realHolder) lightHolders.push(startLight());
      await holder.ready;
      holder.send({ trial, mint, hold: Math.floor(trial / 2) % 2 === 0 ? 'in-check' : 'after-insert' });
      await holder.next((m) => m.trial === trial && m.held === true);
      killedAttempts.add(`${holder.instanceId}-t${trial}`).add(`${holder.instanceId}-held`);
      const others = workers.filter((w) => w !== holder);
      // Eight claimers in all: with a light holder, one worker sits this trial out.
      if (others.length > CONTENDERS) others.splice(Math.floor(rng.next() * others.length), 1);
      for (const w of others) w.send({ trial, mint });
      // Let the others queue on the lock (their busy wait), then kill the holder mid-transaction.
      await sleep(rng.between(0, 15));
      await holder.kill();
      const answers: WorkerMessage[] = await Promise.all(others.map((w) => w.next((m) => m.trial === trial)));
      for (const a of answers) {
        if (a.error !== undefined) errors.push(a.error);
        else if (a.result === 'claimed') winners++;
        else {
          refusals++;
          refusedAs.set(a.code ?? '?', (refusedAs.get(a.code ?? '?') ?? 0) + 1);
        }
      }
      const wonThisTrial = answers.filter((a) => a.result === 'claimed').length;
      expect(wonThisTrial, `trial ${trial}: ${JSON.stringify(answers)}`).toBe(1);
      if (realHolder) {
        const spare = spares.shift()!;
        await spare.ready;
        workers[holderAt] = spare;
        spares.push(start());
      }
    }
    for (const w of [...workers, ...spares, ...lightHolders]) await w.close();

    const state = readStoreState(dataDir);
    const purchasesPerMint = countBy(state.history, (r) => r.mint);
    const doubleRecords = [...purchasesPerMint.values()].filter((n) => n > 1).length;
    const fromKilled = state.history.filter((r) => killedAttempts.has(r.attemptId ?? '')).length + state.intents.filter((i) => killedAttempts.has(i.attemptId)).length;
    process.stdout.write(
      `${JSON.stringify({ scenario: 'claim-race', trials: scenario.claimTrials, processes: spawned + lightSpawned, realHolders: Math.ceil(scenario.claimTrials / 10), winners, refusals, refusedAs: Object.fromEntries(refusedAs), storeUnavailable: errors.length, doubleRecords, fromKilled, openIntents: state.intents.length })}\n`,
    );
    expect(errors).toEqual([]);
    expect(winners).toBe(scenario.claimTrials);
    expect(refusals).toBe(scenario.claimTrials * (CONTENDERS - 1));
    expect(mints.every((m) => purchasesPerMint.get(m) === 1)).toBe(true);
    expect({ doubleRecords, fromKilled, openIntents: state.intents.length }).toEqual({ doubleRecords: 0, fromKilled: 0, openIntents: 0 });
  }, 600_000);
});
