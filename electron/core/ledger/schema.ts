/**
 * The ledger's schema, as numbered migrations. `PRAGMA user_version` holds the number of
 * the last one applied; a file with a higher number was written by a newer version and is
 * refused rather than guessed at. `application_id` marks the file as ours.
 */
export const LEDGER_APPLICATION_ID = 0x4c444c47; // "LDLG"

export const MIGRATIONS: readonly string[] = [
  // 1: intents, purchases, instances, rules.
  `
  CREATE TABLE purchases (
    id INTEGER PRIMARY KEY,
    mint TEXT NOT NULL,
    symbol TEXT NOT NULL,
    platform TEXT NOT NULL,
    module TEXT NOT NULL,
    signature TEXT NOT NULL,
    sol_spent REAL NOT NULL,
    tokens REAL NOT NULL,
    at INTEGER NOT NULL,
    instance_id TEXT NOT NULL,
    attempt_id TEXT UNIQUE,
    override TEXT
  );
  CREATE INDEX purchases_by_mint ON purchases (mint);
  CREATE INDEX purchases_by_at ON purchases (at);

  -- One row per mint: that is the claim. in-flight = its owner is buying now;
  -- unknown = sent (or maybe sent), outcome not known: never retried blindly.
  CREATE TABLE intents (
    mint TEXT PRIMARY KEY,
    attempt_id TEXT NOT NULL UNIQUE,
    symbol TEXT NOT NULL,
    platform TEXT NOT NULL,
    module TEXT NOT NULL,
    sol_amount REAL NOT NULL,
    instance_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in-flight', 'unknown')),
    detail TEXT,
    override TEXT,
    -- The fence, recorded by the owner before it sends: what can land and until when.
    signature TEXT,
    signed_bytes BLOB,
    blockhash TEXT,
    last_valid_block_height INTEGER,
    -- Set when another instance took the intent over because its owner had died.
    adopted_from TEXT,
    taken_over_at INTEGER
  );

  CREATE TABLE instances (
    instance_id TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    started_at INTEGER NOT NULL
  );

  -- The rules that move money, one row. revision counts every settings change (rules and
  -- module settings alike), so a write made against an old view can be refused.
  CREATE TABLE rules (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL,
    kill_switch INTEGER NOT NULL,
    limits TEXT NOT NULL,
    blocklist TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    changed_by TEXT NOT NULL
  );
  `,
  // 2: live trading — the maximum a buy can cost, positions and their sells.
  `
  -- What a live buy can spend at most (amount × (1 + slippage)); the limits reserve this
  -- while the intent is open. NULL: the intent's sol_amount (paper, older rows).
  ALTER TABLE intents ADD COLUMN max_cost_sol REAL;

  -- One per purchase: what is held, what it cost and what selling it brought.
  CREATE TABLE positions (
    id INTEGER PRIMARY KEY,
    purchase_id INTEGER NOT NULL UNIQUE REFERENCES purchases (id),
    mint TEXT NOT NULL,
    symbol TEXT NOT NULL,
    platform TEXT NOT NULL,
    module TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    tokens_bought REAL NOT NULL,
    tokens_held REAL NOT NULL,
    -- SOL the buy took, fees included; entry price = cost_sol / tokens_bought.
    cost_sol REAL NOT NULL,
    realized_sol REAL NOT NULL DEFAULT 0,
    peak_price_sol REAL,
    last_price_sol REAL,
    last_price_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    closed_at INTEGER,
    close_reason TEXT
  );
  CREATE INDEX positions_open ON positions (status, mint);
  -- The console lists what closed in the last 24 hours.
  CREATE INDEX positions_by_closed_at ON positions (closed_at) WHERE status = 'closed';

  -- Sells, with the same discipline as buys: the fence is recorded before the send, an
  -- unknown sell is reconciled before the position is sold again, a failed one retried.
  CREATE TABLE sells (
    sell_id TEXT PRIMARY KEY,
    position_id INTEGER NOT NULL REFERENCES positions (id),
    mint TEXT NOT NULL,
    reason TEXT NOT NULL,
    tokens REAL NOT NULL,
    instance_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in-flight', 'unknown', 'failed', 'sold')),
    attempt INTEGER NOT NULL DEFAULT 1,
    next_try_at INTEGER,
    detail TEXT,
    signature TEXT,
    signed_bytes BLOB,
    blockhash TEXT,
    last_valid_block_height INTEGER,
    sol_received REAL,
    tokens_sold REAL,
    settled_at INTEGER,
    -- Set when another instance took the sell over because its owner had died.
    adopted_from TEXT,
    taken_over_at INTEGER
  );
  -- At most one sell of a position in the air at a time.
  CREATE UNIQUE INDEX sells_one_open ON sells (position_id) WHERE status IN ('in-flight', 'unknown');
  -- A position's latest sell (a failed one waits for its retry) and the sells of one instance.
  CREATE INDEX sells_by_position ON sells (position_id);
  CREATE INDEX sells_open_by_instance ON sells (instance_id) WHERE status IN ('in-flight', 'unknown');
  `,
  // 3: the trading mode the ledger is for, so paper and live history never mix.
  `
  CREATE TABLE ledger_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  -- Every ledger made before live trading existed is a paper one; a new live ledger is
  -- marked live before it is linked into place (open-ledger.ts).
  INSERT INTO ledger_meta (key, value) VALUES ('mode', 'paper');
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
