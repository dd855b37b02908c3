"""The PostgreSQL schema, as an ordered list of migrations (the same tables and keys as SQLite's, in
PostgreSQL's own types: ``timestamptz`` for times, ``json`` for wire-format bodies, ``boolean`` flags).

``tradewatch_schema.version`` holds how many steps a database has had. Steps run in one transaction under
an advisory lock, so several processes starting at once apply each step exactly once. Never edit a released
step: append a new one.

Bodies are ``json``, not ``jsonb``: it keeps the text as written (faster to insert, and it accepts every
string the wire format can carry); cast to ``jsonb`` in queries that need its operators.
"""

from __future__ import annotations

#: Step 1: the whole schema of SQLite's steps 1-3.
_INITIAL = (
    """
    CREATE TABLE sources (
        name                 text PRIMARY KEY,
        url                  text NOT NULL,
        configured_url       text NOT NULL,
        interval_s           double precision NOT NULL,
        tags                 json NOT NULL DEFAULT '[]',
        enabled              boolean NOT NULL DEFAULT true,
        alert_on_first_poll  boolean NOT NULL DEFAULT false,
        due_at               timestamptz NOT NULL,
        lease_until          timestamptz,
        leased_by            text,
        lease_epoch          bigint NOT NULL DEFAULT 0,
        etag                 text,
        last_modified        text,
        body_sha256          text,
        ttl_s                double precision,
        last_polled          timestamptz,
        last_success         timestamptz,
        last_error_kind      text,
        last_error           text,
        consecutive_failures integer NOT NULL DEFAULT 0,
        disabled_reason      text,
        baseline_at          timestamptz,
        generation           bigint NOT NULL DEFAULT 0,
        created_at           timestamptz NOT NULL
    )
    """,
    "CREATE INDEX sources_due ON sources (due_at) WHERE enabled AND disabled_reason IS NULL",
    """
    CREATE TABLE seen (
        source          text NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
        item_id         text NOT NULL,
        first_seen_at   timestamptz NOT NULL,
        last_seen_at    timestamptz NOT NULL,
        last_generation bigint NOT NULL,
        PRIMARY KEY (source, item_id)
    )
    """,
    "CREATE INDEX seen_age ON seen (source, last_generation)",
    """
    CREATE TABLE items (
        source         text NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
        item_id        text NOT NULL,
        story_key      text NOT NULL,
        published      timestamptz NOT NULL,
        stored_at      timestamptz NOT NULL,
        baseline       boolean NOT NULL,
        first_of_story boolean NOT NULL,
        body           json NOT NULL,
        PRIMARY KEY (source, item_id)
    )
    """,
    "CREATE INDEX items_story ON items (story_key)",
    "CREATE INDEX items_stored ON items (stored_at)",
    """
    CREATE TABLE events (
        source  text NOT NULL,
        item_id text NOT NULL,
        seq     integer NOT NULL,
        type    text NOT NULL,
        body    json NOT NULL,
        PRIMARY KEY (source, item_id, seq),
        FOREIGN KEY (source, item_id) REFERENCES items (source, item_id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX events_type ON events (type)",
    """
    CREATE TABLE stories (
        story_key     text PRIMARY KEY,
        first_source  text NOT NULL,
        first_item_id text NOT NULL,
        first_seen_at timestamptz NOT NULL,
        source_count  integer NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX stories_age ON stories (first_seen_at)",
    """
    CREATE TABLE story_keys (
        key       text PRIMARY KEY,
        story_key text NOT NULL REFERENCES stories (story_key) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX story_keys_story ON story_keys (story_key)",
    """
    CREATE TABLE story_sources (
        story_key     text NOT NULL REFERENCES stories (story_key) ON DELETE CASCADE,
        source        text NOT NULL,
        first_seen_at timestamptz NOT NULL,
        PRIMARY KEY (story_key, source)
    )
    """,
    """
    CREATE TABLE ledger (
        key            text PRIMARY KEY,
        kind           text NOT NULL,
        state          json NOT NULL,
        version        bigint NOT NULL,
        corroborations integer NOT NULL DEFAULT 0,
        contradicted   boolean NOT NULL DEFAULT false,
        updated_at     timestamptz NOT NULL
    )
    """,
    """
    CREATE TABLE ledger_history (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key        text NOT NULL REFERENCES ledger (key) ON DELETE CASCADE,
        version    bigint NOT NULL,
        change     json NOT NULL,
        source     text,
        item_id    text,
        changed_at timestamptz NOT NULL
    )
    """,
    "CREATE INDEX ledger_history_key ON ledger_history (key, id)",
    """
    CREATE TABLE outbox (
        alert_id        text NOT NULL,
        sink            text NOT NULL,
        rule            text NOT NULL,
        payload         json NOT NULL,
        created_at      timestamptz NOT NULL,
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error      text,
        delivered_at    timestamptz,
        parked_at       timestamptz,
        lease_until     timestamptz,
        leased_by       text,
        lease_epoch     bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (alert_id, sink)
    )
    """,
    "CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND parked_at IS NULL",
    "CREATE INDEX outbox_parked ON outbox (parked_at) WHERE parked_at IS NOT NULL",
)

#: Step 2 (SQLite's step 4): each evidence written once. The texts of ``ledger.state``, ``ledger_history.change``
#: and ``outbox.payload`` written from this step on hold ``{"$evidence": <id>}`` where their wire format has an
#: evidence object (see `tradewatch.store._common`); those written before hold it inline and read as they are.
_EVIDENCE = (
    """
    CREATE TABLE ledger_evidence (
        id   bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        body json NOT NULL
    )
    """,
)

#: Every step, in order; a database at version N has had the first N.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_INITIAL, _EVIDENCE)

SCHEMA_VERSION = len(MIGRATIONS)
