import type { Platform, PurchaseRecord, Requester } from '../../../shared/domain.js';
import type { ExitReason, Fence } from '../traders/trader.js';
import type { LedgerDb } from './open-ledger.js';
import { fenceOfRow, fenceParams } from './fence-row.js';

/** A position as the ledger holds it (prices as last persisted; the live ones are in memory). */
export interface PositionRecord {
  id: number;
  purchaseId: number;
  mint: string;
  symbol: string;
  platform: Platform;
  module: Requester;
  openedAt: number;
  tokensBought: number;
  tokensHeld: number;
  costSol: number;
  realizedSol: number;
  peakPriceSol?: number;
  lastPriceSol?: number;
  lastPriceAt?: number;
  status: 'open' | 'closed';
  closedAt?: number;
  closeReason?: string;
  /** Its latest sell, when that one is in the air, unknown, or failed and waiting for its retry. */
  sell?: SellRecord;
}

export type SellStatus = 'in-flight' | 'unknown' | 'failed' | 'sold';

export interface SellRecord {
  sellId: string;
  positionId: number;
  mint: string;
  reason: ExitReason;
  tokens: number;
  instanceId: string;
  at: number;
  status: SellStatus;
  /** 1 for the first try of an exit, n for its (n-1)th retry. */
  attempt: number;
  nextTryAt?: number;
  detail?: string;
  signature?: string;
  fence?: Fence;
  solReceived?: number;
  tokensSold?: number;
  settledAt?: number;
  adoptedFrom?: string;
}

/**
 * What asks for the sell. exit: an exit rule fired (refused while an earlier failed sell
 * waits for its retry: the backoff holds); manual: a person asked (allowed over a failed
 * sell: it replaces the retry); retry: the retry of the failed sell `retryOf`, refused when
 * anything sold or claimed since.
 */
export type SellKind = 'exit' | 'manual' | 'retry';

export interface SellRequest {
  sellId: string;
  positionId: number;
  reason: ExitReason;
  /** Share of the tokens held to sell, in (0, 1]; a retry sells what the failed sell would have. */
  fraction: number;
  kind: SellKind;
  retryOf?: string;
}

export type SellRefusal = 'not-found' | 'closed' | 'nothing-held' | 'in-the-air' | 'retry-pending' | 'superseded';
export type SellClaim = { ok: true; sell: SellRecord; position: PositionRecord } | { ok: false; code: SellRefusal; message: string };

export interface SoldFill {
  signature: string;
  solReceived: number;
  tokensSold: number;
}

export interface PriceMark {
  positionId: number;
  lastPriceSol: number;
  lastPriceAt: number;
  peakPriceSol: number;
}

/** Held tokens below this share of what was bought are dust: the position is closed. */
const DUST_SHARE = 1e-9;

interface PositionRow {
  id: number;
  purchase_id: number;
  mint: string;
  symbol: string;
  platform: string;
  module: string;
  opened_at: number;
  tokens_bought: number;
  tokens_held: number;
  cost_sol: number;
  realized_sol: number;
  peak_price_sol: number | null;
  last_price_sol: number | null;
  last_price_at: number | null;
  status: string;
  closed_at: number | null;
  close_reason: string | null;
}

interface SellRow {
  sell_id: string;
  position_id: number;
  mint: string;
  reason: string;
  tokens: number;
  instance_id: string;
  at: number;
  status: string;
  attempt: number;
  next_try_at: number | null;
  detail: string | null;
  signature: string | null;
  signed_bytes: Buffer | null;
  blockhash: string | null;
  last_valid_block_height: number | null;
  sol_received: number | null;
  tokens_sold: number | null;
  settled_at: number | null;
  adopted_from: string | null;
  taken_over_at: number | null;
}

export interface PositionsLedgerOptions {
  instanceId: string;
  now: () => number;
  /** Called after every write this instance makes to positions or sells. */
  changed: () => void;
}

/**
 * Positions and their sells in the ledger, with the buys' discipline: a purchase opens its
 * position in the transaction that records it; a sell is claimed in one `BEGIN IMMEDIATE`
 * transaction (the position open, the tokens held, no other sell of it in the air — the
 * unique index `sells_one_open` says so even against a writer that skipped the check); its
 * fence is recorded before the send only while the sell is still this instance's; an
 * unknown sell blocks the position until it is reconciled; a dead instance's open sells are
 * adopted like its intents.
 */
export class PositionsLedger {
  private readonly st;

  constructor(
    private readonly db: LedgerDb,
    private readonly options: PositionsLedgerOptions,
  ) {
    const prepare = (sql: string) => db.prepare(sql);
    this.st = {
      open: prepare(
        `INSERT INTO positions (purchase_id, mint, symbol, platform, module, opened_at, tokens_bought, tokens_held, cost_sol, realized_sol, status, closed_at, close_reason)
         VALUES (@purchaseId, @mint, @symbol, @platform, @module, @at, @tokens, @tokens, @cost, @realized, @status, @closedAt, @closeReason)
         ON CONFLICT (purchase_id) DO NOTHING`,
      ),
      position: prepare('SELECT * FROM positions WHERE id = ?'),
      openPositions: prepare(`SELECT ${WITH_LATEST_SELL} WHERE p.status = 'open' ORDER BY p.id`),
      openedAfter: prepare(`SELECT ${WITH_LATEST_SELL} WHERE p.id > ? AND p.status = 'open' ORDER BY p.id`),
      openCount: prepare("SELECT count(*) FROM positions WHERE status = 'open'").pluck(),
      closedSince: prepare(`SELECT ${WITH_LATEST_SELL} WHERE p.status = 'closed' AND p.closed_at >= ? ORDER BY p.closed_at DESC LIMIT ?`),
      latestSell: prepare('SELECT * FROM sells WHERE position_id = ? ORDER BY rowid DESC LIMIT 1'),
      sell: prepare('SELECT * FROM sells WHERE sell_id = ?'),
      sellsOf: prepare('SELECT * FROM sells WHERE position_id = ? ORDER BY rowid'),
      insertSell: prepare(
        `INSERT INTO sells (sell_id, position_id, mint, reason, tokens, instance_id, at, status, attempt, detail)
         VALUES (@sellId, @positionId, @mint, @reason, @tokens, @instanceId, @at, 'in-flight', @attempt, @detail)`,
      ),
      recordFence: prepare(
        `UPDATE sells SET signature = @signature, signed_bytes = @signedBytes, blockhash = @blockhash, last_valid_block_height = @lastValidBlockHeight
         WHERE sell_id = @sellId AND instance_id = @instanceId AND status = 'in-flight' AND taken_over_at IS NULL`,
      ),
      markSold: prepare(
        `UPDATE sells SET status = 'sold', signature = @signature, sol_received = @solReceived, tokens_sold = @tokensSold, settled_at = @at, next_try_at = NULL
         WHERE sell_id = @sellId AND status IN ('in-flight', 'unknown')`,
      ),
      markFailed: prepare(
        `UPDATE sells SET status = 'failed', detail = @detail, signature = coalesce(@signature, signature), next_try_at = @nextTryAt, settled_at = @at
         WHERE sell_id = @sellId AND instance_id = @instanceId AND status IN ('in-flight', 'unknown')`,
      ),
      markUnknown: prepare(
        `UPDATE sells SET status = 'unknown', detail = @detail, signature = coalesce(signature, @signature)
         WHERE sell_id = @sellId AND instance_id = @instanceId AND status IN ('in-flight', 'unknown')`,
      ),
      applySold: prepare(
        `UPDATE positions SET tokens_held = @held, realized_sol = realized_sol + @realized,
           status = @status, closed_at = @closedAt, close_reason = @closeReason
         WHERE id = @id`,
      ),
      openSellsOfOthers: prepare("SELECT DISTINCT instance_id FROM sells WHERE instance_id != ? AND status IN ('in-flight', 'unknown')").pluck(),
      adopt: prepare(
        `UPDATE sells SET instance_id = @me, status = 'unknown', adopted_from = instance_id, taken_over_at = @now
         WHERE instance_id = @owner AND status IN ('in-flight', 'unknown')`,
      ),
      ownInFlight: prepare("SELECT * FROM sells WHERE instance_id = ? AND status = 'in-flight'"),
      ownUnknown: prepare("SELECT * FROM sells WHERE instance_id = ? AND status = 'unknown' ORDER BY at"),
      allUnknown: prepare("SELECT * FROM sells WHERE status = 'unknown' ORDER BY at"),
      dueRetries: prepare(
        `SELECT s.* FROM sells s JOIN positions p ON p.id = s.position_id
         WHERE p.status = 'open' AND s.status = 'failed' AND s.next_try_at <= ?
           AND s.rowid = (SELECT max(rowid) FROM sells WHERE position_id = s.position_id)`,
      ),
      markPrice: prepare(
        `UPDATE positions SET last_price_sol = @lastPriceSol, last_price_at = @lastPriceAt,
           peak_price_sol = max(coalesce(peak_price_sol, 0), @peakPriceSol)
         WHERE id = @positionId AND (last_price_at IS NULL OR last_price_at <= @lastPriceAt)`,
      ),
    };
  }

  /**
   * Opens the position of a purchase just inserted as `purchaseId`. Run by the ledger
   * INSIDE the transaction that records the purchase: a purchase never exists without its
   * position. A purchase with no tokens recorded (marked bought by hand without an amount)
   * is opened closed: nothing known is held, the cost stands as realized.
   */
  openInTransaction(purchaseId: number, record: PurchaseRecord): void {
    const nothing = !(record.tokens > 0);
    this.st.open.run({
      purchaseId,
      mint: record.mint,
      symbol: record.symbol,
      platform: record.platform,
      module: record.module,
      at: record.at,
      tokens: nothing ? 0 : record.tokens,
      cost: record.solSpent,
      realized: nothing ? -record.solSpent : 0,
      status: nothing ? 'closed' : 'open',
      closedAt: nothing ? record.at : null,
      closeReason: nothing ? 'no token amount was recorded for this purchase' : null,
    });
  }

  position(id: number): PositionRecord | undefined {
    const row = this.st.position.get(id) as PositionRow | undefined;
    return row ? this.withSell(row) : undefined;
  }

  /** Every open position with its latest sell (one query: the engine reads this after every change). */
  openPositions(): PositionRecord[] {
    return (this.st.openPositions.all() as JoinedRow[]).map(joinedOf);
  }

  /** Open positions with an id above `id` (opened since a reader last looked), with their latest sell. */
  openedAfter(id: number): PositionRecord[] {
    return (this.st.openedAfter.all(id) as JoinedRow[]).map(joinedOf);
  }

  openCount(): number {
    return this.st.openCount.get() as number;
  }

  /** Positions closed at or after `since`, newest first. */
  closedSince(since: number, limit: number): PositionRecord[] {
    return (this.st.closedSince.all(since, limit) as JoinedRow[]).map(joinedOf);
  }

  sell(sellId: string): SellRecord | undefined {
    const row = this.st.sell.get(sellId) as SellRow | undefined;
    return row ? sellOf(row) : undefined;
  }

  sellsOf(positionId: number): SellRecord[] {
    return (this.st.sellsOf.all(positionId) as SellRow[]).map(sellOf);
  }

  /**
   * The sell's claim, one `BEGIN IMMEDIATE` transaction: the position open and holding
   * tokens, no sell of it in the air or unknown, and by kind (see SellKind) no retry
   * pending or none superseded. The tokens are decided here, from what is held now.
   */
  claimSell(request: SellRequest): SellClaim {
    const claim = this.write((): SellClaim => {
      const row = this.st.position.get(request.positionId) as PositionRow | undefined;
      if (!row) return refuse('not-found', `no position ${request.positionId}`);
      if (row.status !== 'open') return refuse('closed', `position ${request.positionId} is closed`);
      if (!(row.tokens_held > 0)) return refuse('nothing-held', `position ${request.positionId} holds no tokens`);
      const latest = this.st.latestSell.get(row.id) as SellRow | undefined;
      if (latest && (latest.status === 'in-flight' || latest.status === 'unknown')) {
        return refuse(
          'in-the-air',
          latest.status === 'unknown'
            ? `a sell of position ${row.id} has an unknown outcome: it is reconciled before the position is sold again`
            : `a sell of position ${row.id} is in the air (instance ${latest.instance_id})`,
        );
      }
      // All of it is what is held now, not a product that could leave dust behind.
      let tokens = request.fraction >= 1 ? row.tokens_held : row.tokens_held * Math.max(0, request.fraction);
      let attempt = 1;
      let detail: string | null = null;
      if (request.kind === 'retry') {
        if (!latest || latest.sell_id !== request.retryOf || latest.status !== 'failed') {
          return refuse('superseded', `the failed sell ${request.retryOf ?? '?'} was retried or replaced already`);
        }
        tokens = Math.min(latest.tokens, row.tokens_held);
        attempt = latest.attempt + 1;
        // The retry shows why the last try failed until it has an outcome of its own.
        detail = latest.detail;
      } else if (request.kind === 'exit' && latest?.status === 'failed') {
        return refuse('retry-pending', `a failed sell of position ${row.id} waits for its retry`);
      }
      if (!(tokens > 0)) return refuse('nothing-held', `nothing to sell in position ${row.id}`);
      this.st.insertSell.run({
        sellId: request.sellId,
        positionId: row.id,
        mint: row.mint,
        reason: request.reason,
        tokens,
        instanceId: this.options.instanceId,
        at: this.options.now(),
        attempt,
        detail,
      });
      const sell = sellOf(this.st.sell.get(request.sellId) as SellRow);
      return { ok: true, sell, position: { ...positionOf(row), sell } };
    });
    if (claim.ok) this.options.changed();
    return claim;
  }

  /** Records the sell's fence before it is sent, only while the sell is still this instance's own. False: do not send. */
  recordSellFence(sellId: string, fence: Fence): boolean {
    return this.write(
      () =>
        this.st.recordFence.run({
          sellId,
          instanceId: this.options.instanceId,
          ...fenceParams(fence),
        }).changes === 1,
    );
  }

  /**
   * The sell landed: the sell row, the tokens held and the realized SOL in one transaction;
   * the position closes when nothing is left. Realized = SOL received − the cost of the
   * tokens sold (cost per token bought × tokens sold). Applied once: a sell already settled
   * (by its adopter, or an earlier call) changes nothing and returns undefined.
   */
  settleSold(sellId: string, fill: SoldFill): PositionRecord | undefined {
    const position = this.write(() => {
      const sell = this.st.sell.get(sellId) as SellRow | undefined;
      if (!sell) return undefined;
      const at = this.options.now();
      if (this.st.markSold.run({ sellId, signature: fill.signature, solReceived: fill.solReceived, tokensSold: fill.tokensSold, at }).changes !== 1) return undefined;
      const row = this.st.position.get(sell.position_id) as PositionRow;
      const sold = Math.min(Math.max(0, fill.tokensSold), row.tokens_held);
      const costOfSold = row.tokens_bought > 0 ? (row.cost_sol * sold) / row.tokens_bought : 0;
      let held = row.tokens_held - sold;
      const closing = held <= row.tokens_bought * DUST_SHARE;
      if (closing) held = 0;
      this.st.applySold.run({
        id: row.id,
        held,
        realized: fill.solReceived - costOfSold,
        status: closing ? 'closed' : 'open',
        closedAt: closing ? at : null,
        closeReason: closing ? sell.reason : null,
      });
      return this.withSell(this.st.position.get(row.id) as PositionRow);
    });
    if (position) this.options.changed();
    return position;
  }

  /** A definite failure: kept, with its attempt count and when to try again. False if it was not this instance's open sell. */
  settleFailed(sellId: string, detail: string, nextTryAt: number, signature?: string): boolean {
    const done =
      this.write(() =>
        this.st.markFailed.run({ sellId, instanceId: this.options.instanceId, detail, nextTryAt, signature: signature ?? null, at: this.options.now() }),
      ).changes === 1;
    if (done) this.options.changed();
    return done;
  }

  /** The outcome is not known: the sell stays, as unknown, and blocks the position until reconciled. */
  markSellUnknown(sellId: string, detail: string, signature?: string): boolean {
    const done =
      this.write(() => this.st.markUnknown.run({ sellId, instanceId: this.options.instanceId, detail, signature: signature ?? null })).changes === 1;
    if (done) this.options.changed();
    return done;
  }

  /**
   * Takes over the open sells of instances `isDead` says are dead (as unknown: whether they
   * landed is not known), marks unknown this instance's own in-flight sells that no sell in
   * `running` accounts for, and returns every unknown sell this instance must reconcile.
   */
  adoptOrphanSells(running: ReadonlySet<string>, isDead: (instanceId: string) => boolean): SellRecord[] {
    const owners = (this.st.openSellsOfOthers.all(this.options.instanceId) as string[]).filter(isDead);
    const stranded = (this.st.ownInFlight.all(this.options.instanceId) as SellRow[]).filter((r) => !running.has(r.sell_id));
    if (owners.length > 0 || stranded.length > 0) {
      this.write(() => {
        for (const owner of owners) this.st.adopt.run({ me: this.options.instanceId, owner, now: this.options.now() });
        for (const row of stranded) {
          this.st.markUnknown.run({ sellId: row.sell_id, instanceId: this.options.instanceId, detail: 'its sell stopped before the outcome was recorded', signature: null });
        }
      });
      this.options.changed();
    }
    return (this.st.ownUnknown.all(this.options.instanceId) as SellRow[]).map(sellOf);
  }

  /** Unknown sells of every instance. */
  unknownSells(): SellRecord[] {
    return (this.st.allUnknown.all() as SellRow[]).map(sellOf);
  }

  /** Failed sells whose retry is due: each the latest sell of a position still open. */
  dueRetries(now: number): SellRecord[] {
    return (this.st.dueRetries.all(now) as SellRow[]).map(sellOf);
  }

  /** Persists the prices seen, in one transaction; a row never goes back to an older price, its peak never down. */
  recordPrices(marks: readonly PriceMark[]): void {
    if (marks.length === 0) return;
    this.write(() => {
      for (const mark of marks) this.st.markPrice.run({ ...mark });
    });
  }

  private withSell(row: PositionRow): PositionRecord {
    return attachSell(positionOf(row), this.st.latestSell.get(row.id) as SellRow | undefined);
  }

  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}

const SELL_COLUMNS = [
  'sell_id', 'position_id', 'mint', 'reason', 'tokens', 'instance_id', 'at', 'status', 'attempt', 'next_try_at', 'detail', 'signature',
  'signed_bytes', 'blockhash', 'last_valid_block_height', 'sol_received', 'tokens_sold', 'settled_at', 'adopted_from', 'taken_over_at',
] as const;

/** A position and its latest sell in one row (the sell's columns prefixed `s_`), via the index on sells (position_id). */
const WITH_LATEST_SELL = `p.*, ${SELL_COLUMNS.map((c) => `s.${c} AS s_${c}`).join(', ')}
  FROM positions p LEFT JOIN sells s ON s.rowid = (SELECT max(rowid) FROM sells WHERE position_id = p.id)`;

type JoinedRow = PositionRow & { [K in (typeof SELL_COLUMNS)[number] as `s_${K}`]: SellRow[K] | null };

function joinedOf(row: JoinedRow): PositionRecord {
  // Most positions have no sell: the sell's row is built only for those that do.
  if (row.s_sell_id === null) return positionOf(row);
  const sell: Record<string, unknown> = {};
  for (const c of SELL_COLUMNS) sell[c] = row[`s_${c}`];
  return attachSell(positionOf(row), sell as unknown as SellRow);
}

/** A sold sell is history; only one in the air, unknown, or failed on an open position is shown. */
function attachSell(position: PositionRecord, latest: SellRow | undefined): PositionRecord {
  if (latest && latest.status !== 'sold' && (latest.status !== 'failed' || position.status === 'open')) position.sell = sellOf(latest);
  return position;
}

function refuse(code: SellRefusal, message: string): SellClaim {
  return { ok: false, code, message };
}

function positionOf(row: PositionRow): PositionRecord {
  return {
    id: row.id,
    purchaseId: row.purchase_id,
    mint: row.mint,
    symbol: row.symbol,
    platform: row.platform as Platform,
    module: row.module as Requester,
    openedAt: row.opened_at,
    tokensBought: row.tokens_bought,
    tokensHeld: row.tokens_held,
    costSol: row.cost_sol,
    realizedSol: row.realized_sol,
    status: row.status as PositionRecord['status'],
    ...(row.peak_price_sol !== null ? { peakPriceSol: row.peak_price_sol } : {}),
    ...(row.last_price_sol !== null ? { lastPriceSol: row.last_price_sol } : {}),
    ...(row.last_price_at !== null ? { lastPriceAt: row.last_price_at } : {}),
    ...(row.closed_at !== null ? { closedAt: row.closed_at } : {}),
    ...(row.close_reason !== null ? { closeReason: row.close_reason } : {}),
  };
}

function sellOf(row: SellRow): SellRecord {
  const fence = fenceOfRow(row);
  return {
    sellId: row.sell_id,
    positionId: row.position_id,
    mint: row.mint,
    reason: row.reason as ExitReason,
    tokens: row.tokens,
    instanceId: row.instance_id,
    at: row.at,
    status: row.status as SellStatus,
    attempt: row.attempt,
    ...(row.next_try_at !== null ? { nextTryAt: row.next_try_at } : {}),
    ...(row.detail !== null ? { detail: row.detail } : {}),
    ...(row.signature !== null ? { signature: row.signature } : {}),
    ...(fence ? { fence } : {}),
    ...(row.sol_received !== null ? { solReceived: row.sol_received } : {}),
    ...(row.tokens_sold !== null ? { tokensSold: row.tokens_sold } : {}),
    ...(row.settled_at !== null ? { settledAt: row.settled_at } : {}),
    ...(row.adopted_from !== null ? { adoptedFrom: row.adopted_from } : {}),
  };
}
