"""The SQLite schema, as an ordered list of migrations.

`PRAGMA user_version` holds how many steps a database has had; opening it applies the missing ones in order,
each step with its version bump in one transaction. Never edit a released step: append a new one.

Times are seconds since the Unix epoch (UTC) as REAL. Tables are keyed by natural keys (source name, item
id, story key, measure key, alert id), so the same design maps onto PostgreSQL unchanged.
"""

from __future__ import annotations

#: Step 1: sources with schedule, lease, validators and health; the seen-set; items, events and stories.
_SOURCES = (
    """
    CREATE TABLE sources (
        name                TEXT PRIMARY KEY,
        url                 TEXT NOT NULL,      -- where to fetch now (a permanent redirect changes it)
        configured_url      TEXT NOT NULL,      -- what the user configured
        interval_s          REAL NOT NULL,
        tags                TEXT NOT NULL DEFAULT '[]',
        enabled             INTEGER NOT NULL DEFAULT 1,
        alert_on_first_poll INTEGER NOT NULL DEFAULT 0,
        due_at              REAL NOT NULL,
        lease_until         REAL,
        leased_by           TEXT,
        lease_epoch         INTEGER NOT NULL DEFAULT 0,   -- fencing token: +1 on every claim
        etag                TEXT,
        last_modified       TEXT,
        body_sha256         TEXT,
        ttl_s               REAL,
        last_polled         REAL,
        last_success        REAL,
        last_error_kind     TEXT,
        last_error          TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        disabled_reason     TEXT,
        baseline_at         REAL,               -- first successful parse
        generation          INTEGER NOT NULL DEFAULT 0,   -- parsed polls so far (seen-set pruning)
        created_at          REAL NOT NULL
    )
    """,
    "CREATE INDEX sources_due ON sources (due_at) WHERE enabled = 1 AND disabled_reason IS NULL",
    """
    CREATE TABLE seen (
        source          TEXT NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
        item_id         TEXT NOT NULL,
        first_seen_at   REAL NOT NULL,
        last_seen_at    REAL NOT NULL,
        last_generation INTEGER NOT NULL,
        PRIMARY KEY (source, item_id)
    )
    """,
    "CREATE INDEX seen_age ON seen (source, last_generation)",
    """
    CREATE TABLE items (
        source         TEXT NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
        item_id        TEXT NOT NULL,
        story_key      TEXT NOT NULL,
        published      REAL NOT NULL,
        stored_at      REAL NOT NULL,
        baseline       INTEGER NOT NULL,
        first_of_story INTEGER NOT NULL,
        body           TEXT NOT NULL,           -- the Item in the wire format (tradewatch.serial)
        PRIMARY KEY (source, item_id)
    )
    """,
    "CREATE INDEX items_story ON items (story_key)",
    "CREATE INDEX items_stored ON items (stored_at)",
    """
    CREATE TABLE events (
        source  TEXT NOT NULL,
        item_id TEXT NOT NULL,
        seq     INTEGER NOT NULL,               -- order within the item
        type    TEXT NOT NULL,
        body    TEXT NOT NULL,                  -- the Event in the wire format
        PRIMARY KEY (source, item_id, seq),
        FOREIGN KEY (source, item_id) REFERENCES items (source, item_id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX events_type ON events (type)",
    """
    CREATE TABLE stories (
        story_key     TEXT PRIMARY KEY,
        first_source  TEXT NOT NULL,            -- not a foreign key: the story outlives a removed source
        first_item_id TEXT NOT NULL,
        first_seen_at REAL NOT NULL,
        source_count  INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX stories_age ON stories (first_seen_at)",
    """
    CREATE TABLE story_keys (
        key       TEXT PRIMARY KEY,             -- every key an item of the story had (link, title)
        story_key TEXT NOT NULL REFERENCES stories (story_key) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX story_keys_story ON story_keys (story_key)",
    """
    CREATE TABLE story_sources (
        story_key     TEXT NOT NULL REFERENCES stories (story_key) ON DELETE CASCADE,
        source        TEXT NOT NULL,
        first_seen_at REAL NOT NULL,
        PRIMARY KEY (story_key, source)
    )
    """,
)

#: Step 2: what the ledger and alert stages keep (current state per measure, its history, the outbox).
_LEDGER = (
    """
    CREATE TABLE ledger (
        key            TEXT PRIMARY KEY,        -- the measure key, canonical text
        kind           TEXT NOT NULL,           -- the event type of the measure
        state          TEXT NOT NULL,           -- current value with its evidence (wire format)
        version        INTEGER NOT NULL,        -- +1 per change: optimistic concurrency between writers
        corroborations INTEGER NOT NULL DEFAULT 0,
        contradicted   INTEGER NOT NULL DEFAULT 0,
        updated_at     REAL NOT NULL
    )
    """,
    """
    CREATE TABLE ledger_history (
        key        TEXT NOT NULL REFERENCES ledger (key) ON DELETE CASCADE,
        version    INTEGER NOT NULL,
        change     TEXT NOT NULL,               -- the Change (field, old, new, evidence of both sides)
        source     TEXT,
        item_id    TEXT,
        changed_at REAL NOT NULL,
        PRIMARY KEY (key, version)
    )
    """,
    """
    CREATE TABLE outbox (
        alert_id        TEXT NOT NULL,          -- stable: same rule + same change -> same id
        sink            TEXT NOT NULL,
        rule            TEXT NOT NULL,
        payload         TEXT NOT NULL,          -- the Alert in the wire format
        created_at      REAL NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL,
        last_error      TEXT,
        delivered_at    REAL,
        parked_at       REAL,                   -- given up after too many failures; can be replayed
        lease_until     REAL,
        leased_by       TEXT,
        lease_epoch     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (alert_id, sink)
    )
    """,
    "CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND parked_at IS NULL",
)

#: Step 3: one event may change several fields of a measure at once, so history rows get their own id; the
#: table was never written before this step. Outbox rows of one alert are found by rule and state too.
_HISTORY = (
    "DROP TABLE ledger_history",
    """
    CREATE TABLE ledger_history (
        id         INTEGER PRIMARY KEY,
        key        TEXT NOT NULL REFERENCES ledger (key) ON DELETE CASCADE,
        version    INTEGER NOT NULL,            -- the state's version once this change was applied
        change     TEXT NOT NULL,               -- the Change in the wire format
        source     TEXT,
        item_id    TEXT,
        changed_at REAL NOT NULL
    )
    """,
    "CREATE INDEX ledger_history_key ON ledger_history (key, id)",
    "CREATE INDEX outbox_parked ON outbox (parked_at) WHERE parked_at IS NOT NULL",
)

#: Step 4: each evidence written once. The texts of ``ledger.state``, ``ledger_history.change`` and
#: ``outbox.payload`` written from this step on hold ``{"$evidence": <id>}`` where their wire format has an
#: evidence object (see `tradewatch.store._common`); those written before hold it inline and read as they are.
_EVIDENCE = (
    """
    CREATE TABLE ledger_evidence (
        id   INTEGER PRIMARY KEY,               -- in writing order: new rows go at the end of the table
        body TEXT NOT NULL                      -- the Evidence in the wire format
    )
    """,
)

#: Every step, in order; a database at version N has had the first N.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_SOURCES, _LEDGER, _HISTORY, _EVIDENCE)

SCHEMA_VERSION = len(MIGRATIONS)
