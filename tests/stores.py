"""The stores the store tests run on, and the helpers they share.

SQLite always runs. PostgreSQL runs when ``TRADEWATCH_TEST_PG`` names a server whose user may create
databases; each test then gets a database of its own, copied from a template that was migrated once per
pytest process, so that no test pays for the migrations. Without the variable the PostgreSQL variants skip
and say how to run them, unless ``TRADEWATCH_REQUIRE_PG=1`` (as in CI), which turns the skip into a failure.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from tradewatch import Item
from tradewatch.feeds import Source, Validators
from tradewatch.model import MeasureState
from tradewatch.store import Claim, ItemRecord, PollResult, SqliteStore, Store, open_store

PG_ENV = "TRADEWATCH_TEST_PG"
REQUIRE_ENV = "TRADEWATCH_REQUIRE_PG"
HOW_TO_RUN = (
    f"{PG_ENV} is not set: the PostgreSQL variants need a server whose user may create databases, e.g. "
    f"{PG_ENV}=postgresql://postgres@127.0.0.1:5432/postgres (tools/pg-cluster start DIR starts a "
    f"throwaway one and prints its URL)"
)

# -- choosing and skipping --------------------------------------------------------------------------------


def skip_or_fail(why: str) -> None:
    """Skip the test, or fail it when PostgreSQL is required."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{why} (and {REQUIRE_ENV}=1)")
    pytest.skip(why)


def postgres_server() -> str:
    """The URL of the server to test against, or skip (or fail) the test."""
    server = os.environ.get(PG_ENV, "").strip()
    if not server:
        skip_or_fail(HOW_TO_RUN)
    if not server.startswith(("postgresql://", "postgres://")):
        pytest.fail(f"{PG_ENV} must be a URL (postgresql://user@host:port/dbname), not a keyword string")
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        skip_or_fail(f"the PostgreSQL variants need psycopg 3: pip install 'tradewatch[postgres]' ({exc})")
    return server


def database_url(server: str, name: str) -> str:
    """`server`'s URL with its database replaced by `name` (user, password, host and options kept)."""
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}"))


class PostgresDatabases:
    """Fresh databases on one server for the tests of one pytest process, each a copy of one template.

    The template is made (and migrated by opening a `PostgresStore` on it) when the first database is asked
    for; `close` drops it. Names carry this process's id and a random part, so that concurrent pytest runs on
    one server (from one machine or several) never touch each other's databases."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.template: str | None = None
        self._prefix = f"tw_{os.getpid()}_{uuid.uuid4().hex[:6]}_"

    def _execute(self, sql: str) -> None:
        import psycopg
        from psycopg import errors

        deadline = time.monotonic() + 10
        while True:
            try:
                with psycopg.connect(self.server, autocommit=True, connect_timeout=10) as conn:
                    conn.execute(sql)  # type: ignore[arg-type]
                return
            except errors.ObjectInUse:
                # CREATE DATABASE … TEMPLATE needs the template to itself; a backend of a closed connection
                # may take a moment to go away.
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _ensure_template(self) -> str:
        if self.template is None:
            from tradewatch.store import PostgresStore

            name = f"{self._prefix}template"
            self._execute(f"CREATE DATABASE {name}")
            self.template = name
            PostgresStore(database_url(self.server, name)).close()  # applies the migrations
        return self.template

    def create(self, *, empty: bool = False, options: str = "") -> str:
        """A new database with the whole schema and no rows (or, when `empty`, without even the schema, made
        with the extra CREATE DATABASE `options`); returns its URL."""
        name = f"{self._prefix}{uuid.uuid4().hex[:12]}"
        if empty:
            self._execute(f"CREATE DATABASE {name} {options}")
        else:
            self._execute(f"CREATE DATABASE {name} TEMPLATE {self._ensure_template()}")
        return database_url(self.server, name)

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        assert name.startswith(self._prefix), name
        self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def close(self) -> None:
        if self.template is not None:
            self._execute(f"DROP DATABASE IF EXISTS {self.template} WITH (FORCE)")
            self.template = None


class StoreFactory:
    """Opens store objects on one database of one kind (``"sqlite"`` or ``"postgres"``): each call gives a new
    object, as another process would hold; every one is closed at the end of the test.

    Options common to both stores (``seen_keep_polls``, ``seen_keep``) are passed to either constructor;
    `postgres` holds options only `PostgresStore` takes. Without options, the store is opened by `open_store`,
    as the watcher opens it."""

    def __init__(self, kind: str, target: str) -> None:
        self.kind = kind
        self.target = target  # a file path or a PostgreSQL URL
        self.opened: list[Store] = []

    def __call__(self, *, postgres: dict[str, Any] | None = None, **options: Any) -> Store:
        store: Store
        if self.kind == "sqlite":
            store = SqliteStore(self.target, **options) if options else open_store(self.target)
        else:
            from tradewatch.store import PostgresStore

            extra = {**options, **(postgres or {})}
            store = PostgresStore(self.target, **extra) if extra else open_store(self.target)
        self.opened.append(store)
        return store

    def close(self) -> None:
        for store in self.opened:
            with contextlib.suppress(Exception):
                store.close()


@contextlib.contextmanager
def factory_for(kind: str, folder: Path, databases: PostgresDatabases | None) -> Iterator[StoreFactory]:
    if kind == "sqlite":
        factory = StoreFactory(kind, str(folder / "store.sqlite"))
        try:
            yield factory
        finally:
            factory.close()
        return
    assert databases is not None
    url = databases.create()
    factory = StoreFactory(kind, url)
    try:
        yield factory
    finally:
        factory.close()
        databases.drop(url)


def write_behind(store: Store, state: MeasureState) -> None:
    """Store `state` (under its own version) without going through `store`, as a writer that ignores the
    store's locks would: for SQLite on the store's own connection (the only one that may write while the
    store's transaction is open), for PostgreSQL on a connection of its own, committed at once."""
    from tradewatch import serial

    if isinstance(store, SqliteStore):
        conn = store._conn
        assert conn is not None
        conn.execute(
            "UPDATE ledger SET state = ?, version = ? WHERE key = ?",
            (serial.dumps(state), state.version, state.key),
        )
        return
    import psycopg

    with psycopg.connect(store.url, autocommit=True) as pg:  # type: ignore[attr-defined]
        pg.execute(
            "UPDATE ledger SET state = %s::json, version = %s WHERE key = %s",
            (serial.dumps(state), state.version, state.key),
        )


# -- sources, items and polls -------------------------------------------------------------------------------

T0 = datetime(2025, 8, 12, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def src(name: str, *, interval: float = 60, url: str | None = None, **kw: Any) -> Source:
    return Source(name=name, url=url or f"https://feeds.example/{name}.xml", interval=interval, **kw)


def item(item_id: str, source: str = "a", title: str | None = None, **kw: Any) -> Item:
    fields: dict[str, Any] = {
        "title": title if title is not None else f"Officials discuss measure {item_id} at length",
        "text": "The United States raised its tariff on Chinese steel to 50% from 25%.",
        "url": f"https://news.example/{source}/{item_id}",
        "published": T0,
    }
    return Item(id=item_id, source=source, **{**fields, **kw})


def record(it: Item, *, keys: tuple[str, ...] | None = None, **kw: Any) -> ItemRecord:
    return ItemRecord(item=it, story_keys=keys or (f"url:{it.url}",), **kw)


def parsed_result(
    claim: Claim, ids: list[str], new: list[ItemRecord], *, t: float, due: float = 60
) -> PollResult:
    return PollResult(
        name=claim.source.name,
        epoch=claim.epoch,
        polled_at=at(t),
        due_at=at(t + due),
        present_ids=tuple(ids),
        new_items=tuple(new),
        validators=Validators(etag='"e1"'),
    )


def unseen(store: Store, name: str, ids: list[str]) -> set[str]:
    return set(ids) - store.seen_ids(name)


def poll(store: Store, name: str, ids: list[str], *, t: float, owner: str = "me") -> set[str]:
    """One parsed poll of `name` that lists `ids`; returns the ids the store took as new."""
    (claim,) = store.claim([name], owner, LEASE, now=at(t))
    fresh = unseen(store, name, ids)
    records = [record(item(i, name)) for i in ids if i in fresh]
    committed = store.commit_poll(owner, parsed_result(claim, ids, records, t=t), now=at(t))
    assert committed is not None
    return set(committed.stories)
