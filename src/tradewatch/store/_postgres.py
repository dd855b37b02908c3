"""`PostgresStore`: one database shared by several watcher processes on several machines (psycopg 3).

The same protocol and the same guarantees as `SqliteStore`, with PostgreSQL's own means:

- Work is handed out with ``SELECT … FOR UPDATE SKIP LOCKED``: processes claiming at the same moment take
  different rows and never wait for one another. Leases and their expiry are judged by the database's clock.
- A poll is committed in one transaction that first locks its source row and checks the lease (owner,
  epoch, expiry), so a process whose lease was taken over cannot overwrite the newer poll.
- Commits that store new items take transaction-scoped advisory locks on the story keys they resolve and the
  measure keys they update (sorted, so they cannot deadlock): which story an item joins and what a measure's
  state becomes depend on what other processes committed under the same keys just before, as under
  SQLite's single writer; commits that touch other stories and measures go on side by side. Polls that
  store nothing new (most of them) take no lock.
- A connection lost while committing is reported (`StoreError`), never retried: the server may have
  committed, and running the work again could act twice.
- A commit that writes alerts sends ``NOTIFY tradewatch_outbox``; `on_outbox` subscribers in every process
  are woken by it (one listening connection per store, reconnected with backoff).
- Lost connections (a database restart, a failover) are retried with backoff; conflicts between
  transactions (serialisation failures, deadlocks) are retried from the start.
- Lists are ordered by code point (``COLLATE "C"``), as SQLite and Python order them, whatever collation
  the database was created with.
- PostgreSQL text cannot hold NUL characters: an id, key or name containing one fails that write with
  `StoreError` (the feed parser removes control characters, so only items built by hand can carry one);
  error messages and HTTP validators are stored with NUL replaced.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import psycopg
from psycopg import errors
from psycopg.rows import DictRow, dict_row
from psycopg_pool import ConnectionPool

from tradewatch import serial
from tradewatch.feeds import Source, SourceHealth, Validators
from tradewatch.model import Alert, Change, Event, Item, MeasureState

from ._common import (
    DELIVERED_KEEP,
    ITEMS_KEEP,
    Evidences,
    Packing,
    Retention,
    Subscribers,
    dumps,
    encode_reaction,
    event_text,
    fresh_records,
    gc_paused,
    plan_stories,
    source_of,
    unpack,
)
from ._pg_schema import MIGRATIONS, SCHEMA_VERSION
from ._protocol import (
    Claim,
    Committed,
    Delivery,
    DeliveryStatus,
    Fresh,
    ItemRecord,
    OutboxEntry,
    PollResult,
    React,
    Reaction,
    SchemaVersionError,
    SourceStatus,
    StoredItem,
    StoreError,
    Story,
    UnknownSourceError,
)

__all__ = ["PostgresStore"]

log = logging.getLogger("tradewatch.store")

T = TypeVar("T")
Conn = psycopg.Connection[DictRow]

#: Advisory lock keys (any two constants no other program is likely to use: "twmg", "twst").
_MIGRATION_LOCK = 0x74776D67
#: Rows deleted per transaction by `PostgresStore.prune`.
_PRUNE_BATCH = 5_000
CHANNEL = "tradewatch_outbox"

_SOURCE_COLUMNS = (
    "name, url, configured_url, interval_s, tags, enabled, alert_on_first_poll, due_at, lease_until, "
    "leased_by, lease_epoch, etag, last_modified, body_sha256, ttl_s, last_polled, last_success, "
    "last_error_kind, last_error, consecutive_failures, disabled_reason, baseline_at, generation"
)


class _Conflict(Exception):
    """A measure's state changed between reading and writing it: the transaction is run again."""


#: Worth running the whole transaction again: nothing of it was committed.
_RETRY = (errors.SerializationFailure, errors.DeadlockDetected, errors.UniqueViolation, _Conflict)


def redact(url: str) -> str:
    """`url` with its password (in the authority or a ``password=`` parameter) replaced by ``***``."""
    url = re.sub(r"(://[^:/@?#]*:)[^@/?#]*@", r"\1***@", url)
    return re.sub(r"(password=)[^&\s]*", r"\1***", url)


def _aware(moment: datetime) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError(f"{moment!r} must be timezone-aware")
    return moment


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)


def _source(row: Mapping[str, Any]) -> Source:
    return source_of(
        row["name"],
        row["configured_url"],
        row["interval_s"],
        tuple(row["tags"]),
        row["enabled"],
        row["alert_on_first_poll"],
    )


def _health(row: Mapping[str, Any]) -> SourceHealth:
    scheduled = row["enabled"] and row["disabled_reason"] is None
    return SourceHealth(
        due_at=_utc(row["due_at"]) if scheduled else None,
        last_polled=_utc(row["last_polled"]),
        last_success=_utc(row["last_success"]),
        last_error_kind=row["last_error_kind"],
        last_error=row["last_error"],
        consecutive_failures=row["consecutive_failures"],
        disabled_reason=row["disabled_reason"],
    )


class PostgresStore:
    """The `Store` on a PostgreSQL database (``postgresql://user:password@host:port/dbname``), safe to share
    between the threads of a process and between processes on any number of machines.

    Opening it applies missing schema migrations (several processes may start at once). `pool_size` bounds
    this process's connections (the watcher's poll workers share them; one more listens for alerts).
    `connect_timeout` bounds each wait for a connection; `retries` is how many times a transaction is run
    again after a lost connection or a conflict before `StoreError` is raised. The seen-set, story, item and
    delivered-alert retention are as in `SqliteStore`.
    """

    def __init__(
        self,
        url: str,
        *,
        seen_keep_polls: int = 20,
        seen_keep: timedelta = timedelta(days=90),
        items_keep: timedelta | None = ITEMS_KEEP,
        delivered_keep: timedelta | None = DELIVERED_KEEP,
        pool_size: int = 8,
        connect_timeout: float = 10.0,
        retries: int = 4,
    ) -> None:
        if seen_keep_polls < 1:
            raise ValueError(f"seen_keep_polls must be >= 1, not {seen_keep_polls}")
        if pool_size < 1:
            raise ValueError(f"pool_size must be >= 1, not {pool_size}")
        self.url = url
        self._keep_polls = seen_keep_polls
        self._keep = seen_keep
        self._retention = Retention(items=items_keep, delivered=delivered_keep)
        self._retries = retries
        self._timeout = connect_timeout
        self._pool: ConnectionPool[Conn] = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            kwargs={"row_factory": dict_row, "connect_timeout": max(1, round(connect_timeout))},
            connection_class=psycopg.Connection[DictRow],
            check=ConnectionPool.check_connection,
            timeout=connect_timeout,
            name="tradewatch",
            open=False,
        )
        try:
            # One direct connection first: an unreachable server or a wrong password fails at once with
            # libpq's own words, rather than after the pool's retries.
            with (
                psycopg.connect(
                    url, connect_timeout=max(1, round(connect_timeout)), row_factory=dict_row
                ) as conn,
                conn.transaction(),
            ):
                self._migrate(conn)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open {self}: {exc}") from exc
        self._pool.open(wait=False)
        self._states: dict[str, tuple[int, MeasureState]] = {}
        self._states_max = 20_000
        self._states_lock = threading.Lock()
        self._packing = Packing()
        self._subscribers = Subscribers()
        self._closing = threading.Event()
        self._listener: threading.Thread | None = None
        self._listener_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"PostgresStore({redact(self.url)!r})"

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------------------------------

    def _run(self, work: Callable[[Conn], T]) -> T:
        """`work` in one transaction, run again from the start after a conflict or a lost connection."""
        if self._pool.closed:
            raise StoreError(f"{self}: the store is closed")
        delay = 0.05
        for attempt in range(self._retries + 1):
            committing = False
            try:
                with self._pool.connection() as conn:
                    with conn.transaction():
                        result = work(conn)
                        committing = True
                    return result
            except (*_RETRY, psycopg.OperationalError) as exc:
                if self._pool.closed:
                    raise StoreError(f"{self}: the store is closed") from exc
                if committing:
                    # The server may have committed before the connection broke: running the work again
                    # could act twice (lease sources twice, report a committed poll as fenced). Say so.
                    raise StoreError(
                        f"{self}: the connection broke while committing; the transaction may or may not "
                        f"have been written: {exc}"
                    ) from exc
                if attempt == self._retries:
                    raise StoreError(f"{self}: {exc}") from exc
                log.debug("%s: %s; running the transaction again", self, exc)
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 4, 5.0)
            except psycopg.Error as exc:
                raise StoreError(f"{self}: {exc}") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _clock(conn: Conn, now: datetime | None) -> datetime:
        if now is not None:
            return _aware(now)
        # The database's clock, the one every process's leases are judged by (the transaction's start).
        row = conn.execute("SELECT now() AS t").fetchone()
        assert row is not None
        moment: datetime = row["t"]
        return moment

    @staticmethod
    def _migrate(conn: Conn) -> None:
        # Several processes may start at once: the first applies the steps, the others wait, then find
        # nothing left to do.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS tradewatch_schema (version integer NOT NULL)")
        row = conn.execute("SELECT version FROM tradewatch_schema").fetchone()
        found = 0 if row is None else int(row["version"])
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"the database has schema version {found}; this tradewatch knows up to {SCHEMA_VERSION}"
            )
        for step in MIGRATIONS[found:]:
            for statement in step:
                conn.execute(statement)
        if row is None:
            conn.execute("INSERT INTO tradewatch_schema (version) VALUES (%s)", (SCHEMA_VERSION,))
        elif found < SCHEMA_VERSION:
            conn.execute("UPDATE tradewatch_schema SET version = %s", (SCHEMA_VERSION,))

    def schema_version(self) -> int:
        """The schema version of the database (the newest this code knows, once opened)."""

        def read(conn: Conn) -> int:
            row = conn.execute("SELECT version FROM tradewatch_schema").fetchone()
            return 0 if row is None else int(row["version"])

        return self._run(read)

    # -- sources --------------------------------------------------------------------------------------------

    def upsert_sources(self, sources: Iterable[Source], *, now: datetime | None = None) -> None:
        batch = list(sources)

        def work(conn: Conn) -> None:
            t = self._clock(conn, now)
            # In the SET clause a bare column name reads the row as it was; excluded.* is the new value.
            conn.cursor().executemany(
                """
                INSERT INTO sources AS s (name, url, configured_url, interval_s, tags, enabled,
                                          alert_on_first_poll, due_at, created_at)
                VALUES (%(name)s, %(url)s, %(url)s, %(interval)s, %(tags)s::json, %(enabled)s, %(alert)s,
                        %(now)s, %(now)s)
                ON CONFLICT (name) DO UPDATE SET
                    url = CASE WHEN s.configured_url = excluded.configured_url THEN s.url ELSE excluded.url END,
                    etag = CASE WHEN s.configured_url = excluded.configured_url THEN s.etag END,
                    last_modified = CASE WHEN s.configured_url = excluded.configured_url
                                         THEN s.last_modified END,
                    body_sha256 = CASE WHEN s.configured_url = excluded.configured_url THEN s.body_sha256 END,
                    disabled_reason = CASE WHEN s.configured_url = excluded.configured_url
                                           THEN s.disabled_reason END,
                    consecutive_failures = CASE WHEN s.configured_url = excluded.configured_url
                                                THEN s.consecutive_failures ELSE 0 END,
                    due_at = CASE
                        WHEN s.configured_url <> excluded.configured_url THEN LEAST(s.due_at, %(now)s)
                        WHEN s.interval_s <> excluded.interval_s
                            THEN LEAST(s.due_at, %(now)s + make_interval(secs => excluded.interval_s))
                        ELSE s.due_at END,
                    configured_url = excluded.configured_url,
                    interval_s = excluded.interval_s,
                    tags = excluded.tags,
                    enabled = excluded.enabled,
                    alert_on_first_poll = excluded.alert_on_first_poll
                """,
                [
                    {
                        "name": s.name,
                        "url": s.url,
                        "interval": s.interval.total_seconds(),
                        "tags": json.dumps(list(s.tags)),
                        "enabled": s.enabled,
                        "alert": s.alert_on_first_poll,
                        "now": t,
                    }
                    for s in batch
                ],
            )

        if batch:
            self._run(work)

    def remove_sources(self, names: Iterable[str]) -> int:
        wanted = list(dict.fromkeys(names))

        def work(conn: Conn) -> int:
            return conn.execute("DELETE FROM sources WHERE name = ANY(%s)", (wanted,)).rowcount

        return self._run(work) if wanted else 0

    def sources(self) -> list[SourceStatus]:
        rows = self._run(
            lambda conn: conn.execute(
                f'SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY name COLLATE "C"'
            ).fetchall()
        )
        return [SourceStatus(source=_source(r), url=r["url"], health=_health(r)) for r in rows]

    def health(self, name: str) -> SourceHealth:
        row = self._run(
            lambda conn: conn.execute(
                f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE name = %s", (name,)
            ).fetchone()
        )
        if row is None:
            raise UnknownSourceError(name)
        return _health(row)

    # -- leases ---------------------------------------------------------------------------------------------

    def claim_due(
        self, owner: str, limit: int, lease: timedelta, *, now: datetime | None = None
    ) -> list[Claim]:
        if limit <= 0:
            return []

        return self._lease(
            """
            WHERE enabled AND disabled_reason IS NULL AND due_at <= %(t)s
              AND (lease_until IS NULL OR lease_until <= %(t)s)
            ORDER BY due_at, name COLLATE "C" LIMIT %(limit)s
            """,
            {"limit": limit},
            owner,
            lease,
            now,
        )

    def claim(
        self, names: Iterable[str], owner: str, lease: timedelta, *, now: datetime | None = None
    ) -> list[Claim]:
        wanted = list(dict.fromkeys(names))
        if not wanted:
            return []

        return self._lease(
            """
            WHERE name = ANY(%(names)s) AND enabled AND disabled_reason IS NULL
              AND (lease_until IS NULL OR lease_until <= %(t)s)
            """,
            {"names": wanted},
            owner,
            lease,
            now,
        )

    def _lease(
        self, where: str, params: dict[str, Any], owner: str, lease: timedelta, now: datetime | None
    ) -> list[Claim]:
        """Lease the sources that `where` (and ORDER/LIMIT) picks, with `t` bound to the store's clock."""

        def work(conn: Conn) -> list[Claim]:
            t = self._clock(conn, now)
            # SKIP LOCKED: rows another process is claiming or committing right now are left to it.
            rows = conn.execute(
                f"""
                WITH picked AS (SELECT name FROM sources {where} FOR UPDATE SKIP LOCKED)
                UPDATE sources SET leased_by = %(owner)s, lease_until = %(until)s,
                                   lease_epoch = sources.lease_epoch + 1
                FROM picked WHERE sources.name = picked.name
                RETURNING {_prefixed("sources")}
                """,
                {**params, "t": t, "owner": owner, "until": t + lease},
            ).fetchall()
            return self._claims(rows, owner, t + lease)

        return self._run(work)

    @staticmethod
    def _claims(rows: Sequence[Mapping[str, Any]], owner: str, until: datetime) -> list[Claim]:
        ordered = sorted(rows, key=lambda r: (r["due_at"], r["name"]))
        return [
            Claim(
                source=_source(r),
                url=r["url"],
                owner=owner,
                epoch=r["lease_epoch"],
                lease_until=until.astimezone(UTC),
                validators=Validators(
                    etag=r["etag"], last_modified=r["last_modified"], body_sha256=r["body_sha256"]
                ),
                failures=r["consecutive_failures"],
                baselined=r["baseline_at"] is not None,
                ttl=None if r["ttl_s"] is None else timedelta(seconds=r["ttl_s"]),
            )
            for r in ordered
        ]

    def release(self, claims: Iterable[Claim]) -> None:
        held = [(c.source.name, c.owner, c.epoch) for c in claims]
        if not held:
            return

        def work(conn: Conn) -> None:
            conn.cursor().executemany(
                """
                UPDATE sources SET leased_by = NULL, lease_until = NULL
                WHERE name = %s AND leased_by = %s AND lease_epoch = %s
                """,
                held,
            )

        self._run(work)

    # -- polls ----------------------------------------------------------------------------------------------

    def seen_ids(self, name: str) -> frozenset[str]:
        rows = self._run(
            lambda conn: conn.execute("SELECT item_id FROM seen WHERE source = %s", (name,)).fetchall()
        )
        return frozenset(r["item_id"] for r in rows)

    def commit_poll(
        self, owner: str, result: PollResult, *, react: React | None = None, now: datetime | None = None
    ) -> Committed | None:
        written: list[Evidences] = []  # the evidences of the attempt that committed
        committed = self._run(lambda conn: self._commit(conn, owner, result, react, now, written))
        for evidences in written:
            evidences.done()
        if committed is not None and committed.reaction is not None:
            self._remember(committed.reaction.states)
        return committed

    # Each attempt with collection held off (see `gc_paused`), not the waits between attempts.
    @gc_paused()
    def _commit(
        self,
        conn: Conn,
        owner: str,
        result: PollResult,
        react: React | None,
        now: datetime | None,
        written: list[Evidences],
    ) -> Committed | None:
        written.clear()
        name = result.name
        t = self._clock(conn, now)
        # The row lock keeps a process that claims the source right now from changing it under this check.
        row = conn.execute(
            "SELECT leased_by, lease_epoch, lease_until, generation FROM sources WHERE name = %s FOR UPDATE",
            (name,),
        ).fetchone()
        if (
            row is None
            or row["leased_by"] != owner
            or row["lease_epoch"] != result.epoch
            or row["lease_until"] is None
            or row["lease_until"] <= t
        ):
            return None  # fenced: another process holds (or may hold) this source now
        polled = _aware(result.polled_at)
        generation: int = row["generation"]
        stories: dict[str, Story] = {}
        reaction = None
        if result.present_ids is not None:
            generation += 1
            stories = self._store_items(
                conn, name, result.new_items, polled, generation, keep_bodies=react is not None
            )
            # Refresh every id of this feed, so that what is still published is never pruned.
            conn.execute(
                """
                INSERT INTO seen (source, item_id, first_seen_at, last_seen_at, last_generation)
                SELECT %(name)s, id, %(polled)s, %(polled)s, %(generation)s FROM unnest(%(ids)s::text[]) AS id
                ON CONFLICT (source, item_id) DO UPDATE SET
                    last_seen_at = excluded.last_seen_at, last_generation = excluded.last_generation
                """,
                {
                    "name": name,
                    "polled": polled,
                    "generation": generation,
                    "ids": list(dict.fromkeys(result.present_ids)),
                },
            )
            conn.execute(
                "DELETE FROM seen WHERE source = %s AND last_generation <= %s AND last_seen_at < %s",
                (name, generation - self._keep_polls, polled - self._keep),
            )
            if react is not None and stories:
                fresh = [
                    Fresh(record=r, story=stories[r.item.id])
                    for r in result.new_items
                    if r.item.id in stories
                ]
                loaded: dict[str, int] = {}
                reaction = react(fresh, lambda keys: self._load_states(conn, keys, loaded))
                evidences = self._packing.batch(lambda n: _allocate(conn, n), prefetch=True)
                written.append(evidences)
                self._write_reaction(conn, reaction, loaded, evidences, t)
        self._update_source(conn, result, polled, generation)
        return Committed(stories=stories, reaction=reaction)

    def _store_items(
        self,
        conn: Conn,
        name: str,
        records: Sequence[ItemRecord],
        polled: datetime,
        generation: int,
        *,
        keep_bodies: bool = False,
    ) -> dict[str, Story]:
        if not records:
            return {}
        already = {
            r["item_id"]
            for r in conn.execute(
                "SELECT item_id FROM seen WHERE source = %s AND item_id = ANY(%s)",
                (name, list({r.item.id for r in records})),
            )
        }
        fresh = fresh_records(records, already)
        if not fresh:
            return {}
        keys = list({k for r in fresh for k in r.story_keys})
        # Which story an item joins depends on what other processes committed under the same keys just before.
        _lock(conn, "story", keys)
        known = {
            r["key"]: r["story_key"]
            for r in conn.execute("SELECT key, story_key FROM story_keys WHERE key = ANY(%s)", (keys,))
        }
        plan = plan_stories(fresh, known)
        cur = conn.cursor()
        cur.executemany(
            "INSERT INTO stories (story_key, first_source, first_item_id, first_seen_at) VALUES (%s, %s, %s, %s)",
            [(story, name, item_id, polled) for story, item_id in plan.new_stories],
        )
        cur.executemany(
            "INSERT INTO story_keys (key, story_key) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING",
            plan.aliases,
        )
        involved = list({story for story, _ in plan.resolved.values()})
        carried = {
            r["story_key"]
            for r in conn.execute(
                "SELECT story_key FROM story_sources WHERE source = %s AND story_key = ANY(%s)",
                (name, involved),
            )
        }
        added = sorted(set(involved) - carried)
        cur.executemany(
            "INSERT INTO story_sources (story_key, source, first_seen_at) VALUES (%s, %s, %s)",
            [(story, name, polled) for story in added],
        )
        conn.execute("UPDATE stories SET source_count = source_count + 1 WHERE story_key = ANY(%s)", (added,))
        counts = {
            r["story_key"]: r["source_count"]
            for r in conn.execute(
                "SELECT story_key, source_count FROM stories WHERE story_key = ANY(%s)", (involved,)
            )
        }
        ids = [r.item.id for r in fresh]
        conn.execute(
            """
            INSERT INTO seen (source, item_id, first_seen_at, last_seen_at, last_generation)
            SELECT %s, id, %s, %s, %s FROM unnest(%s::text[]) AS id
            """,
            (name, polled, polled, generation, ids),
        )
        # An id forgotten by pruning may come back: the newer copy replaces the old one and its events.
        conn.execute("DELETE FROM items WHERE source = %s AND item_id = ANY(%s)", (name, ids))
        cur.executemany(
            """
            INSERT INTO items (source, item_id, story_key, published, stored_at, baseline, first_of_story, body)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s::json)
            """,
            [
                (
                    name,
                    r.item.id,
                    plan.resolved[r.item.id][0],
                    r.item.published,
                    polled,
                    r.baseline,
                    plan.resolved[r.item.id][1],
                    dumps(r.item),
                )
                for r in fresh
            ],
        )
        cur.executemany(
            "INSERT INTO events (source, item_id, seq, type, body) VALUES (%s, %s, %s, %s, %s::json)",
            [
                (name, r.item.id, seq, event.TYPE, event_text(event, keep_body=keep_bodies))
                for r in fresh
                for seq, event in enumerate(r.events)
            ],
        )
        return {
            r.item.id: Story(
                key=plan.resolved[r.item.id][0],
                first=plan.resolved[r.item.id][1],
                sources=counts[plan.resolved[r.item.id][0]],
            )
            for r in fresh
        }

    def _load_states(
        self, conn: Conn, keys: Collection[str], loaded: dict[str, int]
    ) -> Mapping[str, MeasureState]:
        states: dict[str, MeasureState] = {}
        wanted = list(set(keys))
        # Held until commit: no other process changes these measures between this read and the write.
        _lock(conn, "measure", wanted)
        # The state as text: most are in the decoded cache, and parsing JSON we would throw away costs.
        stale: list[tuple[str, str]] = []
        for row in conn.execute(
            "SELECT key, version, state::text AS state FROM ledger WHERE key = ANY(%s)", (wanted,)
        ):
            key, version = row["key"], row["version"]
            with self._states_lock:
                cached = self._states.get(key)
            if cached is not None and cached[0] == version:
                states[key] = cached[1]
            else:
                stale.append((key, row["state"]))
            loaded[key] = version
        for (key, _), data in zip(stale, _decode(conn, [text for _, text in stale]), strict=True):
            states[key] = serial.from_dict(data, MeasureState)
        for key in wanted:
            loaded.setdefault(key, -1)  # absent when read: must still be absent when written
        return states

    def _remember(self, states: Iterable[MeasureState]) -> None:
        with self._states_lock:
            for state in states:
                self._states.pop(state.key, None)
                self._states[state.key] = (state.version, state)
            while len(self._states) > self._states_max:
                del self._states[next(iter(self._states))]

    @staticmethod
    def _write_reaction(
        conn: Conn, reaction: Reaction, loaded: Mapping[str, int], evidences: Evidences, t: datetime
    ) -> None:
        encoded = encode_reaction(reaction, loaded, evidences)
        inserts, updates = encoded.inserts, encoded.updates
        cur = conn.cursor()
        cur.executemany("INSERT INTO ledger_evidence (id, body) VALUES (%s, %s::json)", encoded.evidence)
        # A key inserted meanwhile by another writer breaks the primary key; one updated meanwhile no longer
        # has the version read: either way the transaction is run again from the start.
        cur.executemany(
            """
            INSERT INTO ledger (kind, state, version, corroborations, contradicted, key, updated_at)
            VALUES (%s, %s::json, %s, %s, %s, %s, %s)
            """,
            [(*row, t) for row in inserts],
        )
        for row in updates:
            updated = conn.execute(
                """
                UPDATE ledger SET kind = %s, state = %s::json, version = %s, corroborations = %s,
                                  contradicted = %s, updated_at = %s
                WHERE key = %s AND version = %s
                """,
                (*row[:5], t, *row[5:]),
            ).rowcount
            if updated != 1:
                raise _Conflict(f"the state of {row[5]!r} changed under this transaction")
        cur.executemany(
            """
            INSERT INTO ledger_history (key, version, change, source, item_id, changed_at)
            VALUES (%s, %s, %s::json, %s, %s, %s)
            """,
            [(*row, t) for row in encoded.changes],
        )
        cur.executemany(
            """
            INSERT INTO outbox (alert_id, sink, rule, payload, created_at, next_attempt_at)
            VALUES (%s, %s, %s, %s::json, %s, %s)
            ON CONFLICT (alert_id, sink) DO NOTHING
            """,
            [(*row, t, t) for row in encoded.outbox],
        )
        if encoded.outbox:
            conn.execute(f"NOTIFY {CHANNEL}")  # sent when (and only if) the transaction commits

    @staticmethod
    def _update_source(conn: Conn, result: PollResult, polled: datetime, generation: int) -> None:
        values: dict[str, Any] = {
            "name": result.name,
            "polled": polled,
            "due": _aware(result.due_at),
            "generation": generation,
            "disable": result.disable,
        }
        sets = [
            "last_polled = %(polled)s",
            "due_at = %(due)s",
            "generation = %(generation)s",
            "leased_by = NULL",
            "lease_until = NULL",
            "disabled_reason = COALESCE(%(disable)s, disabled_reason)",
        ]
        if result.ok:
            sets += [
                "last_success = %(polled)s",
                "consecutive_failures = 0",
                "last_error_kind = NULL",
                "last_error = NULL",
            ]
        else:
            values.update(kind=result.error_kind, error=_text(result.error))
            sets += [
                "consecutive_failures = consecutive_failures + 1",
                "last_error_kind = %(kind)s",
                "last_error = %(error)s",
            ]
        if result.present_ids is not None:
            values["ttl"] = None if result.ttl is None else result.ttl.total_seconds()
            sets += ["baseline_at = COALESCE(baseline_at, %(polled)s)", "ttl_s = %(ttl)s"]
        if result.validators is not None:
            v = result.validators
            values.update(etag=_text(v.etag), last_modified=_text(v.last_modified), sha=v.body_sha256)
            sets += ["etag = %(etag)s", "last_modified = %(last_modified)s", "body_sha256 = %(sha)s"]
        if result.url is not None:
            values["url"] = result.url
            sets.append("url = %(url)s")
        conn.execute(f"UPDATE sources SET {', '.join(sets)} WHERE name = %(name)s", values)

    # -- reading and housekeeping ---------------------------------------------------------------------------

    def items(self, source: str | None = None, *, limit: int = 100) -> list[StoredItem]:
        where, args = ("WHERE i.source = %s", [source]) if source is not None else ("", [])
        rows = self._run(
            lambda conn: conn.execute(
                f"""
                SELECT i.story_key, i.baseline, i.first_of_story, i.stored_at, i.body,
                       COALESCE((SELECT json_agg(e.body ORDER BY e.seq) FROM events e
                                 WHERE e.source = i.source AND e.item_id = i.item_id), '[]') AS events
                FROM items i {where}
                ORDER BY i.stored_at DESC, i.source COLLATE "C", i.item_id COLLATE "C" LIMIT %s
                """,
                (*args, limit),
            ).fetchall()
        )
        return [
            StoredItem(
                item=serial.from_dict(r["body"], Item),
                events=tuple(serial.from_dict(e, Event) for e in r["events"]),
                story_key=r["story_key"],
                baseline=r["baseline"],
                first_of_story=r["first_of_story"],
                stored_at=r["stored_at"].astimezone(UTC),
            )
            for r in rows
        ]

    def measures(self, *, type: str | None = None) -> list[MeasureState]:
        where, args = ("WHERE kind = %s", (type,)) if type is not None else ("", ())

        def work(conn: Conn) -> list[Any]:
            rows = conn.execute(
                f'SELECT state::text AS state FROM ledger {where} ORDER BY key COLLATE "C"', args
            ).fetchall()
            return _decode(conn, [r["state"] for r in rows])

        return [serial.from_dict(data, MeasureState) for data in self._run(work)]

    def history(self, key: str | None = None, *, limit: int = 1000) -> list[Change]:
        where, args = ("WHERE key = %s", (key,)) if key is not None else ("", ())

        def work(conn: Conn) -> list[Any]:
            rows = conn.execute(
                f"SELECT change::text AS change FROM ledger_history {where} ORDER BY id DESC LIMIT %s",
                (*args, limit),
            ).fetchall()
            return _decode(conn, [r["change"] for r in reversed(rows)])

        return [serial.from_dict(data, Change) for data in self._run(work)]

    # -- the outbox -----------------------------------------------------------------------------------------

    def claim_deliveries(
        self, owner: str, limit: int, lease: timedelta, *, now: datetime | None = None
    ) -> list[Delivery]:
        if limit <= 0:
            return []

        def work(conn: Conn) -> list[DictRow]:
            t = self._clock(conn, now)
            picked = conn.execute(
                """
                WITH picked AS (
                    SELECT alert_id, sink FROM outbox
                    WHERE delivered_at IS NULL AND parked_at IS NULL AND next_attempt_at <= %(t)s
                      AND (lease_until IS NULL OR lease_until <= %(t)s)
                    ORDER BY next_attempt_at, created_at, alert_id COLLATE "C", sink COLLATE "C" LIMIT %(limit)s
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE outbox o SET leased_by = %(owner)s, lease_until = %(until)s,
                                    lease_epoch = o.lease_epoch + 1
                FROM picked WHERE o.alert_id = picked.alert_id AND o.sink = picked.sink
                RETURNING o.alert_id, o.sink, o.payload::text AS payload, o.attempts, o.lease_epoch,
                          o.created_at, o.last_error, o.next_attempt_at
                """,
                {"t": t, "limit": limit, "owner": owner, "until": t + lease},
            ).fetchall()
            for row, data in zip(picked, _decode(conn, [r["payload"] for r in picked]), strict=True):
                row["payload"] = data
            return picked

        rows = sorted(
            self._run(work), key=lambda r: (r["next_attempt_at"], r["created_at"], r["alert_id"], r["sink"])
        )
        return [
            Delivery(
                alert=serial.from_dict(r["payload"], Alert),
                sink=r["sink"],
                attempts=r["attempts"],
                epoch=r["lease_epoch"],
                created_at=r["created_at"].astimezone(UTC),
                last_error=r["last_error"],
            )
            for r in rows
        ]

    def finish_delivery(
        self,
        owner: str,
        delivery: Delivery,
        *,
        error: str | None = None,
        retry_in: timedelta | None = None,
        now: datetime | None = None,
    ) -> bool:
        def work(conn: Conn) -> int:
            t = self._clock(conn, now)
            values: list[datetime | str | None]
            if error is None:
                sets, values = "delivered_at = %s, last_error = NULL", [t]
            elif retry_in is not None:
                sets, values = "next_attempt_at = %s, last_error = %s", [t + retry_in, _text(error[:2000])]
            else:
                sets, values = "parked_at = %s, last_error = %s", [t, _text(error[:2000])]
            return conn.execute(
                f"""
                UPDATE outbox SET {sets}, attempts = attempts + 1, leased_by = NULL, lease_until = NULL
                WHERE alert_id = %s AND sink = %s AND leased_by = %s AND lease_epoch = %s
                  AND delivered_at IS NULL AND parked_at IS NULL
                """,
                (*values, delivery.alert.id, delivery.sink, owner, delivery.epoch),
            ).rowcount

        return self._run(work) == 1

    def outbox(self, *, status: DeliveryStatus | None = None, limit: int = 100) -> list[OutboxEntry]:
        where = {
            None: "",
            DeliveryStatus.PENDING: "WHERE delivered_at IS NULL AND parked_at IS NULL",
            DeliveryStatus.DELIVERED: "WHERE delivered_at IS NOT NULL",
            DeliveryStatus.PARKED: "WHERE parked_at IS NOT NULL",
        }[status]

        def work(conn: Conn) -> list[DictRow]:
            rows = conn.execute(
                f"""
                SELECT sink, payload::text AS payload, attempts, created_at, next_attempt_at, delivered_at,
                       parked_at, last_error
                FROM outbox {where} ORDER BY created_at DESC, alert_id COLLATE "C", sink COLLATE "C" LIMIT %s
                """,
                (limit,),
            ).fetchall()
            for row, data in zip(rows, _decode(conn, [r["payload"] for r in rows]), strict=True):
                row["payload"] = data
            return rows

        rows = self._run(work)
        entries = []
        for r in rows:
            delivered, parked = _utc(r["delivered_at"]), _utc(r["parked_at"])
            entries.append(
                OutboxEntry(
                    alert=serial.from_dict(r["payload"], Alert),
                    sink=r["sink"],
                    status=DeliveryStatus.DELIVERED
                    if delivered
                    else DeliveryStatus.PARKED
                    if parked
                    else DeliveryStatus.PENDING,
                    attempts=r["attempts"],
                    created_at=r["created_at"].astimezone(UTC),
                    next_attempt_at=None if delivered or parked else _utc(r["next_attempt_at"]),
                    delivered_at=delivered,
                    parked_at=parked,
                    last_error=r["last_error"],
                )
            )
        return entries

    def replay(self, alert_ids: Iterable[str] | None = None, *, now: datetime | None = None) -> int:
        wanted = None if alert_ids is None else list(dict.fromkeys(alert_ids))

        def work(conn: Conn) -> int:
            t = self._clock(conn, now)
            sql = "UPDATE outbox SET parked_at = NULL, attempts = 0, next_attempt_at = %s WHERE parked_at IS NOT NULL"
            if wanted is None:
                count = conn.execute(sql, (t,)).rowcount
            else:
                count = conn.execute(sql + " AND alert_id = ANY(%s)", (t, wanted)).rowcount
            if count:
                conn.execute(f"NOTIFY {CHANNEL}")
            return count

        return self._run(work)

    def prune(self, *, now: datetime | None = None) -> int:
        def stories(conn: Conn) -> int:
            t = self._clock(conn, now)
            return conn.execute("DELETE FROM stories WHERE first_seen_at < %s", (t - self._keep,)).rowcount

        removed: int = self._run(stories)
        for table, column, keep in self._retention.tables():
            # In batches, each its own transaction, as in SqliteStore.prune. An alert not delivered has no
            # delivery time and is never old enough.
            sql = (
                f"DELETE FROM {table} WHERE ctid = ANY(ARRAY("
                f"SELECT ctid FROM {table} WHERE {column} < %s LIMIT {_PRUNE_BATCH}))"
            )

            def batch(conn: Conn, sql: str = sql, keep: timedelta = keep) -> int:
                count: int = conn.execute(sql, (self._clock(conn, now) - keep,)).rowcount
                return count

            while True:
                count = self._run(batch)
                removed += count
                if count < _PRUNE_BATCH:
                    break
        return removed

    # -- waking deliverers ----------------------------------------------------------------------------------

    def on_outbox(self, callback: Callable[[], None]) -> Callable[[], None]:
        unsubscribe = self._subscribers.add(callback)
        with self._listener_lock:
            if self._listener is None and not self._closing.is_set():
                self._listener = threading.Thread(
                    target=self._listen, name="tradewatch-outbox-listener", daemon=True
                )
                self._listener.start()
        return unsubscribe

    def _listen(self) -> None:
        """Hold one connection that LISTENs for alerts written by any process, reconnecting with backoff."""
        delay = 0.5
        while not self._closing.is_set():
            try:
                with psycopg.connect(
                    self.url, autocommit=True, connect_timeout=max(1, round(self._timeout))
                ) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    delay = 0.5
                    # Alerts written while this connection was down sent their NOTIFY to nobody.
                    self._subscribers.call()
                    while not self._closing.is_set():
                        for _ in conn.notifies(timeout=0.5, stop_after=1):
                            self._subscribers.call()
            except psycopg.Error as exc:
                if self._closing.is_set():
                    return
                log.warning("%s: listening for alerts failed (%s); again in %.1f s", self, exc, delay)
                self._closing.wait(delay * (1 + random.random()))
                delay = min(delay * 2, 30.0)

    def close(self) -> None:
        self._closing.set()
        listener = self._listener
        if listener is not None:
            listener.join(timeout=5)
        self._pool.close()


def _allocate(conn: Conn, n: int) -> list[int]:
    """`n` evidence ids from the table's sequence: unique across transactions whether they commit or not."""
    rows = conn.execute(
        "SELECT nextval(pg_get_serial_sequence('ledger_evidence', 'id')) AS id FROM generate_series(1, %s)",
        (n,),
    ).fetchall()
    return [r["id"] for r in rows]


def _decode(conn: Conn, texts: Sequence[str]) -> list[Any]:
    """Texts read from the ledger or the outbox, decoded, with the evidences they refer to put back."""

    def fetch(ids: Collection[int]) -> dict[int, str]:
        rows = conn.execute(
            "SELECT id, body::text AS body FROM ledger_evidence WHERE id = ANY(%s)", (list(ids),)
        ).fetchall()
        return {r["id"]: r["body"] for r in rows}

    return [json.loads(text) for text in unpack(texts, fetch)]


def _lock(conn: Conn, kind: str, keys: Iterable[str]) -> None:
    """Take transaction-scoped advisory locks on `keys` (story keys or measure keys), in one sorted order so
    that two transactions locking overlapping sets cannot deadlock. A key maps to a 64-bit hash; two keys
    sharing one only wait for each other."""
    ids = sorted(
        {
            int.from_bytes(
                hashlib.blake2b(f"{kind}\0{k}".encode(), digest_size=8).digest(), "big", signed=True
            )
            for k in keys
        }
    )
    if ids:
        # unnest yields the array in order, and the aggregate takes the locks row by row in that order.
        conn.execute("SELECT count(pg_advisory_xact_lock(id)) FROM unnest(%s::bigint[]) AS id", (ids,))


def _prefixed(table: str) -> str:
    return ", ".join(f"{table}.{c.strip()}" for c in _SOURCE_COLUMNS.split(","))


def _text(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters; error messages and headers from the web may."""
    return None if value is None else value.replace("\x00", "\ufffd")
