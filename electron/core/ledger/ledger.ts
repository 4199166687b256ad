import os from 'node:os';
import type { BlockReason } from '../../../shared/block-reasons.js';
import type { Override, PurchaseRecord, Requester } from '../../../shared/domain.js';
import type { Limits } from '../../../shared/settings.js';
import type { Fence } from '../traders/trader.js';
import { forgetDeadInstance, probeInstance } from './instance-lock.js';
import { pidRuns } from './process-alive.js';
import type { Intent } from './intent.js';
import type { LedgerDb } from './open-ledger.js';
import { PositionsLedger } from './positions-ledger.js';
import { rulesChangeSchema, StaleRevisionError, type Rules } from './rules.js';
import { solToLamports, SpendWindow } from './spend-window.js';
import { fenceOfRow, fenceParams } from './fence-row.js';

export type ClaimResult = { ok: true } | { ok: false; reason: BlockReason; orphaned?: boolean };

/**
 * What the rules see inside the claim transaction: every instance's spend, open buys and
 * positions. Money in whole lamports; an open intent (in flight or unknown) counts at the
 * most it can cost (its max_cost_sol) until it is settled.
 */
export interface SpendView {
  /** Spent in the last 24 h plus reserved by open intents, by one requester or all. */
  dayLamports(requester?: Requester): number;
  /** Spent in the last hour plus reserved by open intents, all requesters. */
  hourLamports(): number;
  /** What every open intent may still take from the wallet. */
  reservedLamports(): number;
  /** Spent by purchases recorded after purchase `afterId` (a balance read then does not show them yet). */
  spentAfterPurchaseLamports(afterId: number): number;
  /** Open positions plus open intents: every buy that is, or may become, a position. */
  openPositions(): number;
}

export type ClaimPolicy = (rules: Rules, spend: SpendView, inFlightCount: number) => BlockReason | undefined;

export type LedgerChange = 'rules' | 'purchases' | 'intents' | 'positions';

interface IntentRow {
  mint: string;
  attempt_id: string;
  symbol: string;
  platform: string;
  module: string;
  sol_amount: number;
  instance_id: string;
  at: number;
  status: string;
  detail: string | null;
  override: string | null;
  signature: string | null;
  signed_bytes: Buffer | null;
  blockhash: string | null;
  last_valid_block_height: number | null;
  max_cost_sol: number | null;
  adopted_from: string | null;
  taken_over_at: number | null;
}

interface PurchaseRow {
  id: number;
  mint: string;
  symbol: string;
  platform: string;
  module: string;
  signature: string;
  sol_spent: number;
  tokens: number;
  at: number;
  instance_id: string;
  attempt_id: string | null;
  override: string | null;
}

interface RulesRow {
  revision: number;
  kill_switch: number;
  limits: string;
  blocklist: string;
}

export interface LedgerOptions {
  dataDir: string;
  instanceId: string;
  now: () => number;
  /** The rules a new ledger starts with (defaults, or what an older settings.json held). */
  initialRules: Omit<Rules, 'revision'>;
}

/**
 * The ledger of one data dir, seen from one instance: every check that must be decided by
 * all instances together is one SQLite transaction here. A claim is one `BEGIN IMMEDIATE`
 * transaction (already bought? anyone's live intent? the rules and every limit counted
 * over all instances' purchases and open intents? then our intent); a success is one
 * (purchase in, intent out). SQLite's write lock is the kernel's: a dead holder's lock is
 * gone with its process, a live one's cannot be stolen.
 *
 * In memory it keeps what makes the claim path O(1) in the size of the history: the set
 * of bought mints (the lock-free fast path), the last 24 h of spend, and the rules by
 * revision; each is brought up to date from the rows added since the last look, when
 * `PRAGMA data_version` says another connection wrote.
 */
export class Ledger {
  private readonly bought = new Set<string>();
  private readonly spend: SpendWindow;
  private lastPurchaseId = 0;
  private purchases = 0;
  private rulesCache: Rules & { blocked: Set<string> };
  private dataVersion = -1;
  private readonly listeners = new Set<(change: LedgerChange) => void>();
  private readonly st;
  private closed = false;
  /** Positions and their sells, in the same file and under the same locks. */
  readonly positions: PositionsLedger;

  constructor(
    readonly db: LedgerDb,
    private readonly options: LedgerOptions,
  ) {
    this.spend = new SpendWindow(options.now);
    const prepare = (sql: string) => db.prepare(sql);
    this.st = {
      purchasesSince: prepare('SELECT id, mint, module, sol_spent, at FROM purchases WHERE id > ? ORDER BY id'),
      boughtMint: prepare('SELECT 1 FROM purchases WHERE mint = ? LIMIT 1').pluck(),
      attemptRecorded: prepare('SELECT 1 FROM purchases WHERE attempt_id = ? LIMIT 1').pluck(),
      insertPurchase: prepare(
        `INSERT INTO purchases (mint, symbol, platform, module, signature, sol_spent, tokens, at, instance_id, attempt_id, override)
         VALUES (@mint, @symbol, @platform, @module, @signature, @solSpent, @tokens, @at, @instanceId, @attemptId, @override)
         ON CONFLICT (attempt_id) DO NOTHING`,
      ),
      intentOf: prepare('SELECT * FROM intents WHERE mint = ?'),
      intentsOfOthers: prepare('SELECT * FROM intents WHERE instance_id != ?'),
      ownInFlight: prepare("SELECT * FROM intents WHERE instance_id = ? AND status = 'in-flight'"),
      ownUnknown: prepare("SELECT * FROM intents WHERE instance_id = ? AND status = 'unknown' ORDER BY at"),
      allIntents: prepare('SELECT * FROM intents ORDER BY at'),
      inFlightCount: prepare("SELECT count(*) FROM intents WHERE status = 'in-flight'").pluck(),
      // Each intent rounded to whole lamports before summing: integer sums are exact.
      reservedAll: prepare(`SELECT coalesce(sum(${intentMaxCostLamports}), 0) FROM intents`).pluck(),
      reservedBy: prepare(`SELECT coalesce(sum(${intentMaxCostLamports}), 0) FROM intents WHERE module = ?`).pluck(),
      spentAfter: prepare('SELECT coalesce(sum(CAST(round(sol_spent * 1e9) AS INTEGER)), 0) FROM purchases WHERE id > ?').pluck(),
      newestPurchaseId: prepare('SELECT coalesce(max(id), 0) FROM purchases').pluck(),
      openIntents: prepare('SELECT count(*) FROM intents').pluck(),
      openPositions: prepare("SELECT count(*) FROM positions WHERE status = 'open'").pluck(),
      insertIntent: prepare(
        `INSERT INTO intents (mint, attempt_id, symbol, platform, module, sol_amount, max_cost_sol, instance_id, at, status, detail, override, signature)
         VALUES (@mint, @attemptId, @symbol, @platform, @module, @solAmount, @maxCostSol, @instanceId, @at, @status, @detail, @override, @signature)`,
      ),
      dropIntent: prepare('DELETE FROM intents WHERE mint = ? AND attempt_id = ?'),
      markUnknown: prepare(
        "UPDATE intents SET status = 'unknown', detail = ?, signature = coalesce(signature, ?) WHERE mint = ? AND attempt_id = ?",
      ),
      recordFence: prepare(
        `UPDATE intents SET signature = @signature, signed_bytes = @signedBytes, blockhash = @blockhash,
           last_valid_block_height = @lastValidBlockHeight
         WHERE mint = @mint AND attempt_id = @attemptId AND instance_id = @instanceId AND taken_over_at IS NULL`,
      ),
      adopt: prepare(
        `UPDATE intents SET instance_id = @me, status = 'unknown', adopted_from = instance_id, taken_over_at = @now
         WHERE instance_id = @owner`,
      ),
      holds: prepare('SELECT 1 FROM intents WHERE mint = ? AND attempt_id = ? AND instance_id = ?').pluck(),
      instanceRow: prepare('SELECT pid, host FROM instances WHERE instance_id = ?'),
      registerInstance: prepare('INSERT OR REPLACE INTO instances (instance_id, pid, host, started_at) VALUES (?, ?, ?, ?)'),
      forgetInstance: prepare('DELETE FROM instances WHERE instance_id = ?'),
      revision: prepare('SELECT revision FROM rules WHERE id = 1').pluck(),
      rules: prepare('SELECT revision, kill_switch, limits, blocklist FROM rules WHERE id = 1'),
      insertRules: prepare(
        `INSERT INTO rules (id, revision, kill_switch, limits, blocklist, changed_at, changed_by)
         VALUES (1, @revision, @killSwitch, @limits, @blocklist, @at, @by) ON CONFLICT (id) DO NOTHING`,
      ),
      writeRules: prepare(
        'UPDATE rules SET revision = @revision, kill_switch = @killSwitch, limits = @limits, blocklist = @blocklist, changed_at = @at, changed_by = @by WHERE id = 1',
      ),
      bumpRevision: prepare('UPDATE rules SET revision = revision + 1, changed_at = ?, changed_by = ? WHERE id = 1'),
      searchCount: prepare(`SELECT count(*) FROM purchases WHERE ${searchMatch}`).pluck(),
      searchPage: prepare(`SELECT * FROM purchases WHERE ${searchMatch} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`),
      totals: prepare('SELECT module, count(*) AS count, total(sol_spent) AS sol FROM purchases GROUP BY module ORDER BY module'),
      searchTotals: prepare(`SELECT module, count(*) AS count, total(sol_spent) AS sol FROM purchases WHERE ${searchMatch} GROUP BY module ORDER BY module`),
      page: prepare('SELECT * FROM purchases ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset'),
      purchasesOfMint: prepare('SELECT * FROM purchases WHERE mint = ? ORDER BY id'),
    };
    this.positions = new PositionsLedger(db, { instanceId: options.instanceId, now: options.now, changed: () => this.emit('positions') });
    this.write(() => {
      this.st.insertRules.run({ ...this.rulesParams({ ...options.initialRules, revision: 1 }), at: options.now(), by: options.instanceId });
    });
    this.rulesCache = this.readRules();
    this.pollPurchases();
    this.dataVersion = this.currentDataVersion();
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  // ---- the fast path: memory only --------------------------------------------------

  /** Whether the mint is in the history as this instance last saw it (may lag others by one refresh). */
  isBought(mint: string): boolean {
    return this.bought.has(mint);
  }

  purchaseCount(): number {
    return this.purchases;
  }

  rules(): Rules {
    return this.rulesCache;
  }

  /** Called on every change this instance makes and every one another instance made (seen by `refresh`). */
  onChange(listener: (change: LedgerChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Cheap when nothing changed (one `PRAGMA data_version`); otherwise brings the bought
   * set, the spend window and the rules up to date. Run every 250 ms by the engine.
   */
  refresh(): boolean {
    if (this.closed) return false;
    const version = this.currentDataVersion();
    if (version === this.dataVersion) return false;
    this.dataVersion = version;
    this.read(() => {
      this.pollPurchases();
      this.syncRules();
    });
    this.emit('intents');
    // Another instance may have bought, sold or repriced a position.
    this.emit('positions');
    return true;
  }

  // ---- claims ------------------------------------------------------------------------

  /**
   * The claim: one `BEGIN IMMEDIATE` transaction that checks the history, the open intents
   * of every instance and the rules (`policy`, given the rules, every instance's spend and
   * buys in flight as they are now), and writes our intent only if all pass.
   */
  claim(intent: Intent, override: Override | undefined, policy: ClaimPolicy): ClaimResult {
    return this.write(() => {
      this.pollPurchases();
      this.syncRules();
      if (override !== 'buy-again' && this.st.boughtMint.get(intent.mint)) return blocked({ code: 'already-bought' });
      const existing = this.st.intentOf.get(intent.mint) as IntentRow | undefined;
      if (existing) return this.heldBy(existing);
      const reason = policy(this.rulesCache, this.spendView(), this.st.inFlightCount.get() as number);
      if (reason) return blocked(reason);
      this.st.insertIntent.run(intentParams(intent));
      return { ok: true as const };
    });
  }

  /**
   * Records what fences the buy, before it is sent, only while the intent is still ours
   * and not taken over. False: do not send.
   */
  recordFence(intent: Intent, fence: Fence): boolean {
    return this.write(
      () =>
        this.st.recordFence.run({
          mint: intent.mint,
          attemptId: intent.attemptId,
          instanceId: this.options.instanceId,
          ...fenceParams(fence),
        }).changes === 1,
    );
  }

  /**
   * Success: the purchase in, its position opened and the intent out, in one transaction.
   * An attempt already recorded (a reconcile got there first) is not recorded twice, nor
   * its position opened twice. Returns whether the intent was still there to remove.
   */
  recordSuccess(intent: Intent, record: PurchaseRecord): boolean {
    const dropped = this.write(() => {
      const inserted = this.st.insertPurchase.run({ ...record, attemptId: record.attemptId ?? null, override: record.override ?? null });
      if (inserted.changes === 1) this.positions.openInTransaction(Number(inserted.lastInsertRowid), record);
      return this.st.dropIntent.run(intent.mint, intent.attemptId).changes === 1;
    });
    this.pollPurchases();
    this.emit('purchases');
    this.emit('positions');
    return dropped;
  }

  /** A definite failure (or nothing landed): the intent goes, no record. False if it was no longer there. */
  release(intent: Intent): boolean {
    const dropped = this.write(() => this.st.dropIntent.run(intent.mint, intent.attemptId).changes === 1);
    this.emit('intents');
    return dropped;
  }

  /**
   * The outcome is unknown: the intent stays, as `unknown`, and blocks the mint everywhere.
   * If it is gone (taken over and resolved while we were presumed dead) it is put back:
   * our buy may have landed. False when another attempt holds the mint now.
   */
  markUnknown(intent: Intent, detail: string, signature?: string): boolean {
    const kept = this.write(() => {
      const current = this.st.intentOf.get(intent.mint) as IntentRow | undefined;
      if (current && current.attempt_id !== intent.attemptId) return false;
      if (current) this.st.markUnknown.run(detail, signature ?? null, intent.mint, intent.attemptId);
      else this.st.insertIntent.run(intentParams({ ...intent, status: 'unknown', detail, ...(signature ? { signature } : {}) }));
      return true;
    });
    this.emit('intents');
    return kept;
  }

  holds(intent: Intent): boolean {
    return this.st.holds.get(intent.mint, intent.attemptId, this.options.instanceId) !== undefined;
  }

  isRecorded(intent: Intent): boolean {
    return this.st.attemptRecorded.get(intent.attemptId) !== undefined;
  }

  /**
   * Takes over the intents of instances the kernel says are dead (as unknown: whether they
   * bought is not known) and marks unknown this instance's own in-flight intents that no
   * buy in `running` (attempt ids) accounts for (a ledger write failed after the buy).
   * Returns every unknown intent this instance must reconcile.
   */
  adoptOrphans(running: ReadonlySet<string>): Intent[] {
    const others = this.st.intentsOfOthers.all(this.options.instanceId) as IntentRow[];
    const dead = [...new Set(others.map((r) => r.instance_id))].filter((owner) => this.liveness(owner) === 'dead');
    const stranded = (this.st.ownInFlight.all(this.options.instanceId) as IntentRow[]).filter((r) => !running.has(r.attempt_id));
    if (dead.length > 0 || stranded.length > 0) {
      this.write(() => {
        for (const owner of dead) {
          this.st.adopt.run({ me: this.options.instanceId, owner, now: this.options.now() });
          this.st.forgetInstance.run(owner);
        }
        for (const row of stranded) {
          this.st.markUnknown.run(row.detail ?? 'its buy stopped before the outcome was recorded', null, row.mint, row.attempt_id);
        }
      });
      for (const owner of dead) forgetDeadInstance(this.options.dataDir, owner);
      this.emit('intents');
    }
    return (this.st.ownUnknown.all(this.options.instanceId) as IntentRow[]).map(intentOf);
  }

  /** Intents that block their mint until reconciled: unknown ones, and in-flight ones of instances that are gone. */
  unknownIntents(): Intent[] {
    return (this.st.allIntents.all() as IntentRow[])
      .filter((r) => r.status === 'unknown' || (r.instance_id !== this.options.instanceId && this.liveness(r.instance_id) === 'dead'))
      .map(intentOf);
  }

  allIntents(): Intent[] {
    return (this.st.allIntents.all() as IntentRow[]).map(intentOf);
  }

  purchasesOf(mint: string): PurchaseRecord[] {
    return (this.st.purchasesOfMint.all(mint) as PurchaseRow[]).map(purchaseOf);
  }

  /** Newest first; `search` matches a part of the mint, the symbol or the module, case-insensitively. */
  history(search: string, limit: number, offset: number): { total: number; records: PurchaseRecord[] } {
    if (!search) {
      return { total: this.purchases, records: (this.st.page.all({ limit, offset }) as PurchaseRow[]).map(purchaseOf) };
    }
    const like = likePattern(search);
    return {
      total: this.st.searchCount.get({ like }) as number,
      records: (this.st.searchPage.all({ like, limit, offset }) as PurchaseRow[]).map(purchaseOf),
    };
  }

  /** Purchases and SOL per module over what `history(search)` matches: one indexed pass in SQLite. */
  historyTotals(search: string): { module: PurchaseRecord['module']; count: number; sol: number }[] {
    const rows = search ? this.st.searchTotals.all({ like: likePattern(search) }) : this.st.totals.all();
    // `module` holds what purchaseOf reads back as a requester; the same trust applies here.
    return rows as { module: PurchaseRecord['module']; count: number; sol: number }[];
  }

  // ---- instances -----------------------------------------------------------------------

  registerInstance(startedAt: number): void {
    this.write(() => this.st.registerInstance.run(this.options.instanceId, process.pid, os.hostname(), startedAt));
  }

  unregisterInstance(): void {
    this.write(() => this.st.forgetInstance.run(this.options.instanceId));
  }

  /**
   * What the kernel says of another instance. A missing lock file means a clean stop only
   * when its instances row is gone too; with the row still there the file was deleted
   * under a running (or dead) instance, and only its pid can tell.
   */
  liveness(instanceId: string): 'alive' | 'dead' | 'unsure' {
    if (instanceId === this.options.instanceId) return 'alive';
    const probed = probeInstance(this.options.dataDir, instanceId);
    if (probed !== 'missing') return probed;
    const row = this.st.instanceRow.get(instanceId) as { pid: number; host: string } | undefined;
    if (row === undefined) return 'dead';
    // The lock file was deleted under a registered instance. Its pid no longer running on
    // this host is a fact: nothing can hold or resume its buys, so it is dead (else its
    // intents would block their mints for ever). A pid still running (the owner frozen, or
    // a reused pid) or another host proves nothing.
    return row.host === os.hostname() && !pidRuns(row.pid) ? 'dead' : 'unsure';
  }

  // ---- the rules that move money ---------------------------------------------------------

  /**
   * Changes the rules read-modify-write inside one transaction, from what is in the ledger
   * now (never from this instance's memory), so no change undoes another's. With
   * `expectedRevision`, a change made against an older view is refused (StaleRevisionError).
   */
  updateRules(change: (current: Rules) => Omit<Rules, 'revision'>, expectedRevision?: number): Rules {
    const next = this.write(() => {
      this.syncRules();
      const current = this.rulesCache;
      if (expectedRevision !== undefined && expectedRevision !== current.revision) throw new StaleRevisionError(expectedRevision, current.revision);
      const parsed = rulesChangeSchema.parse(change(structuredClone(stripCache(current))));
      const rules: Rules = { ...parsed, revision: current.revision + 1 };
      this.st.writeRules.run({ ...this.rulesParams(rules), at: this.options.now(), by: this.options.instanceId });
      return rules;
    });
    this.rulesCache = withBlocked(next);
    this.emit('rules');
    return next;
  }

  /**
   * Runs `fn` (a read-modify-write of settings kept outside the ledger, e.g. settings.json)
   * under the ledger's write lock, so writers in different instances take turns, and counts
   * it as a new settings revision that every instance sees. `fn` must do its write last:
   * if it throws, the revision is not bumped.
   */
  withSettingsLock<T>(fn: () => T, expectedRevision?: number): T {
    const result = this.write(() => {
      this.syncRules();
      const current = this.rulesCache.revision;
      if (expectedRevision !== undefined && expectedRevision !== current) throw new StaleRevisionError(expectedRevision, current);
      const value = fn();
      this.st.bumpRevision.run(this.options.now(), this.options.instanceId);
      return value;
    });
    this.rulesCache = { ...this.rulesCache, revision: this.rulesCache.revision + 1 };
    this.emit('rules');
    return result;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // ---- inside ------------------------------------------------------------------------

  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  private currentDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private spendView(): SpendView {
    const reserved = () => this.st.reservedAll.get() as number;
    return {
      dayLamports: (requester) => this.spend.dayLamports(requester) + (requester ? (this.st.reservedBy.get(requester) as number) : reserved()),
      hourLamports: () => this.spend.hourLamports() + reserved(),
      reservedLamports: reserved,
      spentAfterPurchaseLamports: (afterId) => this.st.spentAfter.get(afterId) as number,
      openPositions: () => (this.st.openPositions.get() as number) + (this.st.openIntents.get() as number),
    };
  }

  /**
   * The newest purchase id now. A wallet balance read started after this call shows every
   * purchase up to it; those recorded later are taken off it (spentAfterPurchaseLamports).
   */
  newestPurchaseId(): number {
    return this.st.newestPurchaseId.get() as number;
  }

  /** Takes in the purchases added since the last look (by any instance): O(new rows). */
  private pollPurchases(): void {
    const rows = this.st.purchasesSince.all(this.lastPurchaseId) as Pick<PurchaseRow, 'id' | 'mint' | 'module' | 'sol_spent' | 'at'>[];
    for (const row of rows) {
      this.bought.add(row.mint);
      this.spend.add(row.module as Requester, solToLamports(row.sol_spent), row.at);
      this.lastPurchaseId = row.id;
      this.purchases += 1;
    }
  }

  /** One integer read; the whole row is read and parsed only when the revision moved. */
  private syncRules(): void {
    if (this.st.revision.get() === this.rulesCache.revision) return;
    this.rulesCache = this.readRules();
    this.emit('rules');
  }

  private readRules(): Rules & { blocked: Set<string> } {
    const row = this.st.rules.get() as RulesRow | undefined;
    if (!row) throw new Error('the ledger has no rules row');
    return withBlocked({
      revision: row.revision,
      killSwitch: row.kill_switch === 1,
      limits: JSON.parse(row.limits) as Limits,
      blocklist: JSON.parse(row.blocklist) as string[],
    });
  }

  private rulesParams(rules: Rules) {
    return {
      revision: rules.revision,
      killSwitch: rules.killSwitch ? 1 : 0,
      limits: JSON.stringify(rules.limits),
      blocklist: JSON.stringify(rules.blocklist),
    };
  }

  private heldBy(existing: IntentRow): ClaimResult {
    if (existing.status === 'unknown') return blocked({ code: 'unknown-outcome' });
    if (existing.instance_id === this.options.instanceId) return blocked({ code: 'in-flight-here' });
    const owner = this.liveness(existing.instance_id);
    if (owner !== 'dead') return blocked({ code: 'in-flight-elsewhere', instanceId: existing.instance_id });
    // Its owner died mid-buy: it may have landed. Blocked until a reconcile adopts it.
    return { ok: false, reason: { code: 'unknown-outcome' }, orphaned: true };
  }

  private emit(change: LedgerChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure (a closed window) must not undo or fail a ledger write.
      }
    }
  }
}

/** Rules with the blocklist as a set, for an O(1) check in the claim. */
export function blockedSet(rules: Rules): ReadonlySet<string> {
  return (rules as Rules & { blocked?: Set<string> }).blocked ?? new Set(rules.blocklist);
}

/** An intent's reservation: the most it can cost (NULL: its amount, paper and older rows), in lamports. */
const intentMaxCostLamports = 'CAST(round(coalesce(max_cost_sol, sol_amount) * 1e9) AS INTEGER)';

/** The history search: a part of the mint, the symbol or the module (LIKE is case-insensitive for ASCII). */
const searchMatch = "(mint LIKE @like ESCAPE '\\' OR symbol LIKE @like ESCAPE '\\' OR module LIKE @like ESCAPE '\\')";

/** `search` as a LIKE pattern matching it anywhere, its own % and _ taken literally. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function withBlocked(rules: Rules): Rules & { blocked: Set<string> } {
  const out = { ...rules, blocked: new Set(rules.blocklist) };
  // Not enumerable: the rules go out as they are (events, the console) without the set.
  Object.defineProperty(out, 'blocked', { enumerable: false });
  return out;
}

function stripCache(rules: Rules): Rules {
  return { revision: rules.revision, killSwitch: rules.killSwitch, limits: rules.limits, blocklist: rules.blocklist };
}

function blocked(reason: BlockReason): ClaimResult {
  return { ok: false, reason };
}

function intentParams(intent: Intent) {
  return {
    mint: intent.mint,
    attemptId: intent.attemptId,
    symbol: intent.symbol,
    platform: intent.platform,
    module: intent.module,
    solAmount: intent.solAmount,
    maxCostSol: intent.maxCostSol ?? null,
    instanceId: intent.instanceId,
    at: intent.at,
    status: intent.status,
    detail: intent.detail ?? null,
    override: intent.override ?? null,
    signature: intent.signature ?? null,
  };
}

function intentOf(row: IntentRow): Intent {
  const fence = fenceOfRow(row);
  return {
    attemptId: row.attempt_id,
    mint: row.mint,
    symbol: row.symbol,
    platform: row.platform as Intent['platform'],
    module: row.module as Intent['module'],
    solAmount: row.sol_amount,
    ...(row.max_cost_sol !== null ? { maxCostSol: row.max_cost_sol } : {}),
    instanceId: row.instance_id,
    at: row.at,
    status: row.status as Intent['status'],
    ...(row.detail !== null ? { detail: row.detail } : {}),
    ...(row.signature !== null ? { signature: row.signature } : {}),
    ...(row.override !== null ? { override: row.override as Override } : {}),
    ...(fence ? { fence } : {}),
    ...(row.adopted_from !== null ? { adoptedFrom: row.adopted_from } : {}),
    ...(row.taken_over_at !== null ? { takenOverAt: row.taken_over_at } : {}),
  };
}

function purchaseOf(row: PurchaseRow): PurchaseRecord {
  return {
    mint: row.mint,
    symbol: row.symbol,
    platform: row.platform as PurchaseRecord['platform'],
    module: row.module as PurchaseRecord['module'],
    signature: row.signature,
    solSpent: row.sol_spent,
    tokens: row.tokens,
    at: row.at,
    instanceId: row.instance_id,
    ...(row.attempt_id !== null ? { attemptId: row.attempt_id } : {}),
    ...(row.override !== null ? { override: row.override as Override } : {}),
  };
}

