import bs58 from 'bs58';
import type { BlockReason } from '../../shared/block-reasons.js';
import { moduleIds, type AttemptUpdate } from '../../shared/domain.js';
import { auditLinesOf } from './audit-lines.js';
import { ChainWitness, ControlledTrader, type HeldOutcome, type ReconcileAnswer } from './controlled-trader.js';
import { readHistory, signal, startTestEngine, tempDataDir, type TestEngine } from './engine-fixture.js';

export interface SignalItem {
  engine: number;
  module: number;
  mint: number;
}
export type Command =
  | { t: 'signals'; items: SignalItem[] }
  | { t: 'release'; pick: number; outcome: HeldOutcome }
  | { t: 'reconcile'; engine: number; answers: ReconcileAnswer[]; alongside: SignalItem[] };

type MintState =
  | { kind: 'free' }
  | { kind: 'open'; engine: number; attemptId: string }
  | { kind: 'unknown'; engine: number; attemptId: string }
  | { kind: 'recorded'; attemptId: string };

interface Request {
  item: SignalItem;
  result?: AttemptUpdate;
}

const OUTCOME_OF: Record<HeldOutcome, AttemptUpdate['outcome']> = { success: 'bought', failure: 'failed', unknown: 'unknown' };

/** Distinct valid mints, the same in every run, so a failing case replays exactly. */
export function mintPool(count: number): string[] {
  return Array.from({ length: count }, (_, i) => bs58.encode(new Uint8Array(32).fill(i + 1)));
}

/**
 * Runs one interleaving against real engines on one fresh data dir and checks, after every
 * step, each outcome against a model of what each mint's state allows. Throws on the first
 * difference; the witness records breaches seen by the traders.
 */
export class InterleavingRun {
  private readonly witness = new ChainWitness();
  private readonly engines: { te: TestEngine; trader: ControlledTrader }[] = [];
  private readonly model: MintState[];
  private readonly requests: Request[] = [];
  private readonly byAttempt = new Map<string, AttemptUpdate>();
  private unsettled = 0;
  readonly mints: string[];

  private constructor(mintCount: number) {
    this.mints = mintPool(mintCount);
    this.model = this.mints.map(() => ({ kind: 'free' }));
  }

  static async start(engineCount: number, mintCount: number): Promise<InterleavingRun> {
    const run = new InterleavingRun(mintCount);
    const dataDir = tempDataDir('interleave');
    for (let i = 0; i < engineCount; i++) {
      const trader = new ControlledTrader(run.witness);
      const te = await startTestEngine({ dataDir, trader });
      te.engine.port.subscribe(({ name, payload }) => {
        const u = payload as AttemptUpdate;
        if (name === 'attempt' && (u.outcome === 'reconciled-bought' || u.outcome === 'reconciled-not-bought')) {
          run.witness.resolved(u.mint, u.attemptId, u.outcome === 'reconciled-bought');
        }
      });
      run.engines.push({ te, trader });
    }
    return run;
  }

  async step(cmd: Command): Promise<void> {
    switch (cmd.t) {
      case 'signals':
        return this.signals(cmd.items, new Set());
      case 'release':
        return this.release(cmd.pick, cmd.outcome);
      case 'reconcile':
        return this.reconcile(cmd.engine % this.engines.length, cmd.answers, cmd.alongside);
      default: {
        const never: never = cmd;
        throw new Error(`unhandled command ${JSON.stringify(never)}`);
      }
    }
  }

  /** Settles every open buy (as failures) and stops the engines. */
  async finish(): Promise<void> {
    while (this.witness.open.length > 0) await this.release(0, 'failure');
    for (const { te } of this.engines) await te.stop();
  }

  /** Probes every mint once more, then checks history, audit and the witness. */
  async verify(): Promise<void> {
    await this.signals(this.mints.map((_, mint) => ({ engine: 0, module: mint % moduleIds.length, mint })), new Set());
    await this.finish();
    if (this.witness.violations.length > 0) throw new Error(`trader saw: ${this.witness.violations.join('; ')}`);
    this.checkHistory();
    this.checkAudit();
  }

  private async signals(items: SignalItem[], fuzzy: Set<number>): Promise<void> {
    const before = [...this.model];
    const openBefore = new Set(this.witness.open.map((o) => o.order.attemptId));
    const reqs = items.map((raw) => this.request({ ...raw, engine: raw.engine % this.engines.length, mint: raw.mint % this.mints.length }));
    await this.quiesce();
    const opened = this.witness.open.filter((o) => !openBefore.has(o.order.attemptId));
    for (const mint of new Set(reqs.map((r) => r.item.mint))) {
      const forMint = reqs.filter((r) => r.item.mint === mint);
      const newOpen = opened.filter((o) => o.order.mint === this.mints[mint]);
      if (newOpen.length > 1) throw new Error(`mint ${mint}: ${newOpen.length} buys opened at once`);
      const opener = newOpen[0] ? this.engineOf(newOpen[0].trader) : undefined;
      if (newOpen[0]) this.model[mint] = { kind: 'open', engine: opener!, attemptId: newOpen[0].order.attemptId };
      if (fuzzy.has(mint)) {
        const allowed = ['unknown-outcome', 'already-bought', 'in-flight-here', 'in-flight-elsewhere'];
        const odd = forMint.find((r) => r.result && !(r.result.outcome === 'blocked' && allowed.includes(r.result.reason!.code)));
        if (odd) throw new Error(`signal racing a reconcile of mint ${mint}: ${odd.result!.outcome} ${JSON.stringify(odd.result!.reason)}`);
        continue;
      }
      const state = before[mint]!;
      if (state.kind === 'free' && newOpen.length !== 1) throw new Error(`mint ${mint} was free, yet ${newOpen.length} buys opened`);
      if (state.kind !== 'free' && newOpen.length !== 0) throw new Error(`mint ${mint} was ${state.kind}, yet a buy opened`);
      const holder = state.kind === 'open' ? state.engine : opener;
      for (const r of forMint) {
        if (!r.result) continue; // the one that opened
        this.expectBlocked(r, this.expectedBlock(state, r.item.engine, holder));
      }
    }
  }

  private expectedBlock(state: MintState, engine: number, holder: number | undefined): BlockReason {
    switch (state.kind) {
      case 'recorded':
        return { code: 'already-bought' };
      case 'unknown':
        return { code: 'unknown-outcome' };
      case 'open':
      case 'free':
        if (holder === engine) return { code: 'in-flight-here' };
        return { code: 'in-flight-elsewhere', instanceId: this.engines[holder!]!.te.engine.instanceId };
      default: {
        const never: never = state;
        throw new Error(`unhandled state ${JSON.stringify(never)}`);
      }
    }
  }

  private expectBlocked(r: Request, reason: BlockReason): void {
    const got = r.result!;
    if (got.outcome !== 'blocked' || JSON.stringify(got.reason) !== JSON.stringify(reason)) {
      throw new Error(`signal ${JSON.stringify(r.item)}: expected blocked ${JSON.stringify(reason)}, got ${got.outcome} ${JSON.stringify(got.reason)}`);
    }
  }

  private async release(pick: number, outcome: HeldOutcome): Promise<void> {
    if (this.witness.open.length === 0) return;
    const { order, trader } = this.witness.open[pick % this.witness.open.length]!;
    trader.settle(order.attemptId, outcome);
    await this.quiesce();
    const got = this.byAttempt.get(order.attemptId);
    if (got?.outcome !== OUTCOME_OF[outcome]) throw new Error(`${order.attemptId} settled ${outcome}, reported ${got?.outcome}`);
    const mint = this.mints.indexOf(order.mint);
    const engine = this.engineOf(trader);
    const states: Record<HeldOutcome, MintState> = {
      success: { kind: 'recorded', attemptId: order.attemptId },
      failure: { kind: 'free' },
      unknown: { kind: 'unknown', engine, attemptId: order.attemptId },
    };
    this.model[mint] = states[outcome];
  }

  private async reconcile(engine: number, answers: ReconcileAnswer[], alongside: SignalItem[]): Promise<void> {
    const { te, trader } = this.engines[engine]!;
    const changing = new Set<number>();
    let expected = { resolved: 0, pending: 0 };
    this.mints.forEach((mint, i) => {
      const answer = answers[i % answers.length] ?? 'still-unknown';
      trader.answers.set(mint, answer);
      const state = this.model[i]!;
      if (state.kind !== 'unknown' || state.engine !== engine) return;
      if (answer === 'still-unknown') expected = { ...expected, pending: expected.pending + 1 };
      else {
        expected = { ...expected, resolved: expected.resolved + 1 };
        changing.add(i);
        this.model[i] = answer === 'landed' ? { kind: 'recorded', attemptId: state.attemptId } : { kind: 'free' };
      }
    });
    const before = [...this.model];
    const pass = te.engine.reconciler.reconcileNow();
    // Signals for mints being reconciled race the pass: any answer the states on either side allow.
    const racing = this.signals(alongside, changing);
    const [got] = await Promise.all([pass, racing]);
    if (got.resolved !== expected.resolved || got.pending !== expected.pending) {
      throw new Error(`reconcile on engine ${engine}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    }
    for (const i of changing) {
      const now = this.model[i]!;
      if (now.kind === 'open' && before[i]!.kind !== 'free') throw new Error(`mint ${i} was bought while reconciled as landed`);
    }
    for (const i of changing) {
      const stillBlocked = this.witness.unresolved.has(this.mints[i]!);
      if (stillBlocked) throw new Error(`mint ${i} was reconciled but still counts as unresolved`);
    }
  }

  private request(item: SignalItem): Request {
    const req: Request = { item };
    const { te } = this.engines[item.engine]!;
    this.unsettled += 1;
    void te.engine.coordinator
      .requestBuy(signal(this.mints[item.mint]!, moduleIds[item.module % moduleIds.length]))
      .then((result) => {
        req.result = result;
        this.byAttempt.set(result.attemptId, result);
      })
      .finally(() => {
        this.unsettled -= 1;
      });
    this.requests.push(req);
    return req;
  }

  /** Until every request is either settled or held open at a trader: nothing is in transit. */
  private async quiesce(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (this.unsettled !== this.witness.open.length) {
      if (Date.now() > deadline) throw new Error(`stuck: ${this.unsettled} requests unsettled, ${this.witness.open.length} open`);
      await new Promise((r) => setImmediate(r));
    }
  }

  private engineOf(trader: ControlledTrader): number {
    return this.engines.findIndex((e) => e.trader === trader);
  }

  private checkHistory(): void {
    const history = readHistory(this.engines[0]!.te.dataDir);
    const expected: Record<string, string[]> = {};
    this.model.forEach((s, i) => {
      if (s.kind === 'recorded') expected[this.mints[i]!] = [s.attemptId];
    });
    const actual = Object.fromEntries(Object.entries(history).map(([mint, records]) => [mint, records.map((r) => r.attemptId ?? '?')]));
    if (JSON.stringify(sorted(actual)) !== JSON.stringify(sorted(expected))) {
      throw new Error(`history ${JSON.stringify(actual)} != expected ${JSON.stringify(expected)}`);
    }
  }

  private checkAudit(): void {
    const decisions = new Set(['bought', 'failed', 'blocked', 'unknown']);
    for (const { te } of this.engines) {
      const lines = auditLinesOf(te.dataDir, te.engine.instanceId);
      const done = te.updates.filter((u) => u.stage === 'done');
      if (lines.length !== done.length) throw new Error(`${lines.length} audit lines for ${done.length} decisions`);
      const seen = new Set<string>();
      for (const line of lines) {
        const key = `${line.attemptId}/${decisions.has(line.outcome) ? 'decision' : 'reconcile'}`;
        if (seen.has(key)) throw new Error(`two audit lines for ${key}`);
        seen.add(key);
      }
      for (const u of done) {
        if (!lines.some((l) => l.attemptId === u.attemptId && l.outcome === u.outcome)) throw new Error(`no audit line for ${u.attemptId} ${u.outcome}`);
      }
    }
    const answered = this.requests.filter((r) => r.result).length;
    const decided = this.engines.flatMap(({ te }) => te.updates.filter((u) => u.stage === 'done' && decisions.has(u.outcome!)));
    if (answered !== decided.length) throw new Error(`${answered} answers but ${decided.length} decisions reported`);
  }
}

function sorted(record: Record<string, string[]>): [string, string[]][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
