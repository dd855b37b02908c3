"""`SqliteStore`: the embedded store, on the standard library's sqlite3.

One connection per store, guarded by a lock: every method is a short transaction, the watcher's threads spend
their time fetching, and one connection is also the only way to share a ``:memory:`` database between threads
(each new connection to ``:memory:`` opens a different, empty database). Several processes may open the same
file: WAL lets readers run beside the writer, every write transaction starts with ``BEGIN IMMEDIATE`` so that
two writers queue on ``busy_timeout`` instead of failing half-way, and leases keep them from polling the same
source twice.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

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
    encode_reaction,
    event_text,
    fresh_records,
    gc_paused,
    plan_stories,
    source_of,
    unpack,
)
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
from ._schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["SqliteStore"]

T = TypeVar("T")

#: WAL pages between automatic checkpoints (SQLite's default is 1,000).
_CHECKPOINT_PAGES = 10_000
#: Rows deleted per transaction by `SqliteStore.prune`.
_PRUNE_BATCH = 5_000

#: SQLite's limit on bound parameters is 32,766 since 3.32 but 999 before; stay below both.
_CHUNK = 500

_SOURCE_COLUMNS = (
    "name, url, configured_url, interval_s, tags, enabled, alert_on_first_poll, due_at, lease_until, "
    "leased_by, lease_epoch, etag, last_modified, body_sha256, ttl_s, last_polled, last_success, "
    "last_error_kind, last_error, consecutive_failures, disabled_reason, baseline_at"
)


def _ts(moment: datetime) -> float:
    if moment.utcoffset() is None:
        raise ValueError(f"{moment!r} must be timezone-aware")
    return moment.timestamp()


def _dt(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


def _chunks(values: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _source(row: sqlite3.Row) -> Source:
    return source_of(
        row["name"],
        row["configured_url"],
        row["interval_s"],
        _tags(row["tags"]),
        bool(row["enabled"]),
        bool(row["alert_on_first_poll"]),
    )


@functools.lru_cache(maxsize=1024)
def _tags(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def _health(row: sqlite3.Row) -> SourceHealth:
    scheduled = bool(row["enabled"]) and row["disabled_reason"] is None
    return SourceHealth(
        due_at=_dt(row["due_at"]) if scheduled else None,
        last_polled=_dt(row["last_polled"]),
        last_success=_dt(row["last_success"]),
        last_error_kind=row["last_error_kind"],
        last_error=row["last_error"],
        consecutive_failures=row["consecutive_failures"],
        disabled_reason=row["disabled_reason"],
    )


class SqliteStore:
    """The `Store` on one SQLite file (``tradewatch.sqlite`` by default), or in memory with ``":memory:"``.

    The seen-set is bounded: an item id is forgotten once it has been missing from the source's feed for
    more than `seen_keep_polls` parsed polls *and* `seen_keep` (90 days by default). Ids in the latest parsed
    feed are never forgotten, however old, so a long-lived item is never reported new twice. Story keys are
    kept for `seen_keep` too (see `prune`).

    `prune` also bounds what a long-running watcher accumulates: items (with their events) stored more than
    `items_keep` ago (180 days by default) and alerts delivered more than `delivered_keep` ago (30 days) are
    deleted; None keeps them forever. Alerts still to be delivered or parked, the ledger's states and its
    history are never pruned.

    `busy_timeout` is how long a write waits for another process's transaction before raising `StoreError`.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = "tradewatch.sqlite",
        *,
        busy_timeout: float = 30.0,
        seen_keep_polls: int = 20,
        seen_keep: timedelta = timedelta(days=90),
        items_keep: timedelta | None = ITEMS_KEEP,
        delivered_keep: timedelta | None = DELIVERED_KEEP,
    ) -> None:
        if seen_keep_polls < 1:
            raise ValueError(f"seen_keep_polls must be >= 1, not {seen_keep_polls}")
        self.path = os.fspath(path)
        self._keep_polls = seen_keep_polls
        self._keep_s = seen_keep.total_seconds()
        self._retention = Retention(items=items_keep, delivered=delivered_keep)
        self._lock = threading.RLock()
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves (the module's implicit transactions do not
            # start with BEGIN IMMEDIATE). check_same_thread=False: the lock serialises use across threads.
            conn = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        conn.row_factory = sqlite3.Row
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                # In WAL mode NORMAL is corruption-safe; a power cut may lose the last commits, not the file.
                conn.execute("PRAGMA synchronous = NORMAL")
                # Checkpoint every ~40 MB of log rather than every 4 MB: a poll's commit rewrites pages all over
                # the ledger and the indexes of its history and outbox, and the same pages again a few polls
                # later; a longer log copies each of them into the database once instead of several times.
                conn.execute(f"PRAGMA wal_autocheckpoint = {_CHECKPOINT_PAGES}")
            migrate(conn)
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot open {self.path}: {exc}") from exc
            raise
        self._conn: sqlite3.Connection | None = conn
        #: Decoded measure states by key, with the version they were stored under (most recent last).
        self._states: dict[str, tuple[int, MeasureState]] = {}
        self._states_max = 20_000
        self._packing = Packing()
        self._subscribers = Subscribers()

    def __repr__(self) -> str:
        return f"SqliteStore({self.path!r})"

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError(f"{self.path}: the store is closed")
            try:
                conn.execute(begin)
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: {exc}") from exc

    def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front: a transaction that reads, then writes, cannot fail half-way
        # with SQLITE_BUSY because another process wrote in between.
        return self._transaction("BEGIN IMMEDIATE")

    def _read(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return self._transaction("BEGIN")

    @staticmethod
    def _clock(conn: sqlite3.Connection, now: datetime | None) -> float:
        if now is not None:
            return _ts(now)
        # The database's clock. For SQLite it is this machine's; the point is that leases are judged by the
        # store, as a shared database server would judge them for all its clients.
        value: float = conn.execute("SELECT (julianday('now') - 2440587.5) * 86400.0").fetchone()[0]
        return value

    # -- sources --------------------------------------------------------------------------------------------

    def upsert_sources(self, sources: Iterable[Source], *, now: datetime | None = None) -> None:
        batch = list(sources)
        with self._write() as conn:
            t = self._clock(conn, now)
            # In an upsert's SET clause, column names read the row as it was before the update.
            conn.executemany(
                """
                INSERT INTO sources (name, url, configured_url, interval_s, tags, enabled,
                                     alert_on_first_poll, due_at, created_at)
                VALUES (:name, :url, :url, :interval, :tags, :enabled, :alert, :now, :now)
                ON CONFLICT (name) DO UPDATE SET
                    url = CASE WHEN configured_url = excluded.configured_url THEN url ELSE excluded.url END,
                    etag = CASE WHEN configured_url = excluded.configured_url THEN etag END,
                    last_modified = CASE WHEN configured_url = excluded.configured_url THEN last_modified END,
                    body_sha256 = CASE WHEN configured_url = excluded.configured_url THEN body_sha256 END,
                    disabled_reason = CASE WHEN configured_url = excluded.configured_url
                                           THEN disabled_reason END,
                    consecutive_failures = CASE WHEN configured_url = excluded.configured_url
                                                THEN consecutive_failures ELSE 0 END,
                    due_at = CASE
                        WHEN configured_url <> excluded.configured_url THEN MIN(due_at, :now)
                        WHEN interval_s <> excluded.interval_s THEN MIN(due_at, :now + excluded.interval_s)
                        ELSE due_at END,
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
                        "enabled": int(s.enabled),
                        "alert": int(s.alert_on_first_poll),
                        "now": t,
                    }
                    for s in batch
                ],
            )

    def remove_sources(self, names: Iterable[str]) -> int:
        wanted = list(dict.fromkeys(names))
        removed = 0
        with self._write() as conn:
            for chunk in _chunks(wanted):
                removed += conn.execute(
                    f"DELETE FROM sources WHERE name IN ({_marks(len(chunk))})", chunk
                ).rowcount
        return removed

    def sources(self) -> list[SourceStatus]:
        with self._read() as conn:
            rows = conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY name").fetchall()
        return [SourceStatus(source=_source(r), url=r["url"], health=_health(r)) for r in rows]

    def health(self, name: str) -> SourceHealth:
        with self._read() as conn:
            row = conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise UnknownSourceError(name)
        return _health(row)

    # -- leases ---------------------------------------------------------------------------------------------

    def claim_due(
        self, owner: str, limit: int, lease: timedelta, *, now: datetime | None = None
    ) -> list[Claim]:
        if limit <= 0:
            return []
        with self._write() as conn:
            t = self._clock(conn, now)
            names = [
                r[0]
                for r in conn.execute(
                    """
                    SELECT name FROM sources
                    WHERE enabled = 1 AND disabled_reason IS NULL AND due_at <= ?
                      AND (lease_until IS NULL OR lease_until <= ?)
                    ORDER BY due_at, name LIMIT ?
                    """,
                    (t, t, limit),
                )
            ]
            return self._lease(conn, names, owner, t + lease.total_seconds())

    def claim(
        self, names: Iterable[str], owner: str, lease: timedelta, *, now: datetime | None = None
    ) -> list[Claim]:
        wanted = list(dict.fromkeys(names))
        with self._write() as conn:
            t = self._clock(conn, now)
            free: list[str] = []
            for chunk in _chunks(wanted):
                free += [
                    r[0]
                    for r in conn.execute(
                        f"""
                        SELECT name FROM sources
                        WHERE name IN ({_marks(len(chunk))}) AND enabled = 1 AND disabled_reason IS NULL
                          AND (lease_until IS NULL OR lease_until <= ?)
                        """,
                        (*chunk, t),
                    )
                ]
            return self._lease(conn, free, owner, t + lease.total_seconds())

    @staticmethod
    def _lease(conn: sqlite3.Connection, names: list[str], owner: str, until: float) -> list[Claim]:
        if not names:
            return []
        conn.executemany(
            "UPDATE sources SET leased_by = ?, lease_until = ?, lease_epoch = lease_epoch + 1 WHERE name = ?",
            [(owner, until, n) for n in names],
        )
        rows: list[sqlite3.Row] = []
        for chunk in _chunks(names):
            rows += conn.execute(
                f"SELECT {_SOURCE_COLUMNS}, generation FROM sources WHERE name IN ({_marks(len(chunk))})",
                chunk,
            ).fetchall()
        rows.sort(key=lambda r: (r["due_at"], r["name"]))
        return [
            Claim(
                source=_source(r),
                url=r["url"],
                owner=owner,
                epoch=r["lease_epoch"],
                lease_until=datetime.fromtimestamp(until, UTC),
                validators=Validators(
                    etag=r["etag"], last_modified=r["last_modified"], body_sha256=r["body_sha256"]
                ),
                failures=r["consecutive_failures"],
                baselined=r["baseline_at"] is not None,
                ttl=None if r["ttl_s"] is None else timedelta(seconds=r["ttl_s"]),
            )
            for r in rows
        ]

    def release(self, claims: Iterable[Claim]) -> None:
        held = [(c.source.name, c.owner, c.epoch) for c in claims]
        if not held:
            return
        with self._write() as conn:
            conn.executemany(
                """
                UPDATE sources SET leased_by = NULL, lease_until = NULL
                WHERE name = ? AND leased_by = ? AND lease_epoch = ?
                """,
                held,
            )

    # -- polls ----------------------------------------------------------------------------------------------

    def seen_ids(self, name: str) -> frozenset[str]:
        with self._read() as conn:
            return frozenset(r[0] for r in conn.execute("SELECT item_id FROM seen WHERE source = ?", (name,)))

    def commit_poll(
        self, owner: str, result: PollResult, *, react: React | None = None, now: datetime | None = None
    ) -> Committed | None:
        # The lock is held past the commit until the memos know what it wrote: a poll committing in between
        # would read versions the state memo does not hold yet and decode those states again from the file.
        with self._lock, gc_paused():
            committed = self._commit_poll(owner, result, react, now)
        if committed is not None and committed.reaction is not None and committed.reaction.outgoing:
            self._subscribers.call()
        return committed

    def _commit_poll(
        self, owner: str, result: PollResult, react: React | None, now: datetime | None
    ) -> Committed | None:
        name = result.name
        evidences: Evidences | None = None
        with self._write() as conn:
            t = self._clock(conn, now)
            row = conn.execute(
                "SELECT leased_by, lease_epoch, lease_until, generation FROM sources WHERE name = ?", (name,)
            ).fetchone()
            if (
                row is None
                or row["leased_by"] != owner
                or row["lease_epoch"] != result.epoch
                or row["lease_until"] is None
                or row["lease_until"] <= t
            ):
                return None  # fenced: another process holds (or may hold) this source now
            polled = _ts(result.polled_at)
            generation: int = row["generation"]
            stories: dict[str, Story] = {}
            if result.present_ids is not None:
                generation += 1
                stories = self._store_items(
                    conn, name, result.new_items, polled, generation, keep_bodies=react is not None
                )
                # Refresh every id of this feed, so that what is still published is never pruned.
                conn.executemany(
                    """
                    INSERT INTO seen (source, item_id, first_seen_at, last_seen_at, last_generation)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (source, item_id) DO UPDATE SET
                        last_seen_at = excluded.last_seen_at, last_generation = excluded.last_generation
                    """,
                    [(name, i, polled, polled, generation) for i in result.present_ids],
                )
                conn.execute(
                    "DELETE FROM seen WHERE source = ? AND last_generation <= ? AND last_seen_at < ?",
                    (name, generation - self._keep_polls, polled - self._keep_s),
                )
            reaction = None
            if react is not None and stories:
                fresh = [
                    Fresh(record=r, story=stories[r.item.id])
                    for r in result.new_items
                    if r.item.id in stories
                ]
                loaded: dict[str, int] = {}
                reaction = react(fresh, lambda keys: self._load_states(conn, keys, loaded))
                evidences = self._packing.batch(_allocator(conn))
                self._write_reaction(conn, reaction, loaded, evidences, t)
            self._update_source(conn, result, polled, generation)
        if evidences is not None:
            evidences.done()  # committed: later polls may refer to these evidences
        if reaction is not None:
            self._remember(reaction.states)  # committed: these versions are the stored ones now
        return Committed(stories=stories, reaction=reaction)

    def _remember(self, states: Iterable[MeasureState]) -> None:
        with self._lock:
            for state in states:
                self._states.pop(state.key, None)
                self._states[state.key] = (state.version, state)
            while len(self._states) > self._states_max:
                del self._states[next(iter(self._states))]

    def _load_states(
        self, conn: sqlite3.Connection, keys: Collection[str], loaded: dict[str, int]
    ) -> Mapping[str, MeasureState]:
        states: dict[str, MeasureState] = {}
        stale: list[str] = []
        # Versions first: a state is immutable and its version changes with every write by any process, so a
        # decoded copy of the same version is the same state, and its text (kilobytes) need not be read.
        for key, version in self._select_in(
            conn, "SELECT key, version FROM ledger WHERE key IN ({marks})", (), set(keys)
        ):
            cached = self._states.get(key)
            if cached is not None and cached[0] == version:
                states[key] = cached[1]
            else:
                stale.append(key)
            loaded[key] = version
        if stale:
            # In the same transaction, so the text read is that of the version read.
            rows = self._select_in(conn, "SELECT key, state FROM ledger WHERE key IN ({marks})", (), stale)
            texts = self._unpack(conn, [r[1] for r in rows])
            for row, text in zip(rows, texts, strict=True):
                states[row[0]] = serial.from_dict(json.loads(text), MeasureState)
        for key in keys:
            loaded.setdefault(key, -1)  # absent when read: must still be absent when written
        return states

    def _unpack(self, conn: sqlite3.Connection, texts: Sequence[str]) -> list[str]:
        def fetch(ids: Collection[int]) -> dict[int, str]:
            return dict(
                self._select_in(conn, "SELECT id, body FROM ledger_evidence WHERE id IN ({marks})", (), ids)
            )

        return unpack(texts, fetch)

    @staticmethod
    def _write_reaction(
        conn: sqlite3.Connection,
        reaction: Reaction,
        loaded: Mapping[str, int],
        evidences: Evidences,
        t: float,
    ) -> None:
        encoded = encode_reaction(reaction, loaded, evidences)
        inserts, updates = encoded.inserts, encoded.updates
        conn.executemany("INSERT INTO ledger_evidence (id, body) VALUES (?, ?)", encoded.evidence)
        # A key inserted meanwhile by another writer breaks the primary key; one updated meanwhile no longer
        # has the version read: either way the transaction fails and nothing of this poll is written.
        conn.executemany(
            """
            INSERT INTO ledger (kind, state, version, corroborations, contradicted, key, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [(*row, t) for row in inserts],
        )
        if updates:
            cursor = conn.executemany(
                """
                UPDATE ledger SET kind = ?, state = ?, version = ?, corroborations = ?, contradicted = ?,
                                  updated_at = ?
                WHERE key = ? AND version = ?
                """,
                [(*row[:5], t, *row[5:]) for row in updates],
            )
            if cursor.rowcount != len(updates):
                raise StoreError("a measure's state changed under this transaction; the poll is not written")
        conn.executemany(
            """
            INSERT INTO ledger_history (key, version, change, source, item_id, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [(*row, t) for row in encoded.changes],
        )
        conn.executemany(
            """
            INSERT INTO outbox (alert_id, sink, rule, payload, created_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (alert_id, sink) DO NOTHING
            """,
            [(*row, t, t) for row in encoded.outbox],
        )

    @staticmethod
    def _select_in(
        conn: sqlite3.Connection, sql: str, head: tuple[Any, ...], values: Iterable[str | int]
    ) -> list[Any]:
        """Rows of `sql` (whose last condition is ``IN ({marks})``) for all `values`, in chunks."""
        rows: list[Any] = []
        for chunk in _chunks(list(values)):
            rows += conn.execute(sql.format(marks=_marks(len(chunk))), (*head, *chunk)).fetchall()
        return rows

    def _store_items(
        self,
        conn: sqlite3.Connection,
        name: str,
        records: Sequence[ItemRecord],
        polled: float,
        generation: int,
        *,
        keep_bodies: bool = False,
    ) -> dict[str, Story]:
        """Mark `records` seen and store them with their events and stories, a batch of statements per poll
        rather than per item. Items the source has already seen are skipped."""
        already = {
            row[0]
            for row in self._select_in(
                conn,
                "SELECT item_id FROM seen WHERE source = ? AND item_id IN ({marks})",
                (name,),
                {r.item.id for r in records},
            )
        }
        fresh = fresh_records(records, already)
        if not fresh:
            return {}
        keys = {k for r in fresh for k in r.story_keys}
        known: dict[str, str] = dict(
            self._select_in(conn, "SELECT key, story_key FROM story_keys WHERE key IN ({marks})", (), keys)
        )
        plan = plan_stories(fresh, known)
        resolved = plan.resolved
        conn.executemany(
            "INSERT INTO stories (story_key, first_source, first_item_id, first_seen_at) VALUES (?, ?, ?, ?)",
            [(story, name, item_id, polled) for story, item_id in plan.new_stories],
        )
        conn.executemany(
            "INSERT INTO story_keys (key, story_key) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", plan.aliases
        )
        involved = {story for story, _ in resolved.values()}
        carried = {
            row[0]
            for row in self._select_in(
                conn,
                "SELECT story_key FROM story_sources WHERE source = ? AND story_key IN ({marks})",
                (name,),
                involved,
            )
        }
        added = sorted(involved - carried)
        conn.executemany(
            "INSERT INTO story_sources (story_key, source, first_seen_at) VALUES (?, ?, ?)",
            [(story, name, polled) for story in added],
        )
        conn.executemany(
            "UPDATE stories SET source_count = source_count + 1 WHERE story_key = ?",
            [(story,) for story in added],
        )
        counts: dict[str, int] = dict(
            self._select_in(
                conn, "SELECT story_key, source_count FROM stories WHERE story_key IN ({marks})", (), involved
            )
        )
        conn.executemany(
            "INSERT INTO seen (source, item_id, first_seen_at, last_seen_at, last_generation) VALUES (?, ?, ?, ?, ?)",
            [(name, r.item.id, polled, polled, generation) for r in fresh],
        )
        # An id forgotten by pruning may come back: the newer copy replaces the old one and its events.
        conn.executemany(
            "DELETE FROM items WHERE source = ? AND item_id = ?", [(name, r.item.id) for r in fresh]
        )
        conn.executemany(
            """
            INSERT INTO items (source, item_id, story_key, published, stored_at, baseline, first_of_story,
                               body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                (
                    name,
                    r.item.id,
                    resolved[r.item.id][0],
                    _ts(r.item.published),
                    polled,
                    int(r.baseline),
                    int(resolved[r.item.id][1]),
                    serial.dumps(r.item),
                )
                for r in fresh
            ],
        )
        conn.executemany(
            "INSERT INTO events (source, item_id, seq, type, body) VALUES (?, ?, ?, ?, ?)",
            [
                (name, r.item.id, seq, event.TYPE, event_text(event, keep_body=keep_bodies))
                for r in fresh
                for seq, event in enumerate(r.events)
            ],
        )
        return {
            r.item.id: Story(
                key=resolved[r.item.id][0],
                first=resolved[r.item.id][1],
                sources=counts[resolved[r.item.id][0]],
            )
            for r in fresh
        }

    @staticmethod
    def _update_source(conn: sqlite3.Connection, result: PollResult, polled: float, generation: int) -> None:
        values: dict[str, Any] = {
            "name": result.name,
            "polled": polled,
            "due": _ts(result.due_at),
            "generation": generation,
            "disable": result.disable,
        }
        sets = [
            "last_polled = :polled",
            "due_at = :due",
            "generation = :generation",
            "leased_by = NULL",
            "lease_until = NULL",
            "disabled_reason = COALESCE(:disable, disabled_reason)",
        ]
        if result.ok:
            sets += [
                "last_success = :polled",
                "consecutive_failures = 0",
                "last_error_kind = NULL",
                "last_error = NULL",
            ]
        else:
            values.update(kind=result.error_kind, error=result.error)
            sets += [
                "consecutive_failures = consecutive_failures + 1",
                "last_error_kind = :kind",
                "last_error = :error",
            ]
        if result.present_ids is not None:
            values["ttl"] = None if result.ttl is None else result.ttl.total_seconds()
            sets += ["baseline_at = COALESCE(baseline_at, :polled)", "ttl_s = :ttl"]
        if result.validators is not None:
            v = result.validators
            values.update(etag=v.etag, last_modified=v.last_modified, sha=v.body_sha256)
            sets += ["etag = :etag", "last_modified = :last_modified", "body_sha256 = :sha"]
        if result.url is not None:
            values["url"] = result.url
            sets.append("url = :url")
        conn.execute(f"UPDATE sources SET {', '.join(sets)} WHERE name = :name", values)

    # -- reading and housekeeping ---------------------------------------------------------------------------

    def items(self, source: str | None = None, *, limit: int = 100) -> list[StoredItem]:
        where, args = ("WHERE source = ?", [source]) if source is not None else ("", [])
        with self._read() as conn:
            rows = conn.execute(
                f"""
                SELECT source, item_id, story_key, baseline, first_of_story, stored_at, body
                FROM items {where}
                ORDER BY stored_at DESC, source, item_id LIMIT ?
                """,
                (*args, limit),
            ).fetchall()
            found: list[StoredItem] = []
            for r in rows:
                events: tuple[Event, ...] = tuple(
                    serial.from_dict(json.loads(e[0]), Event)
                    for e in conn.execute(
                        "SELECT body FROM events WHERE source = ? AND item_id = ? ORDER BY seq",
                        (r["source"], r["item_id"]),
                    )
                )
                found.append(
                    StoredItem(
                        item=serial.from_dict(json.loads(r["body"]), Item),
                        events=events,
                        story_key=r["story_key"],
                        baseline=bool(r["baseline"]),
                        first_of_story=bool(r["first_of_story"]),
                        stored_at=datetime.fromtimestamp(r["stored_at"], UTC),
                    )
                )
        return found

    def measures(self, *, type: str | None = None) -> list[MeasureState]:
        where, args = ("WHERE kind = ?", (type,)) if type is not None else ("", ())
        with self._read() as conn:
            rows = conn.execute(f"SELECT state FROM ledger {where} ORDER BY key", args).fetchall()
            texts = self._unpack(conn, [r[0] for r in rows])
        return [serial.from_dict(json.loads(text), MeasureState) for text in texts]

    def history(self, key: str | None = None, *, limit: int = 1000) -> list[Change]:
        where, args = ("WHERE key = ?", (key,)) if key is not None else ("", ())
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT change FROM ledger_history {where} ORDER BY id DESC LIMIT ?", (*args, limit)
            ).fetchall()
            texts = self._unpack(conn, [r[0] for r in reversed(rows)])
        return [serial.from_dict(json.loads(text), Change) for text in texts]

    # -- the outbox -----------------------------------------------------------------------------------------

    def claim_deliveries(
        self, owner: str, limit: int, lease: timedelta, *, now: datetime | None = None
    ) -> list[Delivery]:
        with self._write() as conn:
            t = self._clock(conn, now)
            rows = conn.execute(
                """
                SELECT alert_id, sink, payload, attempts, lease_epoch, created_at, last_error FROM outbox
                WHERE delivered_at IS NULL AND parked_at IS NULL AND next_attempt_at <= ?
                  AND (lease_until IS NULL OR lease_until <= ?)
                ORDER BY next_attempt_at, created_at, alert_id, sink LIMIT ?
                """,
                (t, t, limit),
            ).fetchall()
            conn.executemany(
                """
                UPDATE outbox SET leased_by = ?, lease_until = ?, lease_epoch = lease_epoch + 1
                WHERE alert_id = ? AND sink = ?
                """,
                [(owner, t + lease.total_seconds(), r["alert_id"], r["sink"]) for r in rows],
            )
            payloads = self._unpack(conn, [r["payload"] for r in rows])
        return [
            Delivery(
                alert=serial.from_dict(json.loads(payload), Alert),
                sink=r["sink"],
                attempts=r["attempts"],
                epoch=r["lease_epoch"] + 1,
                created_at=datetime.fromtimestamp(r["created_at"], UTC),
                last_error=r["last_error"],
            )
            for r, payload in zip(rows, payloads, strict=True)
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
        with self._write() as conn:
            t = self._clock(conn, now)
            values: tuple[float] | tuple[float, str]
            if error is None:
                sets, values = "delivered_at = ?, last_error = NULL", (t,)
            elif retry_in is not None:
                sets, values = (
                    "next_attempt_at = ?, last_error = ?",
                    (t + retry_in.total_seconds(), error[:2000]),
                )
            else:
                sets, values = "parked_at = ?, last_error = ?", (t, error[:2000])
            updated: int = conn.execute(
                f"""
                UPDATE outbox SET {sets}, attempts = attempts + 1, leased_by = NULL, lease_until = NULL
                WHERE alert_id = ? AND sink = ? AND leased_by = ? AND lease_epoch = ?
                  AND delivered_at IS NULL AND parked_at IS NULL
                """,
                (*values, delivery.alert.id, delivery.sink, owner, delivery.epoch),
            ).rowcount
        return updated == 1

    def outbox(self, *, status: DeliveryStatus | None = None, limit: int = 100) -> list[OutboxEntry]:
        where = {
            None: "",
            DeliveryStatus.PENDING: "WHERE delivered_at IS NULL AND parked_at IS NULL",
            DeliveryStatus.DELIVERED: "WHERE delivered_at IS NOT NULL",
            DeliveryStatus.PARKED: "WHERE parked_at IS NOT NULL",
        }[status]
        with self._read() as conn:
            rows = conn.execute(
                f"""
                SELECT sink, payload, attempts, created_at, next_attempt_at, delivered_at, parked_at,
                       last_error
                FROM outbox {where} ORDER BY created_at DESC, alert_id, sink LIMIT ?
                """,
                (limit,),
            ).fetchall()
            payloads = self._unpack(conn, [r["payload"] for r in rows])
        entries = []
        for r, payload in zip(rows, payloads, strict=True):
            delivered, parked = _dt(r["delivered_at"]), _dt(r["parked_at"])
            entries.append(
                OutboxEntry(
                    alert=serial.from_dict(json.loads(payload), Alert),
                    sink=r["sink"],
                    status=DeliveryStatus.DELIVERED
                    if delivered
                    else DeliveryStatus.PARKED
                    if parked
                    else DeliveryStatus.PENDING,
                    attempts=r["attempts"],
                    created_at=datetime.fromtimestamp(r["created_at"], UTC),
                    next_attempt_at=None if delivered or parked else _dt(r["next_attempt_at"]),
                    delivered_at=delivered,
                    parked_at=parked,
                    last_error=r["last_error"],
                )
            )
        return entries

    def replay(self, alert_ids: Iterable[str] | None = None, *, now: datetime | None = None) -> int:
        with self._write() as conn:
            t = self._clock(conn, now)
            sql = "UPDATE outbox SET parked_at = NULL, attempts = 0, next_attempt_at = ? WHERE parked_at IS NOT NULL"
            if alert_ids is None:
                count: int = conn.execute(sql, (t,)).rowcount
            else:
                count = sum(
                    conn.execute(f"{sql} AND alert_id IN ({_marks(len(chunk))})", (t, *chunk)).rowcount
                    for chunk in _chunks(list(dict.fromkeys(alert_ids)))
                )
        if count:
            self._subscribers.call()
        return count

    def on_outbox(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Subscribers hear of the alerts this store object writes or replays. Other processes on the same
        file are not heard (SQLite has no notifications): their alerts wait for the next delivery tick."""
        return self._subscribers.add(callback)

    def prune(self, *, now: datetime | None = None) -> int:
        with self._write() as conn:
            t = self._clock(conn, now)
            removed: int = conn.execute(
                "DELETE FROM stories WHERE first_seen_at < ?", (t - self._keep_s,)
            ).rowcount
        for table, column, keep in self._retention.tables():
            # In batches, each its own transaction: a first prune of a large file does not hold the write
            # lock for long. An alert not delivered has no delivery time and is never old enough.
            sql = (
                f"DELETE FROM {table} WHERE rowid IN "
                f"(SELECT rowid FROM {table} WHERE {column} < ? LIMIT {_PRUNE_BATCH})"
            )
            while True:
                with self._write() as conn:
                    count: int = conn.execute(sql, (t - keep.total_seconds(),)).rowcount
                removed += count
                if count < _PRUNE_BATCH:
                    break
        return removed

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _allocator(conn: sqlite3.Connection) -> Callable[[int], range]:
    """Evidence ids for one write transaction: after the largest stored, which no other writer can change
    while the transaction (``BEGIN IMMEDIATE``) holds the write lock."""
    last: list[int] = []

    def allocate(n: int) -> range:
        if not last:
            last.append(conn.execute("SELECT coalesce(max(id), 0) FROM ledger_evidence").fetchone()[0])
        first = last[0] + 1
        last[0] += n
        return range(first, first + n)

    return allocate


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database to schema version `target` (by default the newest); returns the version found.

    Raises `SchemaVersionError` for a database newer than this code knows.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        found: int = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"the database has schema version {found}; this tradewatch knows up to {SCHEMA_VERSION}"
            )
        for step in MIGRATIONS[found:target]:
            for statement in step:
                conn.execute(statement)
        if target > found:
            # user_version is written in the same transaction as the step: both happen, or neither does.
            conn.execute(f"PRAGMA user_version = {int(target)}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return found
